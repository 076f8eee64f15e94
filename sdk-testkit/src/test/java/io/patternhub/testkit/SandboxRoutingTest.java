package io.patternhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxRoutingTest {
    static final String LISTINGS = "/v3/application/shops/{shop_id}/listings";
    static final String LISTING = "/v3/application/shops/{shop_id}/listings/{listing_id}";

    private final ObjectMapper mapper = PatternHubJson.newMapper();
    private final Http http = new Http();
    private final Map<String, Map<String, Object>> listings = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private SandboxServer server;

    @BeforeEach
    void start() {
        // An Etsy-like error shape: {"error": "..."}.
        server = SandboxServer.builder()
                .errorFormatter(e -> SandboxResponse.json(e.status(), Map.of("error", e.message())))
                .build().start();
        server.route("POST", LISTINGS, req -> {
            JsonNode body = req.json();
            String id = Long.toString(ids.incrementAndGet());
            Map<String, Object> listing = Map.of("listing_id", id, "shop_id", req.pathParam("shop_id"),
                    "title", body.path("title").asText());
            listings.put(id, listing);
            return SandboxResponse.json(201, listing);
        });
        server.route("GET", LISTING, req -> {
            Map<String, Object> listing = listings.get(req.pathParam("listing_id"));
            if (listing == null || !listing.get("shop_id").equals(req.pathParam("shop_id"))) {
                throw SandboxRejection.notFound("Listing " + req.pathParam("listing_id") + " not found");
            }
            return SandboxResponse.json(listing);
        });
        server.route("GET", "/v3/application/shops/{shop_id}/listings/active", req -> SandboxResponse.json(
                Map.of("count", listings.size(), "limit", req.query("limit").orElse("25"))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createdStateIsVisibleThroughPathVariables() throws Exception {
        Http.Reply created = http.post(server.baseUrl() + "/v3/application/shops/42/listings", "{\"title\":\"Raglan sweater\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = mapper.readTree(created.body()).get("listing_id").asText();

        Http.Reply fetched = http.get(server.baseUrl() + "/v3/application/shops/42/listings/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(mapper.readTree(fetched.body()).get("title").asText()).isEqualTo("Raglan sweater");

        // Same id under another shop does not leak across shops.
        Http.Reply otherShop = http.get(server.baseUrl() + "/v3/application/shops/7/listings/" + id);
        assertThat(otherShop.status()).isEqualTo(404);
        assertThat(mapper.readTree(otherShop.body()).get("error").asText()).contains("not found");
    }

    @Test
    void literalSegmentWinsOverVariableAndQueryIsParsed() throws Exception {
        Http.Reply active = http.get(server.baseUrl() + "/v3/application/shops/42/listings/active?limit=100");
        assertThat(mapper.readTree(active.body()).get("limit").asText()).isEqualTo("100");
    }

    @Test
    void unknownRouteAnswers404InPlatformShapeAndWrongMethod405() throws Exception {
        Http.Reply unknown = http.get(server.baseUrl() + "/v3/application/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(mapper.readTree(unknown.body()).fieldNames()).toIterable().containsExactly("error");

        Http.Reply wrongMethod = http.send(new Request.Builder()
                .url(server.baseUrl() + "/v3/application/shops/42/listings/5").delete().build());
        assertThat(wrongMethod.status()).isEqualTo(405);
    }

    @Test
    void invalidJsonBodyIsA400InPlatformShapeAndHandlerBugIsA500() throws Exception {
        Http.Reply bad = http.post(server.baseUrl() + "/v3/application/shops/42/listings", "{not json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(mapper.readTree(bad.body()).get("error").asText()).contains("not valid JSON");
        assertThat(listings).isEmpty();

        server.route("GET", "/boom", req -> {
            throw new IllegalStateException("sandbox bug");
        });
        Http.Reply boom = http.get(server.baseUrl() + "/boom");
        assertThat(boom.status()).isEqualTo(500);
        assertThat(boom.body()).contains("sandbox bug");
    }

    @Test
    void formAndMultipartBodiesAreParsed() throws Exception {
        server.route("POST", "/oauth/token", req -> SandboxResponse.json(Map.of(
                "grant", req.form().get("grant_type").get(0), "scope", req.form().get("scope").get(0))));
        server.route("POST", "/v3/application/shops/{shop_id}/listings/{listing_id}/files", req -> {
            List<MultipartPart> parts = req.multipart();
            MultipartPart file = parts.stream().filter(p -> p.filename().isPresent()).findFirst().orElseThrow();
            return SandboxResponse.json(Map.of("parts", parts.size(), "name", parts.get(0).text(),
                    "filename", file.filename().get(), "size", file.content().length,
                    "type", file.contentType().orElse("")));
        });

        Http.Reply token = http.send(new Request.Builder().url(server.baseUrl() + "/oauth/token")
                .post(new FormBody.Builder().add("grant_type", "refresh_token").add("scope", "listings_r listings_w").build())
                .build());
        assertThat(mapper.readTree(token.body()).get("scope").asText()).isEqualTo("listings_r listings_w");

        byte[] pdf = "%PDF-1.7 pattern pages".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Http.Reply upload = http.send(new Request.Builder()
                .url(server.baseUrl() + "/v3/application/shops/42/listings/9/files")
                .post(new MultipartBody.Builder().setType(MultipartBody.FORM)
                        .addFormDataPart("name", "Sweater A4.pdf")
                        .addFormDataPart("file", "sweater-a4.pdf",
                                RequestBody.create(pdf, MediaType.get("application/pdf")))
                        .build())
                .build());
        JsonNode json = mapper.readTree(upload.body());
        assertThat(json.get("parts").asInt()).isEqualTo(2);
        assertThat(json.get("name").asText()).isEqualTo("Sweater A4.pdf");
        assertThat(json.get("filename").asText()).isEqualTo("sweater-a4.pdf");
        assertThat(json.get("size").asInt()).isEqualTo(pdf.length);
        assertThat(json.get("type").asText()).isEqualTo("application/pdf");
    }

    @Test
    void concurrentWritesAreAllApplied() throws Exception {
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                results.add(pool.submit(() -> http.post(server.baseUrl() + "/v3/application/shops/1/listings",
                        "{\"title\":\"t" + n + "\"}").status()));
            }
            for (java.util.concurrent.Future<Integer> r : results) {
                assertThat(r.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(listings).hasSize(40);
        assertThat(server.journal().count("POST", LISTINGS)).isEqualTo(40);
    }
}
