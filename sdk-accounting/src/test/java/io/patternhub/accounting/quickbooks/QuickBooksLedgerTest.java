package io.patternhub.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.Platform;
import io.patternhub.core.auth.ApiKeyAuth;
import io.patternhub.core.auth.AuthScheme;
import io.patternhub.core.auth.InMemoryTokenStore;
import io.patternhub.core.auth.OAuth2AuthScheme;
import io.patternhub.core.auth.OAuth2Client;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.http.TransportListener;
import io.patternhub.core.ledger.AccountType;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.ledger.PostResult;
import io.patternhub.core.ledger.PostingMode;
import io.patternhub.core.model.Money;
import io.patternhub.testkit.RequestMatchers;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.journal.JournalEntry;
import io.patternhub.testkit.quickbooks.QuickBooksSandbox;
import io.patternhub.testkit.quickbooks.QuickBooksTokens;
import io.patternhub.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuickBooksLedgerTest {
    private static final Currency USD = Currency.getInstance("USD");

    private QuickBooksSandbox sandbox;
    private final List<QuickBooksLedger> ledgers = new ArrayList<>();

    @BeforeEach
    void start() {
        sandbox = QuickBooksSandbox.quickBooksBuilder().build().start();
    }

    @AfterEach
    void stop() {
        ledgers.forEach(QuickBooksLedger::close);
        // Every call carried minorversion 75 or later.
        assertThat(sandbox.journal().entries()).filteredOn(e -> e.path().startsWith("/v3/company/"))
                .allSatisfy(e -> assertThat(e.query().get("minorversion")).containsExactly("75"));
        sandbox.close();
    }

    private QuickBooksLedger.Builder ledger() {
        return QuickBooksLedger.builder().baseUrl(sandbox.baseUrl()).realmId(sandbox.realmId())
                .auth(ApiKeyAuth.header("Authorization", "Bearer test-token")).throttleWait(Duration.ofMillis(50))
                .retry(RetrySettings.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    private QuickBooksLedger build(QuickBooksLedger.Builder b) {
        QuickBooksLedger l = b.build();
        ledgers.add(l);
        return l;
    }

    private static JournalLine line(boolean debit, String account, String amount, String tax) {
        var b = JournalLine.builder().accountCode(account).description("line " + account);
        if (debit) {
            b.debit(Money.of(amount, "USD"));
        } else {
            b.credit(Money.of(amount, "USD"));
        }
        if (tax != null) {
            b.taxCode(tax).taxAmount(Money.of("0.00", "USD"));
        }
        return b.build();
    }

    /** A payout: sales 100, tax 8 owed, fees 6.50, deposit 101.50 into Checking (1). */
    private static Journal payout(String ref) {
        return Journal.builder().date(LocalDate.of(2026, 3, 31)).reference(ref).currency(USD)
                .addLine(line(true, "1", "101.50", null))
                .addLine(line(true, "20", "6.50", null))
                .addLine(line(false, "10", "100.00", "3"))
                .addLine(line(false, "30", "8.00", null))
                .build();
    }

    private long creates() {
        return sandbox.journal().count(e -> e.method().equals("POST") && e.path().endsWith("/journalentry"));
    }

    @Test
    void readsTheChartOfAccountsAndTaxCodes() {
        QuickBooksLedger qb = build(ledger());
        assertThat(qb.chartOfAccounts()).anySatisfy(a -> {
            assertThat(a.code()).isEqualTo("1");
            assertThat(a.type()).isEqualTo(AccountType.BANK);
        }).anySatisfy(a -> assertThat(a.code() + a.type()).isEqualTo("30" + AccountType.LIABILITY));
        assertThat(qb.taxRates()).anySatisfy(t -> {
            assertThat(t.code()).isEqualTo("3");
            assertThat(t.rate()).isEqualByComparingTo("0.2");
        });
        assertThat(sandbox.journal().entries()).allSatisfy(e -> assertThat(e.path())
                .startsWith("/v3/company/" + sandbox.realmId() + "/"));
    }

    @Test
    void postsAJournalEntryOnceAndFindsItByReference() {
        QuickBooksLedger qb = build(ledger());
        PostResult first = qb.post(payout("etsy-payout-1"));
        PostResult again = qb.post(payout("etsy-payout-1"));

        assertThat(first.created()).isTrue();
        assertThat(again.outcome()).isEqualTo(PostResult.Outcome.ALREADY_EXISTED);
        assertThat(again.entry().externalId()).isEqualTo(first.entry().externalId());
        assertThat(sandbox.journalEntries()).hasSize(1);
        ObjectNode je = sandbox.journalEntries().get(0);
        assertThat(je.path("DocNumber").asText()).isEqualTo("etsy-payout-1");
        assertThat(je.path("PrivateNote").asText()).isEqualTo("etsy-payout-1");
        assertThat(je.path("TotalAmt").decimalValue()).isEqualByComparingTo("108.00");
        List<String> lines = new ArrayList<>();
        je.path("Line").forEach(l -> lines.add(l.path("JournalEntryLineDetail").path("PostingType").asText() + " "
                + l.path("JournalEntryLineDetail").path("AccountRef").path("value").asText() + " "
                + l.path("Amount").decimalValue().toPlainString()));
        assertThat(lines).containsExactly("Debit 1 101.50", "Debit 20 6.50", "Credit 10 100.00", "Credit 30 8.00");
        assertThat(je.path("Line").get(2).path("JournalEntryLineDetail").path("TaxCodeRef").path("value").asText())
                .isEqualTo("3");
        assertThat(creates()).isEqualTo(1);

        assertThat(qb.findByReference("etsy-payout-1")).hasValueSatisfying(e -> {
            assertThat(e.externalId()).isEqualTo(first.entry().externalId());
            assertThat(e.total()).isEqualTo(Money.of("108.00", "USD"));
            assertThat(e.platform()).isEqualTo(Platform.QUICKBOOKS);
        });
        assertThat(qb.findByReference("etsy-payout-2")).isEmpty();
    }

    @Test
    void aLongReferenceGetsAShortDeterministicDocNumber() {
        String ref = "shopify-payout-2026-03-31-1234567890-EUR";
        String doc = QuickBooksDocNumbers.of(ref);
        assertThat(doc).hasSizeLessThanOrEqualTo(21).isEqualTo(QuickBooksDocNumbers.of(ref))
                .isNotEqualTo(QuickBooksDocNumbers.of(ref + "x")).startsWith("shopify-");
        QuickBooksLedger qb = build(ledger());
        qb.post(payout(ref));
        assertThat(sandbox.journalEntries().get(0).path("DocNumber").asText()).isEqualTo(doc);
        assertThat(qb.findByReference(ref)).isPresent();
        assertThat(qb.post(payout(ref)).created()).isFalse();
    }

    @Test
    void postsManyJournalsInBatchesOfAtMostTen() {
        QuickBooksLedger qb = build(ledger());
        List<Journal> journals = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            journals.add(payout("order-" + i));
        }
        List<PostResult> results = qb.postAll(journals);
        assertThat(results).hasSize(23).allSatisfy(r -> assertThat(r.created()).isTrue());
        assertThat(sandbox.journalEntries()).hasSize(23);
        assertThat(sandbox.journal().count("POST", "/v3/company/{realmId}/batch")).isEqualTo(3);
        assertThat(sandbox.journal().entries()).filteredOn(e -> e.path().endsWith("/batch"))
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(200));

        long before = sandbox.journal().writeCount();
        assertThat(qb.postAll(journals)).allSatisfy(r -> assertThat(r.outcome())
                .isEqualTo(PostResult.Outcome.ALREADY_EXISTED));
        assertThat(sandbox.journal().writeCount()).isEqualTo(before);
    }

    @Test
    void aBatchItemFaultIsSurfacedStructurallyAndTheOthersArePosted() {
        QuickBooksLedger qb = build(ledger());
        qb.post(payout("warmup")); // caches the chart
        sandbox.deactivateAccount("20");
        Journal good = Journal.builder().date(LocalDate.of(2026, 3, 2)).reference("good-1").currency(USD)
                .addLine(line(true, "1", "5.00", null)).addLine(line(false, "10", "5.00", null)).build();
        assertThatThrownBy(() -> qb.postAll(List.of(good, payout("bad-1"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.validationErrors()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("bad-1");
                        assertThat(v.code()).isEqualTo("2500");
                        assertThat(v.message()).contains("Invalid Reference Id").contains("20");
                    });
                    assertThat(e.getMessage()).contains("the other 1 are posted");
                });
        assertThat(sandbox.journalEntries()).extracting(j -> j.path("DocNumber").asText())
                .containsExactly("warmup", "good-1");
    }

    @Test
    void aMissingAccountIsRefusedBeforeAnythingIsPosted() {
        QuickBooksLedger qb = build(ledger());
        Journal unmapped = Journal.builder().date(LocalDate.of(2026, 3, 1)).reference("woo-1").currency(USD)
                .addLine(line(true, "1", "10.00", null)).addLine(line(false, "4000", "10.00", null)).build();
        assertThatThrownBy(() -> qb.post(unmapped)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.getMessage()).contains("account '4000' does not exist (used by woo-1)")
                    .contains("10 (Pattern Sales)");
            assertThat(e.validationErrors()).extracting(ValidationError::code).containsExactly("unmapped_account");
        });
        assertThat(sandbox.journal().writeCount()).isZero();
    }

    @Test
    void perPayoutPostsADepositEqualToTheBankDeposit() {
        QuickBooksLedger qb = build(ledger().mode(PostingMode.PER_PAYOUT));
        qb.post(payout("etsy-payout-5"));
        List<ObjectNode> deposits = sandbox.transactions("Deposit");
        assertThat(deposits).hasSize(1);
        JsonNode d = deposits.get(0);
        assertThat(d.path("DepositToAccountRef").path("value").asText()).isEqualTo("1");
        assertThat(d.path("TotalAmt").decimalValue()).isEqualByComparingTo("101.50");
        assertThat(d.path("Line").get(0).path("Amount").decimalValue()).isEqualByComparingTo("-6.50");
        assertThat(qb.findByReference("etsy-payout-5")).isPresent();
        assertThat(qb.post(payout("etsy-payout-5")).created()).isFalse();

        Journal withdrawal = Journal.builder().date(LocalDate.of(2026, 4, 1)).reference("etsy-payout-6")
                .currency(USD).addLine(line(true, "11", "30.00", null)).addLine(line(false, "1", "30.00", null))
                .build();
        qb.post(withdrawal); // money out is not a deposit: a journal entry instead
        assertThat(sandbox.journalEntries()).extracting(j -> j.path("DocNumber").asText())
                .containsExactly("etsy-payout-6");
        assertThat(qb.findByReference("etsy-payout-6")).isPresent();
    }

    @Test
    void perOrderPostsSalesAndRefundReceipts() {
        QuickBooksLedger qb = build(ledger().mode(PostingMode.PER_ORDER).item("10", "1").item("20", "2")
                .item("30", "3").item("11", "1"));
        qb.post(payout("order-77"));
        Journal refund = Journal.builder().date(LocalDate.of(2026, 4, 3)).reference("order-77-refund")
                .currency(USD).addLine(line(true, "11", "12.00", null)).addLine(line(false, "1", "12.00", null))
                .build();
        qb.post(refund);
        assertThat(sandbox.transactions("SalesReceipt")).singleElement().satisfies(r -> {
            assertThat(r.path("TotalAmt").decimalValue()).isEqualByComparingTo("101.50");
            assertThat(r.path("Line").get(1).path("SalesItemLineDetail").path("ItemRef").path("value").asText())
                    .isEqualTo("1");
        });
        assertThat(sandbox.transactions("RefundReceipt")).singleElement()
                .satisfies(r -> assertThat(r.path("TotalAmt").decimalValue()).isEqualByComparingTo("12.00"));
        assertThat(qb.findByReference("order-77-refund")).isPresent();

        QuickBooksLedger noItems = build(ledger().mode(PostingMode.PER_ORDER));
        assertThatThrownBy(() -> noItems.post(payout("order-78"))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("item(accountCode, itemId)");
    }

    @Test
    void anInterruptedPostRetriedThreeTimesLeavesOneEntry() {
        QuickBooksLedger qb = build(ledger());
        qb.chartOfAccounts();
        var create = RequestMatchers.route("POST", "/v3/company/{realmId}/journalentry");
        sandbox.faults().next(2, create, Fault.dropBeforeProcessing());
        sandbox.faults().next(1, create, Fault.processThenDrop());

        PostResult result = qb.post(payout("etsy-payout-42"));

        assertThat(result.created()).isTrue();
        assertThat(sandbox.journalEntries()).hasSize(1);
        assertThat(creates()).isEqualTo(3);
        // Each uncertain create was followed by a look-up before anything was sent again.
        List<String> calls = sandbox.journal().entries().stream().map(JournalEntry::routeKey)
                .filter(k -> k.contains("journalentry") || k.contains("query")).toList();
        assertThat(calls.subList(calls.size() - 6, calls.size())).containsExactly(
                "POST /v3/company/{realmId}/journalentry", "GET /v3/company/{realmId}/query",
                "POST /v3/company/{realmId}/journalentry", "GET /v3/company/{realmId}/query",
                "POST /v3/company/{realmId}/journalentry", "GET /v3/company/{realmId}/query");
    }

    @Test
    void aBatchWithALostResponseIsLookedUpNotResent() {
        QuickBooksLedger qb = build(ledger());
        qb.chartOfAccounts();
        sandbox.faults().next(1, RequestMatchers.route("POST", "/v3/company/{realmId}/batch"), Fault.processThenDrop());
        List<PostResult> results = qb.postAll(List.of(payout("a-1"), payout("a-2"), payout("a-3")));
        assertThat(results).allSatisfy(r -> assertThat(r.created()).isTrue());
        assertThat(sandbox.journalEntries()).hasSize(3);
        assertThat(sandbox.journal().count("POST", "/v3/company/{realmId}/batch")).isEqualTo(1);
    }

    @Test
    void postingAgainAfterAFailureFindsTheEarlierEntry() {
        QuickBooksLedger qb = build(ledger().maxCreateAttempts(1));
        qb.chartOfAccounts();
        sandbox.faults().next(1, RequestMatchers.route("POST", "/v3/company/{realmId}/journalentry"),
                Fault.serverError(503));
        sandbox.faults().next(1, RequestMatchers.route("GET", "/v3/company/{realmId}/query"),
                Fault.dropBeforeProcessing()); // the look-up after the 503 fails too
        assertThatThrownBy(() -> qb.post(payout("etsy-payout-50"))).isInstanceOf(PatternHubException.class);
        for (int i = 0; i < 3; i++) {
            qb.post(payout("etsy-payout-50"));
        }
        assertThat(qb.findByReference("etsy-payout-50")).isPresent();
        assertThat(sandbox.journalEntries()).hasSize(1);
    }

    @Test
    void a429WaitsTheConfiguredPauseThenRetries() {
        ManualClock clock = ManualClock.at(Instant.parse("2026-03-31T12:00:00Z"));
        sandbox.close();
        sandbox = QuickBooksSandbox.quickBooksBuilder().clock(clock).perMinute(3).build().start();
        List<Duration> retryDelays = new CopyOnWriteArrayList<>();
        QuickBooksLedger qb = build(ledger().listener(new TransportListener() {
            @Override
            public void onResponse(Platform platform, ApiRequest request, ApiResponse response, int attempt,
                    Duration took) {
                if (response.status() == 429) {
                    clock.advance(Duration.ofSeconds(61)); // the minute passes while the client waits
                }
            }

            @Override
            public void onRetry(Platform platform, ApiRequest request, PatternHubException failure, int nextAttempt,
                    Duration delay) {
                retryDelays.add(delay);
            }
        }));
        qb.chartOfAccounts(); // one query
        qb.post(payout("p-1")); // two queries (tax rates, tax codes) hit the limit of 3, then a 429
        assertThat(sandbox.journalEntries()).hasSize(1);
        assertThat(sandbox.journal().entries()).extracting(JournalEntry::status).contains(429);
        assertThat(retryDelays).containsOnly(Duration.ofMillis(50));
    }

    @Test
    void aThrottledCreateIsResentAfterThePause() {
        ManualClock clock = ManualClock.at(Instant.parse("2026-03-31T12:00:00Z"));
        sandbox.close();
        sandbox = QuickBooksSandbox.quickBooksBuilder().clock(clock).perMinute(4).build().start();
        QuickBooksLedger qb = build(ledger().listener(new TransportListener() {
            @Override
            public void onResponse(Platform platform, ApiRequest request, ApiResponse response, int attempt,
                    Duration took) {
                if (response.status() == 429) {
                    clock.advance(Duration.ofSeconds(61));
                }
            }
        }));
        qb.post(payout("p-2")); // accounts, tax rates, tax codes, look-up: 4; the create is throttled once
        assertThat(sandbox.journalEntries()).hasSize(1);
        assertThat(sandbox.journal().entries()).filteredOn(e -> e.path().endsWith("/journalentry"))
                .extracting(JournalEntry::status).containsExactly(429, 200);
    }

    @Test
    void neverMoreThanTenCallsInProgressPerCompany() throws Exception {
        sandbox.close();
        sandbox = QuickBooksSandbox.quickBooksBuilder().processingDelay(Duration.ofMillis(60)).build().start();
        QuickBooksLedger qb = build(ledger());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(pool.submit(qb::chartOfAccounts));
            }
            for (Future<?> f : calls) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sandbox.peakConcurrency()).isBetween(2, 10);
        assertThat(sandbox.journal().entries()).extracting(JournalEntry::status).containsOnly(200);
    }

    @Test
    void anExpiredTokenIsRefreshedAndTheRotatedRefreshTokenStored() {
        ManualClock clock = ManualClock.at(Instant.parse("2026-03-31T12:00:00Z"));
        sandbox.close();
        sandbox = QuickBooksSandbox.quickBooksBuilder().clock(clock).strictTokens().build().start();
        QuickBooksTokens issued = sandbox.issueTokens();
        InMemoryTokenStore store = new InMemoryTokenStore();
        store.save("qb-1", OAuthToken.builder().accessToken(issued.accessToken()).refreshToken(issued.refreshToken())
                .expiresAt(issued.expiresAt()).build());
        OAuth2Client oauth = OAuth2Client.builder(QuickBooksOAuth.config("client", "secret", "https://app.example/cb")
                .tokenEndpoint(sandbox.baseUrl() + QuickBooksSandbox.TOKEN_PATH).build()).clock(clock).build();
        AuthScheme auth = OAuth2AuthScheme.builder(oauth).tokenStore(store).connectionId("qb-1").build();
        QuickBooksLedger qb = build(ledger().auth(auth));

        assertThat(qb.chartOfAccounts()).isNotEmpty();
        assertThat(sandbox.refreshCount()).isZero();
        clock.advance(Duration.ofHours(2));
        assertThat(qb.taxRates()).isNotEmpty();

        assertThat(sandbox.refreshCount()).isEqualTo(1);
        OAuthToken now = store.load("qb-1").orElseThrow();
        assertThat(now.refreshToken()).isPresent().get().isNotEqualTo(issued.refreshToken());
        assertThatThrownBy(() -> oauth.refresh(issued.refreshToken())) // the old one was spent by rotation
                .isInstanceOf(PatternHubException.class).hasMessageContaining("invalid_grant");
    }

    @Test
    void minorVersionsBelow75AreRefusedAndTheSandboxRequiresIt() throws Exception {
        assertThatThrownBy(() -> ledger().minorVersion(74)).isInstanceOf(ConfigurationException.class);
        OkHttpClient http = new OkHttpClient();
        Request request = new Request.Builder().url(sandbox.baseUrl() + "/v3/company/" + sandbox.realmId()
                + "/query?query=SELECT%20*%20FROM%20Account").header("Authorization", "Bearer t").build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(400);
            assertThat(response.body().string()).contains("\"type\":\"ValidationFault\"").contains("minorversion");
        }
        sandbox.journal().clear();
    }

    @Test
    void aServerErrorOnAQueryIsRetriedByTheTransport() {
        QuickBooksLedger qb = build(ledger());
        sandbox.faults().next(1, RequestMatchers.route("GET", "/v3/company/{realmId}/query"), Fault.serverError(502));
        assertThat(qb.chartOfAccounts()).isNotEmpty();
        assertThat(sandbox.journal().entries()).extracting(JournalEntry::status).containsExactly(502, 200);
    }
}
