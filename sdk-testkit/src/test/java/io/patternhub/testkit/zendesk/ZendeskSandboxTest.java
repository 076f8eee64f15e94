package io.patternhub.testkit.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import io.patternhub.testkit.time.ManualClock;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Zendesk sandbox over plain HTTP: auth, export cursor, pagination, updates, validation, limits. */
class ZendeskSandboxTest {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private final ObjectMapper mapper = new ObjectMapper();
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private ZendeskSandbox zd;
    private long ana;

    record Reply(int status, Response raw, String body) {
    }

    @BeforeEach
    void start() {
        zd = ZendeskSandbox.builder().clock(clock).build().start();
        ana = zd.addEndUser("Ana", "ana@example.com");
    }

    @AfterEach
    void stop() {
        zd.close();
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((zd.agentEmail() + "/token:" + zd.apiToken())
                .getBytes(StandardCharsets.UTF_8));
    }

    private Reply call(String method, String path, String body, String auth) throws IOException {
        Request.Builder b = new Request.Builder().url(zd.baseUrl() + path)
                .method(method, body == null ? null : RequestBody.create(body, JSON));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        try (Response r = http.newCall(b.build()).execute()) {
            return new Reply(r.code(), r, r.body().string());
        }
    }

    private JsonNode get(String path) throws IOException {
        Reply r = call("GET", path, null, basic());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return mapper.readTree(r.body());
    }

    @Test
    void refusesMissingOrWrongCredentialsAndAcceptsTokensAndOAuth() throws IOException {
        Reply none = call("GET", "/api/v2/users/me.json", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(mapper.readTree(none.body()).path("error").asText()).isEqualTo("Couldn't authenticate you");
        String wrong = "Basic " + Base64.getEncoder().encodeToString((zd.agentEmail() + "/token:nope").getBytes(StandardCharsets.UTF_8));
        assertThat(call("GET", "/api/v2/users/me.json", null, wrong).status()).isEqualTo(401);
        assertThat(get("/api/v2/users/me.json").path("user").path("id").asLong()).isEqualTo(zd.agentId());

        String token = zd.issueOAuthToken();
        assertThat(call("GET", "/api/v2/users/me.json", null, "Bearer " + token).status()).isEqualTo(200);
        zd.revokeOAuthToken(token);
        assertThat(call("GET", "/api/v2/users/me.json", null, "Bearer " + token).status()).isEqualTo(401);
    }

    @Test
    void incrementalExportLeavesOutTheLastMinuteAndContinuesFromItsCursor() throws IOException {
        long first = zd.openTicket(ana, "Printing", "What scale?");
        clock.advance(Duration.ofSeconds(30));
        long second = zd.openTicket(ana, "Layers", "How do layers work?");

        JsonNode page = get("/api/v2/incremental/tickets/cursor.json?start_time=" + clock.instant().minusSeconds(3600).getEpochSecond());
        assertThat(page.path("tickets")).isEmpty(); // both changed within the last minute
        assertThat(page.path("end_of_stream").asBoolean()).isTrue();

        clock.advance(Duration.ofSeconds(31));
        page = get("/api/v2/incremental/tickets/cursor.json?cursor=" + page.path("after_cursor").asText());
        assertThat(page.path("tickets")).extracting(t -> t.path("id").asLong()).containsExactly(first);
        assertThat(page.path("tickets").get(0).path("status").asText()).isEqualTo("new");

        clock.advance(Duration.ofMinutes(2));
        page = get("/api/v2/incremental/tickets/cursor.json?per_page=1&cursor=" + page.path("after_cursor").asText());
        assertThat(page.path("tickets")).extracting(t -> t.path("id").asLong()).containsExactly(second);
        String cursor = page.path("after_cursor").asText();
        assertThat(get("/api/v2/incremental/tickets/cursor.json?cursor=" + cursor).path("tickets")).isEmpty();

        zd.requesterReplies(first, "Still small");
        clock.advance(Duration.ofMinutes(2));
        page = get("/api/v2/incremental/tickets/cursor.json?cursor=" + cursor);
        assertThat(page.path("tickets")).extracting(t -> t.path("id").asLong()).containsExactly(first);

        assertThat(call("GET", "/api/v2/incremental/tickets/cursor.json", null, basic()).status()).isEqualTo(400);
        assertThat(call("GET", "/api/v2/incremental/tickets/cursor.json?cursor=garbage", null, basic()).status()).isEqualTo(400);
    }

    @Test
    void commentsPageWithCursorsAndOffsets() throws IOException {
        long id = zd.openTicket(ana, "Many", "message 0");
        for (int i = 1; i < 5; i++) {
            zd.requesterReplies(id, "message " + i);
        }
        JsonNode p1 = get("/api/v2/tickets/" + id + "/comments.json?page%5Bsize%5D=2");
        assertThat(p1.path("comments")).extracting(c -> c.path("body").asText()).containsExactly("message 0", "message 1");
        assertThat(p1.path("meta").path("has_more").asBoolean()).isTrue();
        String next = p1.path("links").path("next").asText();
        JsonNode p2 = get(next.substring(zd.baseUrl().length()));
        assertThat(p2.path("comments")).extracting(c -> c.path("body").asText()).containsExactly("message 2", "message 3");
        JsonNode p3 = get("/api/v2/tickets/" + id + "/comments.json?page%5Bsize%5D=2&page%5Bafter%5D="
                + p2.path("meta").path("after_cursor").asText());
        assertThat(p3.path("comments")).extracting(c -> c.path("body").asText()).containsExactly("message 4");
        assertThat(p3.path("meta").path("has_more").asBoolean()).isFalse();

        JsonNode offset = get("/api/v2/tickets/" + id + "/comments.json?per_page=3&page=2");
        assertThat(offset.path("comments")).hasSize(2);
        assertThat(offset.path("count").asInt()).isEqualTo(5);
        assertThat(call("GET", "/api/v2/tickets/" + id + "/comments.json?page%5Bsize%5D=101", null, basic()).status())
                .isEqualTo(400);
    }

    @Test
    void updatesAddCommentsStatusTagsAndGroupAndRefuseInvalidJson() throws IOException {
        long id = zd.openTicket(ana, "Refund", "I want a refund");
        long group = zd.addGroup("Humans");
        Reply ok = call("PUT", "/api/v2/tickets/" + id + ".json",
                "{\"ticket\":{\"comment\":{\"body\":\"A person will help\",\"public\":false},\"status\":\"open\","
                        + "\"tags\":[\"patternhub_escalated\"],\"group_id\":" + group + "}}", basic());
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        ZendeskTicketView t = zd.ticket(id);
        assertThat(t.status()).isEqualTo("open");
        assertThat(t.tags()).containsExactly("patternhub_escalated");
        assertThat(t.groupId()).hasValue(group);
        assertThat(t.internalNotes()).singleElement().satisfies(n -> {
            assertThat(n.body()).isEqualTo("A person will help");
            assertThat(n.authorId()).isEqualTo(zd.agentId());
        });

        Reply invalid = call("PUT", "/api/v2/tickets/" + id + ".json",
                "{\"ticket\":{\"status\":\"escalated\",\"comment\":{\"body\":\"\"},\"colour\":\"red\"}}", basic());
        assertThat(invalid.status()).isEqualTo(422);
        JsonNode err = mapper.readTree(invalid.body());
        assertThat(err.path("error").asText()).isEqualTo("RecordInvalid");
        assertThat(err.path("details").has("status")).isTrue();
        assertThat(err.path("details").has("comment.body")).isTrue();
        assertThat(err.path("details").has("colour")).isTrue();

        assertThat(call("PUT", "/api/v2/tickets/" + id + ".json", "{\"ticket\":{\"group_id\":999}}", basic()).status())
                .isEqualTo(422);
        assertThat(call("PUT", "/api/v2/tickets/" + id + ".json", "not json", basic()).status()).isEqualTo(400);
        Reply missing = call("PUT", "/api/v2/tickets/424242.json", "{\"ticket\":{\"status\":\"open\"}}", basic());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(mapper.readTree(missing.body()).path("error").asText()).isEqualTo("RecordNotFound");
        assertThat(zd.ticketUpdateCount()).isEqualTo(1);
        assertThat(zd.journal().validationFailures()).isEmpty();
    }

    @Test
    void answers429AsTextWithRetryAfterOverTheExportLimit() throws IOException {
        ZendeskSandbox small = ZendeskSandbox.builder().clock(clock).exportPerMinuteLimit(2).build().start();
        try {
            zd.close();
            zd = small;
            String path = "/api/v2/incremental/tickets/cursor.json?start_time=0";
            assertThat(call("GET", path, null, basic()).status()).isEqualTo(200);
            Reply second = call("GET", path, null, basic());
            assertThat(second.raw().header("X-Rate-Limit")).isEqualTo("700");
            assertThat(second.raw().header("X-Rate-Limit-Remaining")).isEqualTo("698");
            Reply throttled = call("GET", path, null, basic());
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.raw().header("Content-Type")).startsWith("text/plain");
            assertThat(Long.parseLong(throttled.raw().header("Retry-After"))).isBetween(1L, 60L);
            assertThat(call("GET", "/api/v2/users/me.json", null, basic()).status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(1));
            assertThat(call("GET", path, null, basic()).status()).isEqualTo(200);
        } finally {
            small.close();
        }
    }
}
