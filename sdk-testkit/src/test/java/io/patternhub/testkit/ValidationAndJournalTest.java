package io.patternhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.testkit.journal.JournalEntry;
import io.patternhub.testkit.time.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ValidationAndJournalTest {
    static final String LISTINGS = "/v3/application/shops/{shop_id}/listings";
    private final Http http = new Http();
    private final ObjectMapper mapper = PatternHubJson.newMapper();
    private final AtomicInteger handled = new AtomicInteger();
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private SandboxServer server;

    @BeforeEach
    void start() {
        // Requires a title on listing creation, as a spec-driven validator would.
        RequestValidator titleRequired = req -> {
            if (!req.method().equals("POST")) {
                return List.of();
            }
            JsonNode title = req.json().path("title");
            return title.isTextual() && !title.asText().isBlank() ? List.of()
                    : List.of(new ValidationError("title", "required", "title is required"));
        };
        server = SandboxServer.builder().clock(clock).validator(titleRequired).build().start();
        server.route("POST", LISTINGS, req -> {
            handled.incrementAndGet();
            return SandboxResponse.json(201, Map.of("listing_id", handled.get()));
        });
        server.route("GET", LISTINGS, req -> SandboxResponse.json(Map.of("count", handled.get())));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void failingValidationAnswers400InErrorShapeAndSkipsTheHandler() throws Exception {
        Http.Reply rejected = http.post(server.baseUrl() + "/v3/application/shops/1/listings", "{\"price\":5}");
        assertThat(rejected.status()).isEqualTo(400);
        JsonNode body = mapper.readTree(rejected.body());
        assertThat(body.get("code").asText()).isEqualTo("invalid_request");
        assertThat(body.at("/details/0/field").asText()).isEqualTo("title");
        assertThat(handled).hasValue(0);

        List<JournalEntry> failures = server.journal().validationFailures();
        assertThat(failures).singleElement().satisfies(e -> {
            assertThat(e.validationErrors()).extracting(ValidationError::code).containsExactly("required");
            assertThat(e.handled()).isFalse();
            assertThat(e.status()).isEqualTo(400);
        });

        assertThat(http.post(server.baseUrl() + "/v3/application/shops/1/listings", "{\"title\":\"Shawl\"}").status())
                .isEqualTo(201);
        assertThat(handled).hasValue(1);
    }

    @Test
    void journalCountsPerRouteMethodAndWrites() throws Exception {
        assertThat(server.journal().writeCount()).isZero();
        for (int i = 0; i < 3; i++) {
            http.post(server.baseUrl() + "/v3/application/shops/" + i + "/listings", "{\"title\":\"t\"}");
        }
        clock.advance(java.time.Duration.ofMinutes(1));
        http.get(server.baseUrl() + "/v3/application/shops/1/listings?limit=5&offset=10");
        http.get(server.baseUrl() + "/unknown");

        assertThat(server.journal().count("POST", LISTINGS)).isEqualTo(3);
        assertThat(server.journal().count("GET", LISTINGS)).isEqualTo(1);
        assertThat(server.journal().writeCount()).isEqualTo(3);
        assertThat(server.journal().countMethod("GET")).isEqualTo(2);
        assertThat(server.journal().countsByRoute()).containsEntry("POST " + LISTINGS, 3L)
                .containsEntry("GET " + LISTINGS, 1L).containsEntry("GET /unknown", 1L);

        JournalEntry get = server.journal().entries().get(3);
        assertThat(get.sequence()).isEqualTo(4);
        assertThat(get.query()).containsEntry("limit", List.of("5")).containsEntry("offset", List.of("10"));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.receivedAt()).isEqualTo(Instant.parse("2026-03-01T10:01:00Z"));
        assertThat(server.journal().entries().get(0).bodySize()).isEqualTo("{\"title\":\"t\"}".length());
        assertThat(server.journal().entries().get(4).status()).isEqualTo(404);

        server.journal().clear();
        assertThat(server.journal().size()).isZero();
    }
}
