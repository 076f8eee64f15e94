package io.patternhub.testkit.webhook;

import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * POSTs signed webhooks to a receiver with plain OkHttp, as the platform would, and reports the
 * receiver's status. Thread-safe.
 */
public final class WebhookDelivery {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient client;

    private WebhookDelivery(OkHttpClient client) {
        this.client = client;
    }

    /**
     * A delivery client with Shopify-like timeouts (1 s connect, 5 s read) and no silent retries.
     *
     * @return the client
     */
    public static WebhookDelivery create() {
        return using(new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(1))
                .readTimeout(Duration.ofSeconds(5))
                .retryOnConnectionFailure(false)
                .build());
    }

    /**
     * A delivery client on a caller's OkHttp client.
     *
     * @param client the OkHttp client
     * @return the delivery client
     */
    public static WebhookDelivery using(OkHttpClient client) {
        return new WebhookDelivery(Objects.requireNonNull(client, "client"));
    }

    /**
     * POSTs {@code webhook} to {@code url} as JSON.
     *
     * @param url the receiver's URL
     * @param webhook the signed payload
     * @return the receiver's HTTP status
     * @throws ConnectionException when the receiver cannot be reached
     */
    public int deliver(String url, SignedWebhook webhook) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(webhook, "webhook");
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(webhook.body(), JSON));
        webhook.headers().forEach(request::header);
        try (Response response = client.newCall(request.build()).execute()) {
            return response.code();
        } catch (IOException e) {
            throw new ConnectionException("Could not deliver the webhook to " + url + ": " + e.getMessage(),
                    ErrorContext.empty(), e);
        }
    }
}
