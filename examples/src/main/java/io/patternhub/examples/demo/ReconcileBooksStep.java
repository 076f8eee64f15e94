package io.patternhub.examples.demo;

import io.patternhub.accounting.quickbooks.QuickBooksLedger;
import io.patternhub.accounting.reconcile.ReconcileInput;
import io.patternhub.accounting.reconcile.ReconcileResult;
import io.patternhub.accounting.reconcile.report.AdSpend;
import io.patternhub.accounting.reconcile.report.PlatformMonth;
import io.patternhub.accounting.reconcile.report.SalesReport;
import io.patternhub.accounting.xero.XeroLedger;
import io.patternhub.accounting.xero.XeroPostingStyle;
import io.patternhub.core.auth.ApiKeyAuth;
import io.patternhub.accounting.reconcile.AccountRole;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.ledger.Ledger;
import io.patternhub.core.ledger.PostResult;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Payout;
import io.patternhub.examples.accounting.HubReconciliation;
import io.patternhub.examples.accounting.Mappings;
import io.patternhub.testkit.quickbooks.QuickBooksSandbox;
import io.patternhub.testkit.xero.XeroSandbox;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The demo's orders, with their fees, taxes and refunds, and the Etsy and Shopify payouts become balanced
 * journals (one per sale and refund, one settlement per payout) in both ledger sandboxes, Xero and
 * QuickBooks, with the shipped default mapping; a second run posts nothing. The per-payout summaries are
 * checked too: each one's bank lines add up to the deposit. Then the per-platform sales report, written
 * as {@code sales-report.csv}.
 */
final class ReconcileBooksStep implements DemoStep {
    /** The default mapping's accounts, as each ledger's chart of accounts holds them (code, name, Xero type, QuickBooks type). */
    private static final String[][] ACCOUNTS = {{"090", "Bank", "BANK", "Bank"},
        {"200", "Sales", "REVENUE", "Income"}, {"210", "Discounts", "REVENUE", "Income"},
        {"220", "Refunds", "REVENUE", "Income"}, {"404", "Transaction fees", "OVERHEADS", "Expense"},
        {"405", "Payment processing fees", "OVERHEADS", "Expense"}, {"406", "Listing fees", "OVERHEADS", "Expense"},
        {"407", "Ads", "OVERHEADS", "Expense"}, {"408", "Currency conversion fees", "OVERHEADS", "Expense"},
        {"409", "Other fees", "OVERHEADS", "Expense"}, {"610", "Marketplace clearing", "CURRENT", "Other Current Asset"},
        {"820", "Tax on fees", "CURRLIAB", "Other Current Liability"},
        {"825", "Marketplace-collected tax", "CURRLIAB", "Other Current Liability"},
        {"826", "Sales tax owed", "CURRLIAB", "Other Current Liability"},
        {"860", "Rounding", "CURRLIAB", "Other Current Liability"},
        {"861", "FX gains and losses", "OVERHEADS", "Expense"}, {"862", "Payout adjustments", "OVERHEADS", "Expense"}};

    @Override
    public String title() {
        return "Reconcile the books into Xero and QuickBooks";
    }

    @Override
    public void run(DemoWorld world, StepLog log) throws Exception {
        HubReconciliation books = new HubReconciliation(world.store(), Mappings.builtinDefault(), ZoneOffset.UTC);
        ReconcileInput input = books.everything();
        ReconcileResult result = books.engine().reconcile(input, PostingMode.PER_ORDER);
        log.say("%d orders and %d payouts in the hub became %d balanced journals (per order, default mapping)",
                input.orders().size(), input.payouts().size(), result.journals().size());
        ReconcileResult perPayout = books.engine().reconcile(input, PostingMode.PER_PAYOUT);
        for (Payout payout : input.payouts()) {
            Money banked = bankLines(perPayout, payout);
            log.say("%s payout %s: deposit %s, per-payout summary banks %s", payout.platform().displayName(),
                    payout.externalId(), payout.net(), banked);
            if (!banked.equals(payout.net())) {
                throw new IllegalStateException("payout " + payout.externalId() + " banks " + banked + " but deposited "
                        + payout.net());
            }
        }
        world.summary().set("books.journals", result.journals().size());
        world.summary().set("books.payouts", input.payouts().size());
        try (XeroSandbox xeroSandbox = XeroSandbox.xeroBuilder().organisation("demo-org", DemoWorld.SHOP_NAME, "EUR")
                .build().start();
             QuickBooksSandbox qbSandbox = QuickBooksSandbox.quickBooksBuilder().build().start()) {
            for (String[] a : ACCOUNTS) {
                xeroSandbox.addAccount(a[0], a[1], a[2]);
                qbSandbox.addAccount(a[0], a[1], a[3]);
            }
            qbSandbox.addTaxCode("NONE", "No tax", BigDecimal.ZERO);
            try (XeroLedger xero = XeroLedger.builder().baseUrl(xeroSandbox.apiBaseUrl())
                    .identityBaseUrl(xeroSandbox.baseUrl()).tenantId("demo-org")
                    .auth(ApiKeyAuth.header("Authorization", "Bearer demo")).style(XeroPostingStyle.MANUAL_JOURNAL)
                    .build();
                 QuickBooksLedger quickBooks = QuickBooksLedger.builder().baseUrl(qbSandbox.baseUrl())
                    .realmId(qbSandbox.realmId()).auth(ApiKeyAuth.header("Authorization", "Bearer demo")).build()) {
                postTwice(books, result, xero, "xero", world, log);
                postTwice(books, result, quickBooks, "quickbooks", world, log);
            }
            world.summary().set("books.xero_manual_journals", xeroSandbox.manualJournals().size());
            world.summary().set("books.quickbooks_journal_entries", qbSandbox.journalEntries().size());
        }
        SalesReport report = books.engine().report(input, AdSpend.none());
        Path csv = world.out().resolve("sales-report.csv");
        Files.writeString(csv, report.toCsv(), StandardCharsets.UTF_8);
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal taxes = BigDecimal.ZERO;
        for (PlatformMonth row : report.rows()) {
            log.say("%s %s: %d orders, gross %s, refunds %s, fees %s, taxes %s (marketplace %s, seller %s), net %s",
                    row.platform().displayName(), row.month(), row.orders(), row.gross(), row.refunds(),
                    row.totalFees().plus(row.feeTax()), row.marketplaceTax().plus(row.sellerTax()), row.marketplaceTax(),
                    row.sellerTax(), row.net());
            fees = fees.add(row.totalFees().amount());
            taxes = taxes.add(row.marketplaceTax().plus(row.sellerTax()).amount());
        }
        world.summary().set("books.report_rows", report.rows().size());
        world.summary().set("books.report_fees_nonzero", fees.signum() != 0 ? 1 : 0);
        world.summary().set("books.report_taxes_nonzero", taxes.signum() != 0 ? 1 : 0);
        log.say("per-platform report: %s", csv.getFileName());
    }

    /** The net of the bank lines of one payout's summaries, over every month it spans. */
    private static Money bankLines(ReconcileResult perPayout, Payout payout) {
        String bank = Mappings.builtinDefault().accounts().accountFor(payout.platform(), AccountRole.BANK)
                .orElseThrow();
        Money total = Money.zero(payout.currency());
        for (Journal j : perPayout.journals()) {
            if (!j.reference().startsWith("PH-" + payout.platform().name() + "-PAYOUT-")
                    || !j.reference().contains(payoutRef(payout))) {
                continue;
            }
            for (JournalLine line : j.lines()) {
                if (line.accountCode().equals(bank)) {
                    total = total.plus(line.debit().orElse(Money.zero(payout.currency())))
                            .minus(line.credit().orElse(Money.zero(payout.currency())));
                }
            }
        }
        return total;
    }

    /** The payout id as the engine's references carry it: a Shopify GID's number, other characters as '_'. */
    private static String payoutRef(Payout payout) {
        String id = payout.externalId();
        id = id.startsWith("gid://") ? id.substring(id.lastIndexOf('/') + 1) : id;
        return "-PAYOUT-" + id.replaceAll("[^A-Za-z0-9_.]", "_") + "-";
    }

    private static void postTwice(HubReconciliation books, ReconcileResult result, Ledger ledger, String name,
                                  DemoWorld world, StepLog log) {
        List<PostResult> first = books.engine().post(ledger, result);
        List<PostResult> again = books.engine().post(ledger, result);
        long created = first.stream().filter(PostResult::created).count();
        long createdAgain = again.stream().filter(PostResult::created).count();
        world.summary().set("books." + name + "_posted", created);
        world.summary().set("books." + name + "_reposted", createdAgain);
        log.say("%s: %d journals posted; running it again posted %d (found by reference)", name, created, createdAgain);
    }
}
