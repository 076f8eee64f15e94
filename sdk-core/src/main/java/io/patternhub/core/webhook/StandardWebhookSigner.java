package io.patternhub.core.webhook;

import io.patternhub.core.webhook.internal.Hmac;
import io.patternhub.core.webhook.internal.StandardWebhookSecret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Signs outgoing webhooks with the Standard Webhooks scheme (the one Etsy uses): produces the
 * {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature} headers for a payload.
 * Thread-safe.
 *
 * <pre>{@code
 * StandardWebhookSigner signer = StandardWebhookSigner.create("whsec_...");
 * Map<String, String> headers = signer.sign(body); // add them to the POST
 * }</pre>
 */
public final class StandardWebhookSigner {
    private final byte[] key;
    private final Clock clock;

    private StandardWebhookSigner(byte[] key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /**
     * A signer using the system UTC clock.
     *
     * @param secret the signing secret, with or without its {@code whsec_} prefix
     * @return a signer
     * @throws io.patternhub.core.error.ConfigurationException when the secret is blank or not Base64
     */
    public static StandardWebhookSigner create(String secret) {
        return create(secret, Clock.systemUTC());
    }

    /**
     * A signer that stamps messages with the time of {@code clock}.
     *
     * @param secret the signing secret, with or without its {@code whsec_} prefix
     * @param clock the clock for {@code webhook-timestamp}
     * @return a signer
     * @throws io.patternhub.core.error.ConfigurationException when the secret is blank or not Base64
     */
    public static StandardWebhookSigner create(String secret, Clock clock) {
        return new StandardWebhookSigner(StandardWebhookSecret.decode(secret), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Headers for {@code body} with a fresh random message id and the clock's current time.
     *
     * @param body the exact bytes that will be sent
     * @return the three headers, in a mutable map
     */
    public Map<String, String> sign(byte[] body) {
        return sign("msg_" + UUID.randomUUID().toString().replace("-", ""), clock.instant(), body);
    }

    /**
     * Headers for {@code body} with the given message id and time. Reuse the id when retrying a
     * delivery so the receiver can deduplicate it.
     *
     * @param messageId the unique message id
     * @param timestamp the send time (truncated to whole seconds)
     * @param body the exact bytes that will be sent
     * @return the three headers, in a mutable map
     */
    public Map<String, String> sign(String messageId, Instant timestamp, byte[] body) {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(body, "body");
        if (messageId.isBlank() || messageId.indexOf('.') >= 0) {
            // A '.' would make the signed content ambiguous.
            throw new IllegalArgumentException("messageId must be non-blank and contain no '.': " + messageId);
        }
        long seconds = timestamp.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(StandardWebhookVerifier.ID_HEADER, messageId);
        headers.put(StandardWebhookVerifier.TIMESTAMP_HEADER, Long.toString(seconds));
        headers.put(StandardWebhookVerifier.SIGNATURE_HEADER, signature(messageId, seconds, body));
        return headers;
    }

    /**
     * Headers for a UTF-8 text body with a fresh message id and the clock's current time.
     *
     * @param body the text that will be sent as UTF-8
     * @return the three headers, in a mutable map
     */
    public Map<String, String> sign(String body) {
        return sign(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@code webhook-signature} value ({@code v1,<base64>}) for one message.
     *
     * @param messageId the message id
     * @param timestampSeconds the send time in Unix seconds
     * @param body the exact bytes that will be sent
     * @return the signature header value
     */
    public String signature(String messageId, long timestampSeconds, byte[] body) {
        return "v1," + Hmac.base64(Hmac.sha256(key, StandardWebhookSecret.signedContent(messageId, timestampSeconds, body)));
    }
}
