package io.patternhub.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A plain OkHttp client for tests: no silent retries, so every fault reaches the test. */
final class Http {
    static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    final OkHttpClient client;

    Http() {
        this(Duration.ofSeconds(5));
    }

    Http(Duration readTimeout) {
        client = new OkHttpClient.Builder().retryOnConnectionFailure(false).readTimeout(readTimeout).build();
    }

    /** A response read fully, so the connection is done with. */
    record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    Reply get(String url) throws IOException {
        return execute(new Request.Builder().url(url).build(), Map.of());
    }

    Reply get(String url, Map<String, String> headers) throws IOException {
        return execute(new Request.Builder().url(url).build(), headers);
    }

    Reply post(String url, String json) throws IOException {
        return execute(new Request.Builder().url(url).post(RequestBody.create(json, JSON)).build(), Map.of());
    }

    Reply send(Request request) throws IOException {
        return execute(request, Map.of());
    }

    private Reply execute(Request request, Map<String, String> headers) throws IOException {
        Request.Builder b = request.newBuilder();
        headers.forEach(b::header);
        try (Response response = client.newCall(b.build()).execute()) {
            return new Reply(response.code(), response.headers().toMultimap(), response.body().string());
        }
    }
}
