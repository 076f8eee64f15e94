package io.patternhub.core.webhook;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.error.WebhookVerificationException.Reason;
import io.patternhub.core.webhook.internal.Hmac;
import io.patternhub.core.webhook.internal.StandardWebhookSecret;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies the Standard Webhooks scheme that Etsy uses: headers {@code webhook-id},
 * {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature} (space-separated
 * {@code v1,<base64>} entries, any one of which may match), HMAC-SHA256 over
 * {@code id + "." + timestamp + "." + body}, keyed with the Base64-decoded secret.
 *
 * <p>The signature is checked first, then the timestamp: a delivery older than the tolerance or
 * further than the tolerance in the future is rejected, which stops replays. Thread-safe.
 */
public final class StandardWebhookVerifier implements WebhookVerifier {
    /** Header carrying the unique message id (also the deduplication key). */
    public static final String ID_HEADER = "webhook-id";
    /** Header carrying the send time in Unix seconds. */
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    /** Header carrying the signatures. */
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** The default tolerance: five minutes either way. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String VERSION = "v1";

    private final byte[] key;
    private final Clock clock;
    private final Duration tolerance;

    private StandardWebhookVerifier(Builder builder) {
        this.key = builder.key;
        this.clock = builder.clock;
        this.tolerance = builder.tolerance;
    }

    /**
     * Starts a verifier for {@code secret}.
     *
     * @param secret the signing secret, with or without its {@code whsec_} prefix
     * @return a builder with the system UTC clock and a five-minute tolerance
     * @throws ConfigurationException when the secret is blank or not Base64
     */
    public static Builder builder(String secret) {
        return new Builder(StandardWebhookSecret.decode(secret));
    }

    @Override
    public void verify(WebhookHeaders headers, byte[] body) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        String id = required(headers, ID_HEADER);
        String timestampText = required(headers, TIMESTAMP_HEADER);
        String signatures = required(headers, SIGNATURE_HEADER);
        long timestamp = parseTimestamp(timestampText);

        byte[] expected = Hmac.sha256(key, StandardWebhookSecret.signedContent(id, timestamp, body));
        if (!anySignatureMatches(signatures, expected)) {
            throw new WebhookVerificationException(Reason.SIGNATURE_MISMATCH,
                    "No webhook-signature entry matches the message; reject it with 401 (check the secret"
                            + " and that the raw body bytes were passed unchanged)");
        }
        checkTimestamp(timestamp);
    }

    private static String required(WebhookHeaders headers, String name) {
        Optional<String> value = headers.get(name);
        if (value.isEmpty()) {
            throw new WebhookVerificationException(Reason.MISSING_HEADER,
                    "Webhook has no " + name + " header; reject it with 401");
        }
        if (value.get().isBlank()) {
            throw new WebhookVerificationException(Reason.MALFORMED_HEADER,
                    "Webhook " + name + " header is empty; reject it with 401");
        }
        // strip(), not trim(): trim() also drops control characters such as NUL (found by fuzzing)
        return value.get().strip();
    }

    private static long parseTimestamp(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException(Reason.MALFORMED_HEADER,
                    "Webhook webhook-timestamp header is not Unix seconds: '" + text + "'; reject it with 401");
        }
    }

    /** Any one valid {@code v1} entry is enough; entries of other versions are ignored. */
    private static boolean anySignatureMatches(String header, byte[] expected) {
        boolean sawV1 = false;
        for (String entry : header.strip().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma <= 0) {
                throw new WebhookVerificationException(Reason.MALFORMED_HEADER,
                        "Webhook webhook-signature entry is not '<version>,<signature>'; reject it with 401");
            }
            if (!VERSION.equals(entry.substring(0, comma))) {
                continue;
            }
            // exactly the Base64 between the comma and the next space: nothing around it is trimmed away
            String encoded = entry.substring(comma + 1);
            Optional<byte[]> given = encoded.equals(encoded.strip()) ? Hmac.decodeBase64(encoded) : Optional.empty();
            if (given.isPresent()) {
                sawV1 = true;
                if (MessageDigest.isEqual(expected, given.get())) {
                    return true;
                }
            }
        }
        if (!sawV1) {
            throw new WebhookVerificationException(Reason.MALFORMED_HEADER,
                    "Webhook webhook-signature header has no valid v1 signature; reject it with 401");
        }
        return false;
    }

    private void checkTimestamp(long timestamp) {
        long now = clock.instant().getEpochSecond();
        long toleranceSeconds = tolerance.getSeconds();
        if (timestamp < now - toleranceSeconds) {
            throw new WebhookVerificationException(Reason.TIMESTAMP_TOO_OLD, "Webhook was signed "
                    + (now - timestamp) + " s ago, more than the " + toleranceSeconds
                    + " s tolerance; reject it (possible replay) or check this server's clock");
        }
        if (timestamp > now + toleranceSeconds) {
            throw new WebhookVerificationException(Reason.TIMESTAMP_IN_FUTURE, "Webhook timestamp is "
                    + (timestamp - now) + " s in the future, more than the " + toleranceSeconds
                    + " s tolerance; reject it or check this server's clock");
        }
    }

    /** Configures a {@link StandardWebhookVerifier}. */
    public static final class Builder {
        private final byte[] key;
        private Clock clock = Clock.systemUTC();
        private Duration tolerance = DEFAULT_TOLERANCE;

        private Builder(byte[] key) {
            this.key = key;
        }

        /**
         * The clock timestamps are checked against; inject a fixed clock in tests.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How far a timestamp may lie in the past or the future, in whole seconds.
         *
         * @param tolerance zero or positive
         * @return this builder
         * @throws ConfigurationException when negative
         */
        public Builder tolerance(Duration tolerance) {
            Objects.requireNonNull(tolerance, "tolerance");
            if (tolerance.isNegative()) {
                throw new ConfigurationException("Webhook timestamp tolerance must not be negative, was "
                        + tolerance, ErrorContext.empty());
            }
            this.tolerance = tolerance;
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return an immutable, thread-safe verifier
         */
        public StandardWebhookVerifier build() {
            return new StandardWebhookVerifier(this);
        }
    }
}
