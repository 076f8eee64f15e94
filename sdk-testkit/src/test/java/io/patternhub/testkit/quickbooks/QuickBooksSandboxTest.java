package io.patternhub.testkit.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.testkit.OAuthTokenServer;
import io.patternhub.testkit.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuickBooksSandboxTest {
    private static final ObjectMapper JSON = PatternHubJson.newMapper();
    private final OkHttpClient http = new OkHttpClient();
    private QuickBooksSandbox sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private JsonNode call(int expectedStatus, String method, String entityPath, String body, String token)
            throws IOException {
        HttpUrl url = HttpUrl.get(sandbox.baseUrl() + "/v3/company/" + sandbox.realmId() + entityPath).newBuilder()
                .addQueryParameter("minorversion", "75").build();
        Request.Builder b = new Request.Builder().url(url).header("Authorization", "Bearer " + token);
        b.method(method, body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
        try (Response r = http.newCall(b.build()).execute()) {
            assertThat(r.code()).isEqualTo(expectedStatus);
            return JSON.readTree(r.body().string());
        }
    }

    private static String entry(String doc, String debit, String credit) {
        return "{\"DocNumber\":\"" + doc + "\",\"TxnDate\":\"2026-03-31\",\"Line\":["
                + "{\"Amount\":" + debit + ",\"DetailType\":\"JournalEntryLineDetail\",\"JournalEntryLineDetail\":"
                + "{\"PostingType\":\"Debit\",\"AccountRef\":{\"value\":\"1\"}}},"
                + "{\"Amount\":" + credit + ",\"DetailType\":\"JournalEntryLineDetail\",\"JournalEntryLineDetail\":"
                + "{\"PostingType\":\"Credit\",\"AccountRef\":{\"value\":\"10\"}}}]}";
    }

    @Test
    void journalEntriesMustBalanceAndAreQueryableByDocNumber() throws IOException {
        sandbox = QuickBooksSandbox.quickBooksBuilder().build().start();
        JsonNode fault = call(400, "POST", "/journalentry", entry("d-1", "10", "9"), "t");
        assertThat(fault.path("Fault").path("type").asText()).isEqualTo("ValidationFault");
        assertThat(fault.path("Fault").path("Error").get(0).path("Detail").asText()).contains("must be equal");
        JsonNode created = call(200, "POST", "/journalentry", entry("d-1", "10", "10"), "t");
        assertThat(created.path("JournalEntry").path("TotalAmt").decimalValue()).isEqualByComparingTo("10");
        call(200, "POST", "/journalentry", entry("d-2", "3", "3"), "t");

        JsonNode q = call(200, "GET", "/query?query=" + "SELECT * FROM JournalEntry WHERE DocNumber IN ('d-2','x')"
                .replace(" ", "%20"), null, "t");
        assertThat(q.path("QueryResponse").path("JournalEntry")).hasSize(1);
        assertThat(q.path("QueryResponse").path("JournalEntry").get(0).path("DocNumber").asText()).isEqualTo("d-2");
        JsonNode none = call(200, "GET", "/query?query=SELECT%20*%20FROM%20JournalEntry%20WHERE%20DocNumber%20=%20'zz'",
                null, "t");
        assertThat(none.path("QueryResponse").isEmpty()).isTrue();
    }

    @Test
    void batchesCarryAtMostTenItemsAndAnswerEachWithItsEntityOrFault() throws IOException {
        sandbox = QuickBooksSandbox.quickBooksBuilder().build().start();
        StringBuilder eleven = new StringBuilder("{\"BatchItemRequest\":[");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("{\"bId\":\"").append(i).append("\",\"operation\":\"create\",")
                    .append("\"JournalEntry\":").append(entry("b-" + i, "1", "1")).append("}");
        }
        JsonNode tooMany = call(400, "POST", "/batch", eleven.append("]}").toString(), "t");
        assertThat(tooMany.path("Fault").path("Error").get(0).path("Detail").asText()).contains("1 to 10");
        assertThat(sandbox.journalEntries()).isEmpty();

        String two = "{\"BatchItemRequest\":[{\"bId\":\"a\",\"operation\":\"create\",\"JournalEntry\":"
                + entry("ok", "2", "2") + "},{\"bId\":\"b\",\"operation\":\"create\",\"JournalEntry\":"
                + entry("bad", "2", "1") + "},{\"bId\":\"c\",\"Query\":\"SELECT * FROM JournalEntry\"}]}";
        JsonNode answer = call(200, "POST", "/batch", two, "t").path("BatchItemResponse");
        assertThat(answer.get(0).path("JournalEntry").path("DocNumber").asText()).isEqualTo("ok");
        assertThat(answer.get(1).path("Fault").path("Error").get(0).path("code").asText()).isEqualTo("6000");
        assertThat(answer.get(2).path("QueryResponse").path("JournalEntry")).hasSize(1);
    }

    @Test
    void strictTokensExpireAndRefreshTokensRotate() throws IOException {
        ManualClock clock = ManualClock.at(Instant.parse("2026-03-31T10:00:00Z"));
        sandbox = QuickBooksSandbox.quickBooksBuilder().clock(clock).strictTokens().build().start();
        QuickBooksTokens tokens = sandbox.issueTokens();
        call(200, "GET", "/query?query=SELECT%20*%20FROM%20Account", null, tokens.accessToken());
        JsonNode fault = call(401, "GET", "/query?query=SELECT%20*%20FROM%20Account", null, "made-up");
        assertThat(fault.path("Fault").path("type").asText()).isEqualTo("AuthenticationFault");
        clock.advance(Duration.ofMinutes(61));
        call(401, "GET", "/query?query=SELECT%20*%20FROM%20Account", null, tokens.accessToken());

        JsonNode refreshed = refresh(200, tokens.refreshToken());
        assertThat(refreshed.path("refresh_token").asText()).isNotEqualTo(tokens.refreshToken());
        call(200, "GET", "/query?query=SELECT%20*%20FROM%20Account", null, refreshed.path("access_token").asText());
        assertThat(refresh(400, tokens.refreshToken()).path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void theTokenEndpointRequiresTheAppsCredentialsAndRefusesRevokedTokens() throws IOException {
        sandbox = QuickBooksSandbox.quickBooksBuilder().oauthClient("app", "s3cret").strictTokens().build().start();
        QuickBooksTokens tokens = sandbox.issueTokens();
        assertThat(refresh(401, tokens.refreshToken(), okhttp3.Credentials.basic("app", "wrong")).path("error").asText())
                .isEqualTo("invalid_client");
        JsonNode refreshed = refresh(200, tokens.refreshToken(), okhttp3.Credentials.basic("app", "s3cret"));
        assertThat(sandbox.tokens().lastRefreshed()).get().extracting(OAuthTokenServer.Issued::refreshToken)
                .isEqualTo(refreshed.path("refresh_token").asText());
        sandbox.tokens().expire(refreshed.path("access_token").asText());
        call(401, "GET", "/query?query=SELECT%20*%20FROM%20Account", null, refreshed.path("access_token").asText());
        sandbox.tokens().revoke(refreshed.path("refresh_token").asText());
        assertThat(refresh(400, refreshed.path("refresh_token").asText(), okhttp3.Credentials.basic("app", "s3cret"))
                .path("error").asText()).isEqualTo("invalid_grant");
        assertThat(sandbox.refreshCount()).isEqualTo(1);
    }

    private JsonNode refresh(int expected, String refreshToken) throws IOException {
        return refresh(expected, refreshToken, null);
    }

    private JsonNode refresh(int expected, String refreshToken, String authorization) throws IOException {
        Request.Builder b = new Request.Builder().url(sandbox.baseUrl() + QuickBooksSandbox.TOKEN_PATH);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        Request r = b
                .post(new FormBody.Builder().add("grant_type", "refresh_token").add("refresh_token", refreshToken)
                        .build()).build();
        try (Response response = http.newCall(r).execute()) {
            assertThat(response.code()).isEqualTo(expected);
            return JSON.readTree(response.body().string());
        }
    }

    @Test
    void theMinuteLimitAnswersAThrottleFault() throws IOException {
        ManualClock clock = ManualClock.at(Instant.parse("2026-03-31T10:00:00Z"));
        sandbox = QuickBooksSandbox.quickBooksBuilder().clock(clock).perMinute(2).build().start();
        call(200, "GET", "/query?query=SELECT%20*%20FROM%20Account", null, "t");
        call(200, "GET", "/query?query=SELECT%20*%20FROM%20Account", null, "t");
        JsonNode throttled = call(429, "GET", "/query?query=SELECT%20*%20FROM%20Account", null, "t");
        assertThat(throttled.path("Fault").path("Error").get(0).path("Message").asText()).contains("ThrottleExceeded");
        clock.advance(Duration.ofSeconds(61));
        call(200, "GET", "/query?query=SELECT%20*%20FROM%20Account", null, "t");
    }
}
