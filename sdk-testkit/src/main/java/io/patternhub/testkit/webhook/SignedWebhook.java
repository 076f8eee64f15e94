package io.patternhub.testkit.webhook;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A payload with the headers that sign it. Immutable.
 *
 * @param headers the signature headers (and any added with {@link #withHeader})
 * @param body the exact bytes that were signed
 */
public record SignedWebhook(Map<String, String> headers, byte[] body) {
    public SignedWebhook {
        headers = Map.copyOf(headers);
        body = Objects.requireNonNull(body, "body").clone();
    }

    /**
     * A copy with one more header, such as {@code X-Shopify-Topic} (it is not part of the signature).
     *
     * @param name the header name
     * @param value the header value
     * @return the copy
     */
    public SignedWebhook withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SignedWebhook(copy, body);
    }

    /**
     * A copy with a different body but the same headers: a tampered delivery.
     *
     * @param tampered the new body
     * @return the copy
     */
    public SignedWebhook withBody(byte[] tampered) {
        return new SignedWebhook(headers, tampered);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
