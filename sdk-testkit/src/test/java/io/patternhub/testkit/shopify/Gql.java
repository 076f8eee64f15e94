package io.patternhub.testkit.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.json.PatternHubJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A bare GraphQL client for sandbox tests: no retries, no pacing, so every answer reaches the test. */
final class Gql {
    static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    static final ObjectMapper MAPPER = PatternHubJson.newMapper();

    final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
            .readTimeout(Duration.ofSeconds(30)).build();
    private final String url;
    private final String token;

    Gql(String url, String token) {
        this.url = url;
        this.token = token;
    }

    record Reply(int status, JsonNode body) {
        JsonNode data() {
            return body.path("data");
        }

        JsonNode errors() {
            return body.path("errors");
        }

        JsonNode cost() {
            return body.path("extensions").path("cost");
        }
    }

    Reply query(String document) {
        return query(document, Map.of());
    }

    Reply query(String document, Map<String, Object> variables) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("query", document);
        body.set("variables", MAPPER.valueToTree(variables));
        return post(body.toString(), token);
    }

    Reply post(String body, String withToken) {
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
        if (withToken != null) {
            request.header("X-Shopify-Access-Token", withToken);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            return new Reply(response.code(), MAPPER.readTree(response.body().string()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String get(String getUrl) {
        try (Response response = http.newCall(new Request.Builder().url(getUrl).build()).execute()) {
            if (response.code() != 200) {
                throw new AssertionError("GET " + getUrl + " answered " + response.code());
            }
            return response.body().string();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
