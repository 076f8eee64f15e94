package io.patternhub.testkit.etsy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A bare HTTP client for sandbox tests: sends exactly what a test asks, with the app's credentials. */
final class EtsyClient {
    static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private final EtsySandbox etsy;
    private String apiKey;
    private String accessToken;

    EtsyClient(EtsySandbox etsy, String accessToken) {
        this.etsy = etsy;
        this.apiKey = etsy.apiKey();
        this.accessToken = accessToken;
    }

    EtsyClient apiKey(String key) {
        this.apiKey = key;
        return this;
    }

    EtsyClient token(String token) {
        this.accessToken = token;
        return this;
    }

    /** A response read whole. */
    record Reply(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    Reply get(String pathAndQuery) {
        return send(new Request.Builder().url(etsy.baseUrl() + pathAndQuery).get());
    }

    Reply delete(String path) {
        return send(new Request.Builder().url(etsy.baseUrl() + path).delete());
    }

    Reply postForm(String path, String... pairs) {
        return send(new Request.Builder().url(etsy.baseUrl() + path).post(form(pairs)));
    }

    Reply patchForm(String path, String... pairs) {
        return send(new Request.Builder().url(etsy.baseUrl() + path).patch(form(pairs)));
    }

    Reply putJson(String path, String json) {
        return send(new Request.Builder().url(etsy.baseUrl() + path).put(RequestBody.create(json, JSON)));
    }

    Reply post(String path, RequestBody body) {
        return send(new Request.Builder().url(etsy.baseUrl() + path).post(body));
    }

    Reply upload(long shopId, long listingId, String name, byte[] content, Integer rank) {
        MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("file", name, RequestBody.create(content, MediaType.get("application/pdf")))
                .addFormDataPart("name", name);
        if (rank != null) {
            b.addFormDataPart("rank", rank.toString());
        }
        return post("/v3/application/shops/" + shopId + "/listings/" + listingId + "/files", b.build());
    }

    /** Creates a draft download listing and returns its id. */
    long createDraft(long shopId, String title, String price) {
        Reply r = postForm("/v3/application/shops/" + shopId + "/listings", "quantity", "999", "title", title,
                "description", "A PDF sewing pattern", "price", price, "who_made", "i_did", "when_made",
                "made_to_order", "taxonomy_id", "2078", "type", "download");
        if (r.status() != 201) {
            throw new AssertionError("createDraftListing failed: " + r);
        }
        return r.json().get("listing_id").asLong();
    }

    private static RequestBody form(String... pairs) {
        FormBody.Builder b = new FormBody.Builder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.add(pairs[i], pairs[i + 1]);
        }
        return b.build();
    }

    private Reply send(Request.Builder request) {
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        }
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : response.headers().names()) {
                headers.put(name, response.header(name));
            }
            return new Reply(response.code(), headers, response.body() == null ? "" : response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
