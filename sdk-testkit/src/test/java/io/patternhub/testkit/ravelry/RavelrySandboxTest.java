package io.patternhub.testkit.ravelry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Ravelry sandbox over raw HTTP: credentials, permissions, ETags, paginator, validation, error shape. */
class RavelrySandboxTest {
    private final OkHttpClient http = new OkHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private RavelrySandbox ravelry;
    private String personal;

    @BeforeEach
    void start() {
        ravelry = RavelrySandbox.builder().build().start();
        personal = Credentials.basic(ravelry.accessKey(), ravelry.personalKey());
    }

    @AfterEach
    void stop() {
        ravelry.close();
    }

    private Response get(String path, String auth, String ifNoneMatch) throws IOException {
        Request.Builder b = new Request.Builder().url(ravelry.url(path)).header("Authorization", auth);
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return http.newCall(b.build()).execute();
    }

    private JsonNode json(Response r) throws IOException {
        try (r) {
            return mapper.readTree(r.body().bytes());
        }
    }

    @Test
    void tokenEndpointRefusesClientCredentialsInTheBody() throws IOException {
        String code = ravelry.issueAuthorizationCode("https://app.example/cb", Set.of("offline"));
        FormBody body = new FormBody.Builder().add("grant_type", "authorization_code").add("code", code)
                .add("redirect_uri", "https://app.example/cb").add("client_id", ravelry.clientId())
                .add("client_secret", ravelry.clientSecret()).build();

        try (Response r = http.newCall(new Request.Builder().url(ravelry.tokenUrl()).post(body).build()).execute()) {
            assertThat(r.code()).isEqualTo(401);
            assertThat(r.body().string()).contains("invalid_client").contains("Authorization header");
        }
    }

    @Test
    void everyGetHasAnEtagAndAMatchingIfNoneMatchGets304() throws IOException {
        String etag;
        try (Response first = get("/stores/list.json", personal, null)) {
            assertThat(first.code()).isEqualTo(200);
            etag = first.header("ETag");
        }
        assertThat(etag).startsWith("\"").endsWith("\"");

        try (Response again = get("/stores/list.json", personal, etag)) {
            assertThat(again.code()).isEqualTo(304);
        }
        ravelry.addStore("Another", "EUR");
        try (Response changed = get("/stores/list.json", personal, etag)) {
            assertThat(changed.code()).isEqualTo(200);
        }
        assertThat(ravelry.notModifiedCount()).isEqualTo(1);
    }

    @Test
    void purchasesPageWithAPaginatorAndValidateParameters() throws IOException {
        for (int i = 0; i < 7; i++) {
            ravelry.addInvoice(InvoiceSeed.builder("USD").line(1, "2.00").invoiceDate(Instant.parse(
                    "2026-01-0" + (i + 1) + "T00:00:00Z")).build());
        }
        String path = "/stores/" + ravelry.defaultStoreId() + "/purchases.json";

        JsonNode page3 = json(get(path + "?page=3&page_size=3", personal, null));
        assertThat(page3.path("invoices")).hasSize(1);
        assertThat(page3.path("paginator").path("page_count").asInt()).isEqualTo(3);
        assertThat(page3.path("paginator").path("results").asInt()).isEqualTo(7);

        JsonNode since = json(get(path + "?min_paid_date=2026-01-05T00:00:00%2B00:00", personal, null));
        assertThat(since.path("invoices")).hasSize(3);

        try (Response bad = get(path + "?min_paid_date=2026-01-05", personal, null)) {
            assertThat(bad.code()).isEqualTo(400);
            assertThat(mapper.readTree(bad.body().bytes()).path("errors").get(0).asText()).contains("RFC 3339");
        }
        try (Response tooBig = get(path + "?page_size=251", personal, null)) {
            assertThat(tooBig.code()).isEqualTo(400);
        }
        JsonNode month = json(get(path + "?month=2026-01-01", personal, null));
        assertThat(month.path("invoices")).hasSize(7);
        assertThat(month.has("paginator")).isFalse();
    }

    @Test
    void permissionsFollowTheCredentials() throws IOException {
        String path = "/stores/" + ravelry.defaultStoreId() + "/purchases.json";
        RavelryTokens read = ravelry.issueTokens(Set.of("patternstore-read"));

        try (Response oauth = get(path, "Bearer " + read.accessToken(), null)) {
            assertThat(oauth.code()).isEqualTo(403);
            assertThat(oauth.body().string()).contains("not available to OAuth apps");
        }
        try (Response readOnly = get("/stores/list.json",
                Credentials.basic(ravelry.clientId(), ravelry.clientSecret()), null)) {
            assertThat(readOnly.code()).isEqualTo(403);
        }
        try (Response stores = get("/stores/list.json", "Bearer " + read.accessToken(), null)) {
            assertThat(stores.code()).isEqualTo(200);
        }
        ravelry.expireAccessToken(read.accessToken());
        try (Response expired = get("/stores/list.json", "Bearer " + read.accessToken(), null)) {
            assertThat(expired.code()).isEqualTo(401);
        }
    }
}
