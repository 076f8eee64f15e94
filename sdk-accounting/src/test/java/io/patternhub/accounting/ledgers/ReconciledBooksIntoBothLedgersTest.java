package io.patternhub.accounting.ledgers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.accounting.quickbooks.QuickBooksLedger;
import io.patternhub.accounting.quickbooks.QuickBooksPostingStyle;
import io.patternhub.accounting.reconcile.FxRates;
import io.patternhub.accounting.reconcile.MappingFile;
import io.patternhub.accounting.reconcile.ReconcileInput;
import io.patternhub.accounting.reconcile.ReconcileResult;
import io.patternhub.accounting.reconcile.Reconciler;
import io.patternhub.accounting.xero.XeroLedger;
import io.patternhub.accounting.xero.XeroPostingStyle;
import io.patternhub.core.Platform;
import io.patternhub.core.auth.ApiKeyAuth;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.ledger.Ledger;
import io.patternhub.core.ledger.PostResult;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.PayoutStatus;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.model.TaxLine;
import io.patternhub.testkit.quickbooks.QuickBooksSandbox;
import io.patternhub.testkit.xero.XeroSandbox;
import io.patternhub.testkit.xero.XeroSpecValidator;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciliation engine's journals, posted into both ledger sandboxes, once. */
class ReconciledBooksIntoBothLedgersTest {
    private static final String MAPPING = """
            account.*.bank = 090
            account.*.rounding = 860
            account.*.fx_gain_loss = 861
            account.*.adjustments = 862
            account.*.fee_tax = 820
            account.etsy.sales = 200
            account.etsy.discounts = 210
            account.etsy.refunds = 220
            account.etsy.clearing = 611
            account.etsy.marketplace_tax = 825
            account.etsy.fee.transaction = 404
            account.etsy.fee.payment_processing = 405
            account.shopify.sales = 201
            account.shopify.discounts = 211
            account.shopify.refunds = 221
            account.shopify.clearing = 612
            account.shopify.seller_tax = 826
            account.shopify.fee.payment_processing = 415
            tax.etsy.*.* = NONE
            tax.shopify.DE.* = OSS-DE
            tax.shopify.*.* = OUTPUT
            """;
    private static final String[][] ACCOUNTS = {
        {"200", "Etsy Sales", "REVENUE", "Income"}, {"201", "Shopify Sales", "REVENUE", "Income"},
        {"210", "Etsy Discounts", "REVENUE", "Income"}, {"211", "Shopify Discounts", "REVENUE", "Income"},
        {"220", "Etsy Refunds", "REVENUE", "Income"}, {"221", "Shopify Refunds", "REVENUE", "Income"},
        {"404", "Etsy Transaction Fees", "OVERHEADS", "Expense"}, {"405", "Etsy Processing Fees", "OVERHEADS", "Expense"},
        {"415", "Shopify Payments Fees", "OVERHEADS", "Expense"}, {"611", "Etsy Clearing", "CURRENT", "Other Current Asset"},
        {"612", "Shopify Clearing", "CURRENT", "Other Current Asset"}, {"820", "VAT on Fees", "CURRLIAB", "Other Current Liability"},
        {"825", "Etsy Collected VAT", "CURRLIAB", "Other Current Liability"},
        {"826", "OSS VAT Payable", "CURRLIAB", "Other Current Liability"}, {"860", "Rounding", "CURRLIAB", "Other Current Liability"},
        {"861", "FX Gains/Losses", "OVERHEADS", "Expense"}, {"862", "Adjustments", "OVERHEADS", "Expense"},
        {"090", "Business Bank", "BANK", "Bank"},
    };

    private static XeroSpecValidator spec;
    private XeroSandbox xeroSandbox;
    private QuickBooksSandbox qbSandbox;
    private XeroLedger xero;
    private QuickBooksLedger quickBooks;

    @BeforeAll
    static void loadSpec() {
        spec = XeroSpecValidator.load();
    }

    @BeforeEach
    void start() {
        xeroSandbox = XeroSandbox.xeroBuilder().specValidator(spec).organisation("org-1", "Pattern Studio", "EUR")
                .build().start();
        qbSandbox = QuickBooksSandbox.quickBooksBuilder().build().start();
        for (String[] a : ACCOUNTS) {
            if (!a[0].equals("090") && !a[0].equals("200") && !a[0].equals("404") && !a[0].equals("820")
                    && !a[0].equals("860")) {
                xeroSandbox.addAccount(a[0], a[1], a[2]);
            }
            qbSandbox.addAccount(a[0], a[1], a[3]);
        }
        xeroSandbox.addTaxRate("OSS-DE", "OSS Germany 19%", new BigDecimal("19"));
        qbSandbox.addTaxCode("NONE", "No VAT", BigDecimal.ZERO);
        qbSandbox.addTaxCode("OUTPUT", "Standard", new BigDecimal("20"));
        qbSandbox.addTaxCode("OSS-DE", "OSS Germany 19%", new BigDecimal("19"));
    }

    @AfterEach
    void stop() {
        if (xero != null) {
            xero.close();
        }
        if (quickBooks != null) {
            quickBooks.close();
        }
        assertThat(xeroSandbox.journal().validationFailures()).isEmpty();
        xeroSandbox.close();
        qbSandbox.close();
    }

    private static Reconciler engine() {
        MappingFile m = MappingFile.load(new StringReader(MAPPING));
        return Reconciler.builder().accounts(m.accounts()).taxes(m.taxes()).rates(FxRates.none()).build();
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    /** An Etsy sale with marketplace VAT and a Shopify sale with seller-owed OSS VAT, each paid out. */
    private static ReconcileInput books() {
        Order etsy = Order.builder().platform(Platform.ETSY).externalId("3001")
                .createdAt(Instant.parse("2026-05-03T10:00:00Z"))
                .buyer(CustomerRef.builder().platform(Platform.ETSY).externalId("b1").country("DE").build())
                .currency(Currency.getInstance("EUR"))
                .addLineItem(LineItem.builder().externalId("l1").sku("SOCK-1").title("Sock pattern").quantity(1)
                        .unitPrice(eur("8.00")).build())
                .subtotal(eur("8.00")).total(eur("9.52"))
                .addTax(TaxLine.builder().amount(eur("1.52")).country("DE").collectedBy(TaxCollector.MARKETPLACE).build())
                .addFee(Fee.builder().kind(FeeKind.TRANSACTION).amount(eur("0.52")).tax(eur("0.10")).build())
                .addFee(Fee.builder().kind(FeeKind.PAYMENT_PROCESSING).amount(eur("0.69")).build())
                .status(OrderStatus.PAID).build();
        Order shopify = Order.builder().platform(Platform.SHOPIFY).externalId("502")
                .createdAt(Instant.parse("2026-05-11T08:00:00Z"))
                .buyer(CustomerRef.builder().platform(Platform.SHOPIFY).externalId("b2").country("DE").build())
                .currency(Currency.getInstance("EUR"))
                .addLineItem(LineItem.builder().externalId("l2").sku("HAT-2").title("Hat pattern").quantity(1)
                        .unitPrice(eur("11.90")).build())
                .subtotal(eur("11.90")).total(eur("11.90"))
                .addTax(TaxLine.builder().amount(eur("1.90")).country("DE").collectedBy(TaxCollector.SELLER).build())
                .addFee(Fee.builder().kind(FeeKind.PAYMENT_PROCESSING).amount(eur("0.60")).build())
                .status(OrderStatus.PAID).build();
        Payout etsyPayout = Payout.builder().platform(Platform.ETSY).externalId("P1").currency(Currency.getInstance("EUR"))
                .periodStart(Instant.parse("2026-05-01T00:00:00Z")).periodEnd(Instant.parse("2026-05-27T23:59:59Z"))
                .arrivalDate(LocalDate.parse("2026-05-28")).gross(eur("8.00")).fees(eur("1.31"))
                .addOrderId("3001").status(PayoutStatus.PAID).build();
        Payout shopifyPayout = Payout.builder().platform(Platform.SHOPIFY).externalId("SP1")
                .currency(Currency.getInstance("EUR")).arrivalDate(LocalDate.parse("2026-05-12"))
                .gross(eur("11.90")).fees(eur("0.60")).addOrderId("502").status(PayoutStatus.PAID).build();
        return ReconcileInput.builder().addOrder(etsy).addOrder(shopify).addPayout(etsyPayout).addPayout(shopifyPayout)
                .build();
    }

    private static BigDecimal bankLine(Journal j) {
        return j.lines().stream().filter(l -> l.accountCode().equals("090"))
                .map(l -> l.isDebit() ? l.amount().amount() : l.amount().amount().negate())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void postedOnceEach(Ledger ledger, Reconciler engine, ReconcileResult result,
            Function<Void, Integer> stored) {
        List<PostResult> first = engine.post(ledger, result);
        assertThat(first).hasSize(result.journals().size()).allSatisfy(r -> assertThat(r.created()).isTrue());
        assertThat(stored.apply(null)).isEqualTo(result.journals().size());
        List<PostResult> again = engine.post(ledger, result);
        assertThat(again).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(PostResult.Outcome.ALREADY_EXISTED));
        assertThat(stored.apply(null)).isEqualTo(result.journals().size());
        for (Journal j : result.journals()) {
            assertThat(ledger.findByReference(j.reference())).isPresent();
        }
    }

    @Test
    void perPayoutSummariesLandInXeroAsPaidInvoicesAndInQuickBooksAsDepositsEqualToTheBankDeposits() {
        Reconciler engine = engine();
        ReconcileResult result = engine.reconcile(books(), PostingMode.PER_PAYOUT);
        assertThat(result.journals()).hasSize(2);

        xero = XeroLedger.builder().baseUrl(xeroSandbox.apiBaseUrl()).identityBaseUrl(xeroSandbox.baseUrl())
                .auth(ApiKeyAuth.header("Authorization", "Bearer x")).style(XeroPostingStyle.INVOICE_AND_PAYMENT).build();
        postedOnceEach(xero, engine, result, v -> xeroSandbox.invoices().size());
        for (Journal j : result.journals()) {
            JsonNode payment = xeroSandbox.payments().stream()
                    .filter(p -> p.path("Reference").asText().equals(j.reference())).findFirst().orElseThrow();
            assertThat(payment.path("Amount").decimalValue()).isEqualByComparingTo(bankLine(j).abs());
        }
        assertThat(xeroSandbox.invoices()).allSatisfy(i -> assertThat(i.path("Status").asText()).isEqualTo("PAID"));

        quickBooks = QuickBooksLedger.builder().baseUrl(qbSandbox.baseUrl()).realmId(qbSandbox.realmId())
                .auth(ApiKeyAuth.header("Authorization", "Bearer q")).style(QuickBooksPostingStyle.DEPOSIT).build();
        postedOnceEach(quickBooks, engine, result, v -> qbSandbox.transactions("Deposit").size()
                + qbSandbox.journalEntries().size());
        for (Journal j : result.journals()) {
            if (bankLine(j).signum() > 0) {
                assertThat(qbSandbox.transactions("Deposit")).anySatisfy(d -> {
                    assertThat(d.path("PrivateNote").asText()).isEqualTo(j.reference());
                    assertThat(d.path("TotalAmt").decimalValue()).isEqualByComparingTo(bankLine(j));
                });
            }
        }
    }

    @Test
    void perOrderJournalsLandAsManualJournalsAndJournalEntriesThatBalance() {
        Reconciler engine = engine();
        ReconcileResult result = engine.reconcile(books(), PostingMode.PER_ORDER);
        assertThat(result.journals()).isNotEmpty();

        xero = XeroLedger.builder().baseUrl(xeroSandbox.apiBaseUrl()).identityBaseUrl(xeroSandbox.baseUrl())
                .auth(ApiKeyAuth.header("Authorization", "Bearer x")).style(XeroPostingStyle.MANUAL_JOURNAL).build();
        postedOnceEach(xero, engine, result, v -> xeroSandbox.manualJournals().size());

        quickBooks = QuickBooksLedger.builder().baseUrl(qbSandbox.baseUrl()).realmId(qbSandbox.realmId())
                .auth(ApiKeyAuth.header("Authorization", "Bearer q")).build();
        postedOnceEach(quickBooks, engine, result, v -> qbSandbox.journalEntries().size());
        BigDecimal debits = result.journals().stream().flatMap(j -> j.lines().stream()).filter(JournalLine::isDebit)
                .map(l -> l.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(qbSandbox.journalEntries().stream().map(e -> e.path("TotalAmt").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(debits);
    }
}
