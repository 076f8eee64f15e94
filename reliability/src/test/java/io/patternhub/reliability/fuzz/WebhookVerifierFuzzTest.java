package io.patternhub.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.webhook.StandardWebhookSigner;
import io.patternhub.core.webhook.WebhookHeaders;
import io.patternhub.core.webhook.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook verifiers on arbitrary deliveries: each either accepts (only when the signature is
 * really the secret's over these exact bytes) or throws {@link WebhookVerificationException}, the
 * 401 path; never another exception. Seeds: {@code WebhookVerifierFuzzTestInputs/<method>/}.
 */
class WebhookVerifierFuzzTest {
    /** Seeds are signed at this instant; the verifiers' clock is pinned to it. */
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_772_000_000L), ZoneOffset.UTC);
    static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String HMAC_SECRET = "fuzz-shared-secret";

    private static final List<WebhookVerifier> HMAC_VERIFIERS = List.of(WebhookVerifier.shopify(HMAC_SECRET),
            WebhookVerifier.wooCommerce(HMAC_SECRET), WebhookVerifier.quickBooks(HMAC_SECRET),
            WebhookVerifier.xero(HMAC_SECRET));

    @FuzzTest(maxDuration = "5m")
    void standardWebhooks(byte[] input) {
        Deliveries d = Deliveries.parse(input);
        WebhookVerifier verifier = WebhookVerifier.etsy(STANDARD_SECRET, CLOCK);
        Throwable thrown = catchThrowable(() -> verifier.verify(WebhookHeaders.of(d.headers()), d.body()));
        if (thrown == null) {
            // Accepted: some v1 entry must decode to the MAC the secret gives for exactly this id, time and
            // body. The bytes, not the text: Java's Base64 decoder ignores the unused low bits of the last
            // character, so "...zG6=" and "...zG4=" are the same MAC (seed non-canonical-base64).
            String id = d.headers().get("webhook-id").strip();
            long ts = Long.parseLong(d.headers().get("webhook-timestamp").strip());
            String expected = StandardWebhookSigner.create(STANDARD_SECRET, CLOCK).signature(id, ts, d.body());
            byte[] mac = Base64.getDecoder().decode(expected.substring("v1,".length()));
            List<byte[]> given = Arrays.stream(d.headers().get("webhook-signature").strip().split(" +"))
                    .filter(e -> e.startsWith("v1,")).map(e -> decodeOrEmpty(e.substring("v1,".length()))).toList();
            assertThat(given).anySatisfy(g -> assertThat(g).isEqualTo(mac));
        } else {
            assertThat(thrown).isInstanceOf(WebhookVerificationException.class);
        }
    }

    private static byte[] decodeOrEmpty(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    static String hmacBase64(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HMAC_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void hmacBodyVerifiers(byte[] input) {
        Deliveries d = Deliveries.parse(input);
        for (WebhookVerifier verifier : HMAC_VERIFIERS) {
            Throwable thrown = catchThrowable(() -> verifier.verify(WebhookHeaders.of(d.headers()), d.body()));
            if (thrown == null) {
                // Accepted: some header carries the real HMAC of exactly these body bytes (padding optional).
                String mac = hmacBase64(d.body()).replace("=", "");
                assertThat(d.headers().values()).as(verifier.toString())
                        .anySatisfy(v -> assertThat(v.strip().replace("=", "")).isEqualTo(mac));
            } else {
                assertThat(thrown).as(verifier.toString()).isInstanceOf(WebhookVerificationException.class);
            }
        }
    }
}
