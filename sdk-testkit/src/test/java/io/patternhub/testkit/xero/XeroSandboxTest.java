package io.patternhub.testkit.xero;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.testkit.OAuthTokenServer;
import io.patternhub.testkit.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
import org.junit.jupiter.api.Test;

class XeroSandboxTest {
    private static final ObjectMapper JSON = PatternHubJson.newMapper();
    private static XeroSpecValidator spec;

    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private XeroSandbox sandbox;

    @BeforeAll
    static void loadSpec() {
        spec = XeroSpecValidator.load();
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private record Answer(int status, JsonNode body, Response raw) {
    }

    private Answer call(String method, String path, String body, String... headers) throws IOException {
        Request.Builder b = new Request.Builder().url(sandbox.apiBaseUrl() + path)
                .header("Authorization", "Bearer t").header("xero-tenant-id", sandbox.tenantId());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
        try (Response r = http.newCall(b.build()).execute()) {
            String text = r.body().string();
            return new Answer(r.code(), text.isEmpty() ? JSON.missingNode() : JSON.readTree(text), r);
        }
    }

    private static String journal(String narration, String debit, String credit) {
        return "{\"ManualJournals\":[" + element(narration, debit, credit) + "]}";
    }

    private static String element(String narration, String debit, String credit) {
        return "{\"Narration\":\"" + narration + "\",\"Date\":\"2026-03-31\",\"JournalLines\":["
                + "{\"LineAmount\":" + debit + ",\"AccountCode\":\"090\"},{\"LineAmount\":-" + credit
                + ",\"AccountCode\":\"200\"}]}";
    }

    private Answer token(String authorization, String refreshToken) throws IOException {
        Request r = new Request.Builder().url(sandbox.baseUrl() + XeroSandbox.TOKEN_PATH)
                .header("Authorization", authorization).post(new okhttp3.FormBody.Builder()
                        .add("grant_type", "refresh_token").add("refresh_token", refreshToken).build()).build();
        try (Response response = http.newCall(r).execute()) {
            return new Answer(response.code(), JSON.readTree(response.body().string()), response);
        }
    }

    private int accountsStatus(String accessToken) throws IOException {
        Request r = new Request.Builder().url(sandbox.apiBaseUrl() + "/Accounts")
                .header("Authorization", "Bearer " + accessToken).header("xero-tenant-id", sandbox.tenantId()).build();
        try (Response response = http.newCall(r).execute()) {
            return response.code();
        }
    }

    @Test
    void strictTokensExpireAndRefreshRotatesWithAThirtyMinuteGraceForTheOldToken() throws IOException {
        ManualClock clock = ManualClock.at(Instant.parse("2026-03-31T10:00:00Z"));
        sandbox = XeroSandbox.xeroBuilder().specValidator(spec).clock(clock).strictTokens()
                .oauthClient("app", "s3cret").build().start();
        String basic = okhttp3.Credentials.basic("app", "s3cret");
        OAuthTokenServer.Issued tokens = sandbox.tokens().issue();
        assertThat(accountsStatus(tokens.accessToken())).isEqualTo(200);
        assertThat(accountsStatus("made-up")).isEqualTo(401);
        clock.advance(Duration.ofMinutes(31));
        assertThat(accountsStatus(tokens.accessToken())).isEqualTo(401);

        assertThat(token(okhttp3.Credentials.basic("app", "wrong"), tokens.refreshToken()).body().path("error").asText())
                .isEqualTo("invalid_client");
        Answer refreshed = token(basic, tokens.refreshToken());
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body().path("expires_in").asInt()).isEqualTo(1800);
        String rotated = refreshed.body().path("refresh_token").asText();
        assertThat(rotated).isNotEqualTo(tokens.refreshToken());
        assertThat(sandbox.tokens().lastRefreshed()).get().extracting(OAuthTokenServer.Issued::refreshToken).isEqualTo(rotated);
        assertThat(accountsStatus(refreshed.body().path("access_token").asText())).isEqualTo(200);

        clock.advance(Duration.ofMinutes(10)); // within the grace period the old token still refreshes
        assertThat(token(basic, tokens.refreshToken()).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(21));
        assertThat(token(basic, tokens.refreshToken()).body().path("error").asText()).isEqualTo("invalid_grant");
        sandbox.tokens().revoke(rotated);
        assertThat(token(basic, rotated).body().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(sandbox.tokens().refreshCount()).isEqualTo(2);
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswerAndCreatesNothingMore() throws IOException {
        sandbox = XeroSandbox.xeroBuilder().specValidator(spec).build().start();
        Answer first = call("PUT", "/ManualJournals", journal("n-1", "10", "10"), "Idempotency-Key", "k-1");
        Answer second = call("PUT", "/ManualJournals", journal("n-1", "10", "10"), "Idempotency-Key", "k-1");
        Answer other = call("PUT", "/ManualJournals", journal("n-1", "10", "10"), "Idempotency-Key", "k-2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.body().path("ManualJournals").get(0).path("ManualJournalID").asText())
                .isEqualTo(first.body().path("ManualJournals").get(0).path("ManualJournalID").asText());
        assertThat(other.body().path("ManualJournals").get(0).path("ManualJournalID").asText())
                .isNotEqualTo(first.body().path("ManualJournals").get(0).path("ManualJournalID").asText());
        assertThat(sandbox.manualJournals()).hasSize(2);
    }

    @Test
    void anUnbalancedJournalFailsWholeUnlessSummarizeErrorsIsFalse() throws IOException {
        sandbox = XeroSandbox.xeroBuilder().specValidator(spec).build().start();
        String two = "{\"ManualJournals\":[" + element("ok", "5", "5") + "," + element("bad", "5", "4") + "]}";
        Answer all = call("PUT", "/ManualJournals", two);
        assertThat(all.status()).isEqualTo(400);
        assertThat(all.body().path("Type").asText()).isEqualTo("ValidationException");
        assertThat(all.body().path("Elements").get(1).path("ValidationErrors").get(0).path("Message").asText())
                .isEqualTo("The total debits (5) must equal total credits (4)");
        assertThat(sandbox.manualJournals()).isEmpty();

        Answer each = call("PUT", "/ManualJournals?summarizeErrors=false", two);
        assertThat(each.status()).isEqualTo(200);
        assertThat(each.body().path("ManualJournals").get(0).has("ManualJournalID")).isTrue();
        assertThat(each.body().path("ManualJournals").get(1).path("StatusAttributeString").asText()).isEqualTo("ERROR");
        assertThat(sandbox.manualJournals()).extracting(m -> m.path("Narration").asText()).containsExactly("ok");
    }

    @Test
    void theMinuteLimitAnswers429WithXerosHeaders() throws IOException {
        ManualClock clock = ManualClock.at(Instant.parse("2026-03-31T10:00:00Z"));
        sandbox = XeroSandbox.xeroBuilder().specValidator(spec).clock(clock).limits(2, 100).build().start();
        Answer a = call("GET", "/TaxRates", null);
        assertThat(a.raw().header("X-MinLimit-Remaining")).isEqualTo("1");
        assertThat(a.raw().header("X-DayLimit-Remaining")).isEqualTo("99");
        assertThat(a.raw().header("X-AppMinLimit-Remaining")).isEqualTo("9999");
        call("GET", "/TaxRates", null);
        clock.advance(Duration.ofSeconds(20));
        Answer throttled = call("GET", "/TaxRates", null);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.raw().header("X-Rate-Limit-Problem")).isEqualTo("minute");
        assertThat(throttled.raw().header("Retry-After")).isEqualTo("40");
        clock.advance(Duration.ofSeconds(41));
        assertThat(call("GET", "/TaxRates", null).status()).isEqualTo(200);
    }

    @Test
    void moreThanFiveCallsAtOnceAreRefused() throws Exception {
        // Each call holds its slot this long: all eight must arrive within it for a sixth to be refused, and on
        // a loaded CI machine opening eight connections can take longer than the 300 ms this used to be.
        sandbox = XeroSandbox.xeroBuilder().specValidator(spec).processingDelay(Duration.ofSeconds(2)).build().start();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return call("GET", "/Accounts", null);
                }));
            }
            go.countDown();
            List<Answer> done = new ArrayList<>();
            for (Future<Answer> f : answers) {
                done.add(f.get(20, TimeUnit.SECONDS));
            }
            assertThat(done).filteredOn(x -> x.status() == 429).isNotEmpty()
                    .allSatisfy(x -> assertThat(x.raw().header("X-Rate-Limit-Problem")).isEqualTo("concurrent"));
            assertThat(sandbox.peakConcurrency()).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownTenantsAndMissingTokensAreRefused() throws IOException {
        sandbox = XeroSandbox.xeroBuilder().specValidator(spec).build().start();
        assertThat(call("GET", "/Accounts", null, "xero-tenant-id", "someone-else").status()).isEqualTo(403);
        Request noToken = new Request.Builder().url(sandbox.apiBaseUrl() + "/Accounts")
                .header("xero-tenant-id", sandbox.tenantId()).build();
        try (Response r = http.newCall(noToken).execute()) {
            assertThat(r.code()).isEqualTo(401);
            assertThat(r.body().string()).contains("AuthenticationUnsuccessful");
        }
    }

    @Test
    void paymentsMoveTheAmountDueAndCannotExceedIt() throws IOException {
        sandbox = XeroSandbox.xeroBuilder().specValidator(spec).build().start();
        Answer inv = call("PUT", "/Invoices", "{\"Invoices\":[{\"Type\":\"ACCREC\",\"Contact\":{\"Name\":\"Buyer\"},"
                + "\"LineItems\":[{\"Description\":\"Pattern\",\"Quantity\":1,\"UnitAmount\":12.5,\"LineAmount\":12.5,"
                + "\"AccountCode\":\"200\"}],\"Status\":\"AUTHORISED\"}]}");
        String id = inv.body().path("Invoices").get(0).path("InvoiceID").asText();
        String pay = "{\"Payments\":[{\"Invoice\":{\"InvoiceID\":\"" + id + "\"},\"Account\":{\"Code\":\"090\"},"
                + "\"Date\":\"2026-03-31\",\"Amount\":%s}]}";
        assertThat(call("PUT", "/Payments?summarizeErrors=false", pay.formatted("20")).body().toString())
                .contains("exceeds the amount outstanding");
        assertThat(call("PUT", "/Payments", pay.formatted("12.5")).status()).isEqualTo(200);
        assertThat(sandbox.invoices().get(0).path("Status").asText()).isEqualTo("PAID");
        assertThat(sandbox.payments()).hasSize(1);
        assertThat(call("GET", "/Invoices?where=" + "Reference%3D%3D%22none%22", null)
                .body().path("Invoices")).isEmpty();
    }
}
