package io.patternhub.accounting.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.auth.ApiKeyAuth;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.ledger.Account;
import io.patternhub.core.ledger.AccountType;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.ledger.PostResult;
import io.patternhub.core.ledger.PostedEntry;
import io.patternhub.core.model.Money;
import io.patternhub.testkit.RequestMatchers;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.journal.JournalEntry;
import io.patternhub.testkit.xero.XeroSandbox;
import io.patternhub.testkit.xero.XeroSpecValidator;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class XeroLedgerTest {
    private static XeroSpecValidator spec;

    private XeroSandbox sandbox;
    private final List<XeroLedger> ledgers = new ArrayList<>();

    @BeforeAll
    static void loadSpec() {
        spec = XeroSpecValidator.load(); // shared: loading the 900 KB spec takes seconds
    }

    @BeforeEach
    void start() {
        sandbox = XeroSandbox.xeroBuilder().specValidator(spec).build().start();
    }

    @AfterEach
    void stop() {
        ledgers.forEach(XeroLedger::close);
        // Every request the ledger sent passed Xero's OpenAPI description.
        assertThat(sandbox.journal().validationFailures()).isEmpty();
        sandbox.close();
    }

    private XeroLedger.Builder ledger() {
        return XeroLedger.builder().baseUrl(sandbox.apiBaseUrl()).identityBaseUrl(sandbox.baseUrl())
                .auth(ApiKeyAuth.header("Authorization", "Bearer test-token"))
                .retry(RetrySettings.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    private XeroLedger build(XeroLedger.Builder b) {
        XeroLedger l = b.build();
        ledgers.add(l);
        return l;
    }

    private static JournalLine line(String side, String account, Money amount, String description, String tax) {
        var b = JournalLine.builder().accountCode(account);
        if (side.equals("debit")) {
            b.debit(amount);
        } else {
            b.credit(amount);
        }
        if (description != null) {
            b.description(description);
        }
        if (tax != null) {
            b.taxCode(tax);
        }
        return b.build();
    }

    /** A payout: 100 sales, 8 tax, fees 6.50 and a deposit of 101.50. */
    private static Journal payout(String ref) {
        return Journal.builder().date(LocalDate.of(2026, 3, 31)).reference(ref).currency(Currency.getInstance("USD"))
                .memo("Etsy payout")
                .addLine(line("debit", "090", Money.of("101.50", "USD"), "Deposit", null))
                .addLine(line("debit", "404", Money.of("6.50", "USD"), "Etsy fees", null))
                .addLine(line("credit", "200", Money.of("100.00", "USD"), "Sales", "OUTPUT"))
                .addLine(line("credit", "820", Money.of("8.00", "USD"), "Sales tax", null))
                .build();
    }

    @Test
    void discoversTheOnlyTenantAndReadsChartAndTaxRates() {
        XeroLedger xero = build(ledger());
        assertThat(xero.tenantId()).isEqualTo(sandbox.tenantId());
        List<Account> chart = xero.chartOfAccounts();
        assertThat(chart).anySatisfy(a -> {
            assertThat(a.code()).isEqualTo("090");
            assertThat(a.type()).isEqualTo(AccountType.BANK);
        });
        assertThat(chart).anySatisfy(a -> assertThat(a.code() + a.type()).isEqualTo("200" + AccountType.REVENUE));
        assertThat(xero.taxRates()).anySatisfy(t -> {
            assertThat(t.code()).isEqualTo("OUTPUT");
            assertThat(t.rate()).isEqualByComparingTo("0.2");
        });
        // Every accounting call carried the tenant header.
        assertThat(sandbox.journal().entries()).filteredOn(e -> e.path().startsWith(XeroSandbox.API))
                .allSatisfy(e -> assertThat(e.headers()).containsEntry("xero-tenant-id", sandbox.tenantId()));
    }

    @Test
    void theTransportCustomizerReachesBothTheIdentityAndTheAccountingCalls() {
        XeroLedger xero = build(ledger().transport(t -> t.userAgent("pattern-books/2.0")));
        assertThat(xero.chartOfAccounts()).isNotEmpty();
        assertThat(sandbox.journal().entries()).extracting(e -> e.path().startsWith(XeroSandbox.API))
                .contains(true, false); // tenant discovery and the accounting call
        assertThat(sandbox.journal().entries()).allSatisfy(e -> assertThat(e.headers().entrySet())
                .anySatisfy(h -> assertThat(h.getKey() + "=" + h.getValue()).isEqualToIgnoringCase("user-agent=pattern-books/2.0")));
    }

    @Test
    void severalTenantsNeedAChoice() {
        sandbox.close();
        sandbox = XeroSandbox.xeroBuilder().specValidator(spec).organisation("t-1", "Knit Co", "GBP")
                .organisation("t-2", "Sew Co", "EUR").build().start();
        assertThatThrownBy(() -> build(ledger()).tenantId()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Knit Co (t-1)").hasMessageContaining("Sew Co (t-2)");
        assertThat(build(ledger().tenantName("Sew Co")).tenantId()).isEqualTo("t-2");
    }

    @Test
    void postsAManualJournalOnceAndFindsItByReference() {
        XeroLedger xero = build(ledger().style(XeroPostingStyle.MANUAL_JOURNAL));
        PostResult first = xero.post(payout("etsy-payout-1"));
        PostResult second = xero.post(payout("etsy-payout-1"));

        assertThat(first.created()).isTrue();
        assertThat(second.outcome()).isEqualTo(PostResult.Outcome.ALREADY_EXISTED);
        assertThat(second.entry().externalId()).isEqualTo(first.entry().externalId());
        assertThat(sandbox.manualJournals()).hasSize(1);
        ObjectNode mj = sandbox.manualJournals().get(0);
        assertThat(mj.path("Narration").asText()).isEqualTo("etsy-payout-1");
        assertThat(mj.path("Status").asText()).isEqualTo("POSTED");
        List<String> amounts = new ArrayList<>();
        mj.path("JournalLines").forEach(l -> amounts.add(l.path("AccountCode").asText() + "="
                + l.path("LineAmount").decimalValue().toPlainString()));
        assertThat(amounts).containsExactly("090=101.50", "404=6.50", "200=-100.00", "820=-8.00");
        assertThat(mj.path("JournalLines").get(2).path("TaxType").asText()).isEqualTo("OUTPUT");
        assertThat(sandbox.journal().count("PUT", XeroSandbox.API + "/ManualJournals")).isEqualTo(1);
        assertThat(sandbox.journal().entries()).filteredOn(e -> e.method().equals("PUT"))
                .allSatisfy(e -> {
                    assertThat(e.headers()).containsKey("Idempotency-Key");
                    assertThat(e.query()).containsEntry("summarizeErrors", List.of("false"));
                });

        PostedEntry found = xero.findByReference("etsy-payout-1").orElseThrow();
        assertThat(found.externalId()).isEqualTo(first.entry().externalId());
        assertThat(found.total()).isEqualTo(Money.of("108.00", "USD"));
        assertThat(found.date()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(xero.findByReference("etsy-payout-2")).isEmpty();
    }

    @Test
    void postsAnInvoiceWithAPaymentEqualToTheDeposit() {
        XeroLedger xero = build(ledger().style(XeroPostingStyle.INVOICE_AND_PAYMENT));
        PostResult result = xero.post(payout("etsy-payout-7"));

        assertThat(result.created()).isTrue();
        assertThat(sandbox.invoices()).hasSize(1);
        JsonNode inv = sandbox.invoices().get(0);
        assertThat(inv.path("Type").asText()).isEqualTo("ACCREC");
        assertThat(inv.path("Reference").asText()).isEqualTo("etsy-payout-7");
        assertThat(inv.path("Total").decimalValue()).isEqualByComparingTo("101.50"); // 100 + 8 - 6.50
        assertThat(inv.path("Status").asText()).isEqualTo("PAID");
        assertThat(inv.path("AmountDue").decimalValue()).isEqualByComparingTo("0");
        assertThat(sandbox.payments()).hasSize(1);
        assertThat(sandbox.payments().get(0).path("Amount").decimalValue()).isEqualByComparingTo("101.50");
        assertThat(sandbox.payments().get(0).path("Account").path("Code").asText()).isEqualTo("090");
        assertThat(sandbox.contacts()).extracting(c -> c.path("Name").asText()).containsExactly("PatternHub sales");

        assertThat(xero.post(payout("etsy-payout-7")).created()).isFalse();
        assertThat(sandbox.invoices()).hasSize(1);
        assertThat(sandbox.payments()).hasSize(1);
    }

    @Test
    void aNegativePayoutBecomesAPaidBill() {
        XeroLedger xero = build(ledger().mode(io.patternhub.core.ledger.PostingMode.PER_PAYOUT));
        Journal refundHeavy = Journal.builder().date(LocalDate.of(2026, 4, 2)).reference("shopify-payout-9")
                .currency(Currency.getInstance("USD"))
                .addLine(line("debit", "200", Money.of("30.00", "USD"), "Refunds", null))
                .addLine(line("credit", "090", Money.of("25.00", "USD"), "Withdrawal", null))
                .addLine(line("credit", "260", Money.of("5.00", "USD"), "Fee refund", null))
                .build();
        xero.post(refundHeavy);
        JsonNode bill = sandbox.invoices().get(0);
        assertThat(bill.path("Type").asText()).isEqualTo("ACCPAY");
        assertThat(bill.path("Total").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(bill.path("Status").asText()).isEqualTo("PAID");
    }

    @Test
    void postsABankTransactionPerOrder() {
        XeroLedger xero = build(ledger().mode(io.patternhub.core.ledger.PostingMode.PER_ORDER));
        xero.post(payout("etsy-order-55"));
        assertThat(sandbox.bankTransactions()).hasSize(1);
        JsonNode bt = sandbox.bankTransactions().get(0);
        assertThat(bt.path("Type").asText()).isEqualTo("RECEIVE");
        assertThat(bt.path("BankAccount").path("Code").asText()).isEqualTo("090");
        assertThat(bt.path("Total").decimalValue()).isEqualByComparingTo("101.50");
        List<String> lines = new ArrayList<>();
        bt.path("LineItems").forEach(l -> lines.add(l.path("AccountCode").asText() + "="
                + l.path("LineAmount").decimalValue().toPlainString()));
        assertThat(lines).containsExactly("404=-6.50", "200=100.00", "820=8.00");
        assertThat(xero.findByReference("etsy-order-55")).isPresent();
    }

    @Test
    void aMissingAccountIsRefusedBeforeAnythingIsPostedListingWhatToMap() {
        XeroLedger xero = build(ledger());
        Journal unmapped = Journal.builder().date(LocalDate.of(2026, 3, 1)).reference("woo-payout-3")
                .currency(Currency.getInstance("USD"))
                .addLine(JournalLine.debit("1210", Money.of("10.00", "USD")))
                .addLine(line("credit", "200", Money.of("10.00", "USD"), null, "EUOSS-DE"))
                .build();
        assertThatThrownBy(() -> xero.post(unmapped)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.getMessage()).contains("account '1210' does not exist (used by woo-payout-3)")
                    .contains("tax rate 'EUOSS-DE'").contains("090 (Business Bank Account)");
            assertThat(e.validationErrors()).extracting(ValidationError::code)
                    .containsExactly("unmapped_account", "unmapped_tax_rate");
        });
        assertThat(sandbox.journal().writeCount()).isZero();
    }

    @Test
    void itemValidationErrorsAreSurfacedStructurallyAndTheValidItemsArePosted() {
        XeroLedger xero = build(ledger().style(XeroPostingStyle.MANUAL_JOURNAL));
        xero.chartOfAccounts(); // the mapping check below uses this (soon stale) chart
        xero.post(payout("warmup"));
        sandbox.archiveAccount("404"); // archived in Xero after the ledger cached the chart

        Journal good = Journal.builder().date(LocalDate.of(2026, 3, 2)).reference("good-1")
                .currency(Currency.getInstance("USD"))
                .addLine(JournalLine.debit("090", Money.of("5.00", "USD")))
                .addLine(JournalLine.credit("200", Money.of("5.00", "USD"))).build();
        assertThatThrownBy(() -> xero.postAll(List.of(good, payout("bad-1"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.platformErrorCode()).contains("ValidationException");
                    assertThat(e.validationErrors()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("bad-1");
                        assertThat(v.message()).contains("Account code '404' has been archived");
                    });
                });
        assertThat(sandbox.manualJournals()).extracting(m -> m.path("Narration").asText())
                .containsExactly("warmup", "good-1");
        assertThat(xero.findByReference("good-1")).isPresent();
    }

    @Test
    void anInterruptedPostRetriedThreeTimesLeavesOneEntry() {
        XeroLedger xero = build(ledger().style(XeroPostingStyle.MANUAL_JOURNAL));
        xero.chartOfAccounts();
        sandbox.faults().next(3, RequestMatchers.route("PUT", XeroSandbox.API + "/ManualJournals"),
                Fault.processThenDrop());

        PostResult result = xero.post(payout("etsy-payout-42"));

        assertThat(result.created()).isTrue();
        assertThat(sandbox.manualJournals()).hasSize(1);
        List<JournalEntry> puts = sandbox.journal().entries().stream()
                .filter(e -> e.method().equals("PUT")).toList();
        assertThat(puts).hasSize(4); // the original and three retries, all with the same key
        assertThat(puts).extracting(e -> e.headers().get("Idempotency-Key")).containsOnly(
                puts.get(0).headers().get("Idempotency-Key"));
        assertThat(puts.stream().filter(e -> e.fault().isPresent())).hasSize(3);
    }

    @Test
    void aLostResponseWithoutTransportRetriesIsFoundOnTheNextPost() {
        XeroLedger xero = build(ledger().retry(RetrySettings.none()));
        xero.chartOfAccounts();
        sandbox.faults().next(1, RequestMatchers.route("PUT", XeroSandbox.API + "/ManualJournals"),
                Fault.processThenDrop());
        assertThatThrownBy(() -> xero.post(payout("etsy-payout-43"))).isInstanceOf(ConnectionException.class);
        for (int i = 0; i < 3; i++) {
            assertThat(xero.post(payout("etsy-payout-43")).outcome()).isEqualTo(PostResult.Outcome.ALREADY_EXISTED);
        }
        assertThat(sandbox.manualJournals()).hasSize(1);
    }

    @Test
    void a429IsWaitedOutAndRetried() {
        XeroLedger xero = build(ledger().tenantId(sandbox.tenantId()));
        sandbox.faults().throttleNext(1, Duration.ofSeconds(1));
        assertThat(xero.chartOfAccounts()).isNotEmpty();
        assertThat(sandbox.journal().entries()).extracting(JournalEntry::status).containsExactly(429, 200);
    }

    @Test
    void aSpentMinuteLimitReadFromTheHeadersStopsCallsBeforeXeroRefusesThem() {
        sandbox.close();
        sandbox = XeroSandbox.xeroBuilder().specValidator(spec).limits(3, 5_000).build().start();
        XeroLedger xero = build(ledger().tenantId(sandbox.tenantId())
                .rateLimit(RateLimitSettings.of(60, Duration.ofMinutes(1)).withMaxWait(Duration.ofMillis(100)))
                .retry(shortWaitsOnly()));
        for (int i = 0; i < 3; i++) {
            xero.taxRates();
        }
        assertThat(xero.lastRateLimitStatus().window("minute").orElseThrow().remaining()).hasValue(0);
        assertThatThrownBy(xero::taxRates).isInstanceOfSatisfying(RateLimitException.class,
                e -> assertThat(e.retryAfter()).isPresent());
        assertThat(sandbox.journal().size()).isEqualTo(3); // the fourth call never left the client
    }

    @Test
    void xeros429NamesTheLimitThatWasHitAndALongWaitIsNotSleptThrough() {
        sandbox.close();
        sandbox = XeroSandbox.xeroBuilder().specValidator(spec).limits(60, 1).build().start();
        build(ledger().tenantId(sandbox.tenantId())).taxRates(); // another process spends the day's quota
        XeroLedger xero = build(ledger().tenantId(sandbox.tenantId()).retry(shortWaitsOnly()));

        assertThatThrownBy(xero::taxRates).isInstanceOfSatisfying(RateLimitException.class, e -> {
            assertThat(e.platformErrorCode()).contains("rate-limit-day");
            assertThat(e.getMessage()).contains("daily limit of 5,000 calls");
            assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofHours(1)));
            assertThat(e.context().rateLimitHeaders()).containsEntry("x-rate-limit-problem", "day");
        });
        assertThat(sandbox.journal().entries()).extracting(JournalEntry::status).containsExactly(200, 429);
    }

    /** Retries with short backoff, and a Retry-After over one second is raised instead of waited out. */
    private static RetrySettings shortWaitsOnly() {
        return new RetrySettings(4, Duration.ofMillis(10), Duration.ofMillis(50), 0.25, Duration.ofSeconds(1));
    }

    @Test
    void neverMoreThanFiveCallsInProgressPerOrganisation() throws Exception {
        sandbox.close();
        sandbox = XeroSandbox.xeroBuilder().specValidator(spec).processingDelay(Duration.ofMillis(80)).build().start();
        XeroLedger xero = build(ledger().tenantId(sandbox.tenantId()));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(pool.submit(xero::taxRates));
            }
            for (Future<?> f : calls) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sandbox.peakConcurrency()).isBetween(2, 5);
        assertThat(sandbox.journal().entries()).extracting(JournalEntry::status).containsOnly(200);
    }

    @Test
    void foreignCurrencyManualJournalsAreRefusedWhenTheBaseCurrencyIsKnown() {
        XeroLedger xero = build(ledger().baseCurrency(Currency.getInstance("USD")));
        Journal eur = Journal.builder().date(LocalDate.of(2026, 3, 1)).reference("etsy-eur-1")
                .currency(Currency.getInstance("EUR"))
                .addLine(JournalLine.debit("090", Money.of("10.00", "EUR")))
                .addLine(JournalLine.credit("200", Money.of("10.00", "EUR"))).build();
        assertThatThrownBy(() -> xero.post(eur)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("base currency (USD)");
        assertThat(sandbox.journal().writeCount()).isZero();
    }

    @Test
    void theSandboxRejectsARequestThatBreaksTheSpec() throws Exception {
        OkHttpClient http = new OkHttpClient();
        String bad = "{\"ManualJournals\":[{\"Date\":\"2026-01-31\",\"JournalLines\":[{\"LineAmount\":\"ten\","
                + "\"AccountCode\":\"200\"}]}]}";
        Request request = new Request.Builder().url(sandbox.apiBaseUrl() + "/ManualJournals")
                .header("Authorization", "Bearer t").header("xero-tenant-id", sandbox.tenantId())
                .put(RequestBody.create(bad, MediaType.get("application/json"))).build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(400);
            JsonNode body = io.patternhub.core.json.PatternHubJson.newMapper().readTree(response.body().string());
            assertThat(body.path("Type").asText()).isEqualTo("PostDataInvalidException");
            assertThat(body.path("Elements").get(0).path("ValidationErrors").toString())
                    .contains("Narration").contains("LineAmount");
        }
        assertThat(sandbox.manualJournals()).isEmpty();
        List<JournalEntry> failures = sandbox.journal().validationFailures();
        assertThat(failures).singleElement().satisfies(e -> assertThat(e.handled()).isFalse());
        sandbox.journal().clear(); // this one was sent on purpose; the AfterEach check is for the ledger's requests
    }

    @Test
    void theTenantHeaderIsRequiredBySpec() throws Exception {
        OkHttpClient http = new OkHttpClient();
        Request request = new Request.Builder().url(sandbox.apiBaseUrl() + "/Accounts")
                .header("Authorization", "Bearer t").get().build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(400);
            assertThat(response.body().string()).contains("xero-tenant-id");
        }
        sandbox.journal().clear();
    }

    @Test
    void scopesAreSelectable() {
        assertThat(XeroOAuth.config("id", "secret", "https://app.example/cb", XeroScopes.GRANULAR).build().scopes())
                .contains("accounting.manualjournals", "accounting.payments", "offline_access")
                .doesNotContain("accounting.transactions");
        assertThat(XeroScopes.BROAD.scopes()).contains("accounting.transactions");
    }
}
