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
import io.patternhub.core.ledger.Ledger;
import io.patternhub.core.ledger.PostResult;
import io.patternhub.core.ledger.PostingMode;
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
 * The demo's orders become balanced journals (one per sale and refund) in both ledger sandboxes, Xero
 * and QuickBooks, with the shipped default mapping; a second run posts nothing. Then the per-platform
 * sales report, written as {@code sales-report.csv}.
 */
final class ReconcileBooksStep implements DemoStep {
    /** The default mapping's accounts, as each ledger's chart of accounts holds them. */
    private static final String[][] ACCOUNTS = {{"200", "Sales", "REVENUE", "Income"},
        {"210", "Discounts", "REVENUE", "Income"}, {"220", "Refunds", "REVENUE", "Income"},
        {"610", "Marketplace clearing", "CURRENT", "Other Current Asset"}};

    @Override
    public String title() {
        return "Reconcile the books into Xero and QuickBooks";
    }

    @Override
    public void run(DemoWorld world, StepLog log) throws Exception {
        HubReconciliation books = new HubReconciliation(world.store(), Mappings.builtinDefault(), ZoneOffset.UTC);
        ReconcileInput input = books.allOrders();
        ReconcileResult result = books.engine().reconcile(input, PostingMode.PER_ORDER);
        log.say("%d orders in the hub became %d balanced journals (per order, default mapping)",
                input.orders().size(), result.journals().size());
        world.summary().set("books.journals", result.journals().size());
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
        for (PlatformMonth row : report.rows()) {
            log.say("%s %s: %d orders, gross %s, refunds %s, net %s", row.platform().displayName(), row.month(),
                    row.orders(), row.gross(), row.refunds(), row.net());
        }
        world.summary().set("books.report_rows", report.rows().size());
        log.say("per-platform report: %s", csv.getFileName());
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
