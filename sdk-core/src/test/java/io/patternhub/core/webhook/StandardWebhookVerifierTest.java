package io.patternhub.core.webhook;

import static io.patternhub.core.webhook.HmacBodyVerifierTest.assertReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class StandardWebhookVerifierTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    private static final String ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private static final long NOW = 1_767_225_600L; // 2026-01-01T00:00:00Z
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final byte[] BODY = ("{\"event_type\":\"order.paid\",\"resource_url\":"
            + "\"https://openapi.etsy.com/v3/application/shops/123/receipts/456\",\"shop_id\":123}")
            .getBytes(StandardCharsets.UTF_8);

    /** Independent reference: javax.crypto over id.timestamp.body with the decoded key. */
    static String referenceSignature(byte[] key, String id, long timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private static Map<String, String> headers(String id, long timestamp, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signature);
        return headers;
    }

    private static WebhookVerifier verifier() {
        return WebhookVerifier.etsy(SECRET, CLOCK);
    }

    @Test
    void acceptsKnownAnswerComputedIndependently() throws Exception {
        String signature = referenceSignature(KEY, ID, NOW, BODY);
        assertThatCode(() -> verifier().verify(headers(ID, NOW, signature), BODY)).doesNotThrowAnyException();
    }

    @Test
    void acceptsPublishedStandardWebhooksVector() {
        // The test vector used by the standard-webhooks reference libraries.
        Map<String, String> headers = headers("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        Clock then = Clock.fixed(Instant.ofEpochSecond(1614265330L), ZoneOffset.UTC);
        assertThatCode(() -> WebhookVerifier.etsy("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", then)
                .verify(headers, "{\"test\": 2432232314}")).doesNotThrowAnyException();
    }

    @Test
    void secretWorksWithOrWithoutWhsecPrefix() throws Exception {
        String signature = referenceSignature(KEY, ID, NOW, BODY);
        String bare = Base64.getEncoder().encodeToString(KEY);
        WebhookVerifier.etsy(bare, CLOCK).verify(headers(ID, NOW, signature), BODY);
        WebhookVerifier.etsy(SECRET, CLOCK).verify(headers(ID, NOW, signature), BODY);
        // The prefix is stripped, not signed with: using the raw text as key must not verify.
        String wrongKey = referenceSignature(SECRET.getBytes(StandardCharsets.UTF_8), ID, NOW, BODY);
        assertReason(() -> verifier().verify(headers(ID, NOW, wrongKey), BODY), Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsTamperedBodyIdOrTimestamp() throws Exception {
        String signature = referenceSignature(KEY, ID, NOW, BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("123", "999").getBytes(StandardCharsets.UTF_8);
        assertReason(() -> verifier().verify(headers(ID, NOW, signature), tampered), Reason.SIGNATURE_MISMATCH);
        assertReason(() -> verifier().verify(headers("msg_other", NOW, signature), BODY), Reason.SIGNATURE_MISMATCH);
        assertReason(() -> verifier().verify(headers(ID, NOW + 1, signature), BODY), Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void controlCharactersAroundTheIdOrSignatureAreNotTrimmedAway() throws Exception {
        // found by fuzzing: trim() dropped NULs, so "v1,\0\0<sig>" passed and an id "\0<id>" verified as "<id>"
        // (a different webhook-id for deduplication, signed as the original one)
        String signature = referenceSignature(KEY, ID, NOW, BODY);
        String nulPadded = "v1,\0\0\0" + signature.substring(3);
        assertReason(() -> verifier().verify(headers(ID, NOW, nulPadded), BODY), Reason.MALFORMED_HEADER);
        String tabbed = "v1,\t" + signature.substring(3);
        assertReason(() -> verifier().verify(headers(ID, NOW, tabbed), BODY), Reason.MALFORMED_HEADER);
        assertReason(() -> verifier().verify(headers("\0" + ID, NOW, signature), BODY), Reason.SIGNATURE_MISMATCH);
        // ordinary whitespace around the values is still fine
        assertThatCode(() -> verifier().verify(headers(" " + ID + " ", NOW, " " + signature + " "), BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsWrongSecret() throws Exception {
        String signature = referenceSignature("another-key-another-key-another!!".getBytes(StandardCharsets.UTF_8), ID, NOW, BODY);
        assertReason(() -> verifier().verify(headers(ID, NOW, signature), BODY), Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsStaleTimestampBeyondToleranceOnly() throws Exception {
        long edge = NOW - 300;
        verifier().verify(headers(ID, edge, referenceSignature(KEY, ID, edge, BODY)), BODY);
        long stale = NOW - 301;
        String signature = referenceSignature(KEY, ID, stale, BODY);
        assertReason(() -> verifier().verify(headers(ID, stale, signature), BODY), Reason.TIMESTAMP_TOO_OLD);
    }

    @Test
    void rejectsFutureTimestampBeyondToleranceOnly() throws Exception {
        long edge = NOW + 300;
        verifier().verify(headers(ID, edge, referenceSignature(KEY, ID, edge, BODY)), BODY);
        long future = NOW + 301;
        String signature = referenceSignature(KEY, ID, future, BODY);
        assertReason(() -> verifier().verify(headers(ID, future, signature), BODY), Reason.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void toleranceIsConfigurable() throws Exception {
        long old = NOW - 3600;
        Map<String, String> headers = headers(ID, old, referenceSignature(KEY, ID, old, BODY));
        StandardWebhookVerifier.builder(SECRET).clock(CLOCK).tolerance(Duration.ofHours(2)).build().verify(headers, BODY);
        WebhookVerifier strict = StandardWebhookVerifier.builder(SECRET).clock(CLOCK).tolerance(Duration.ofSeconds(10)).build();
        long eleven = NOW - 11;
        Map<String, String> elevenAgo = headers(ID, eleven, referenceSignature(KEY, ID, eleven, BODY));
        assertReason(() -> strict.verify(elevenAgo, BODY), Reason.TIMESTAMP_TOO_OLD);
        assertThatThrownBy(() -> StandardWebhookVerifier.builder(SECRET).tolerance(Duration.ofSeconds(-1)))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void forgedSignatureWithStaleTimestampIsReportedAsMismatch() {
        long stale = NOW - 10_000;
        assertReason(() -> verifier().verify(headers(ID, stale, "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), BODY),
                Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void anyOneOfSeveralSignaturesIsEnough() throws Exception {
        String valid = referenceSignature(KEY, ID, NOW, BODY);
        String invalid = referenceSignature("rotated-out-key-rotated-out-key!".getBytes(StandardCharsets.UTF_8), ID, NOW, BODY);
        verifier().verify(headers(ID, NOW, invalid + " " + valid), BODY);
        verifier().verify(headers(ID, NOW, valid + " " + invalid), BODY);
        // Entries of other versions (e.g. asymmetric v1a) are skipped, not fatal.
        verifier().verify(headers(ID, NOW, "v1a,c29tZXRoaW5nZWxzZQ== " + valid), BODY);
        assertReason(() -> verifier().verify(headers(ID, NOW, invalid + " " + invalid), BODY), Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsEachMissingHeader() throws Exception {
        String signature = referenceSignature(KEY, ID, NOW, BODY);
        for (String name : new String[] {"webhook-id", "webhook-timestamp", "webhook-signature"}) {
            Map<String, String> headers = headers(ID, NOW, signature);
            headers.remove(name);
            assertReason(() -> verifier().verify(headers, BODY), Reason.MISSING_HEADER);
        }
    }

    @Test
    void rejectsMalformedHeaders() throws Exception {
        String signature = referenceSignature(KEY, ID, NOW, BODY);
        Map<String, String> badTimestamp = headers(ID, NOW, signature);
        badTimestamp.put("webhook-timestamp", "2026-01-01T00:00:00Z");
        assertReason(() -> verifier().verify(badTimestamp, BODY), Reason.MALFORMED_HEADER);
        assertReason(() -> verifier().verify(headers(ID, NOW, signature.substring(3)), BODY), Reason.MALFORMED_HEADER);
        assertReason(() -> verifier().verify(headers(ID, NOW, "v1,%%%notbase64%%%"), BODY), Reason.MALFORMED_HEADER);
        assertReason(() -> verifier().verify(headers(ID, NOW, "v2,c29tZXRoaW5n"), BODY), Reason.MALFORMED_HEADER);
        assertReason(() -> verifier().verify(headers(ID, NOW, " "), BODY), Reason.MALFORMED_HEADER);
    }

    @Test
    void headerNamesAreCaseInsensitive() throws Exception {
        String signature = referenceSignature(KEY, ID, NOW, BODY);
        Map<String, String> headers = Map.of("Webhook-Id", ID, "WEBHOOK-TIMESTAMP", Long.toString(NOW),
                "Webhook-Signature", signature);
        verifier().verify(headers, BODY);
    }

    @Test
    void invalidSecretsAreConfigurationErrors() {
        assertThatThrownBy(() -> WebhookVerifier.etsy("whsec_***not-base64***")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WebhookVerifier.etsy("")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WebhookVerifier.etsy("whsec_")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void signerProducesHeadersTheVerifierAcceptsAndMatchesReference() throws Exception {
        StandardWebhookSigner signer = StandardWebhookSigner.create(SECRET, CLOCK);
        Map<String, String> signed = signer.sign(BODY);
        assertThat(signed).containsKeys("webhook-id", "webhook-timestamp", "webhook-signature");
        assertThat(signed.get("webhook-timestamp")).isEqualTo(Long.toString(NOW));
        assertThat(signed.get("webhook-signature"))
                .isEqualTo(referenceSignature(KEY, signed.get("webhook-id"), NOW, BODY));
        verifier().verify(signed, BODY);
        assertThat(signer.sign(BODY).get("webhook-id")).isNotEqualTo(signed.get("webhook-id"));

        Map<String, String> fixed = signer.sign("msg_fixed", Instant.ofEpochSecond(NOW - 10), BODY);
        assertThat(fixed.get("webhook-signature")).isEqualTo(referenceSignature(KEY, "msg_fixed", NOW - 10, BODY));
        assertThatThrownBy(() -> signer.sign("bad.id", Instant.ofEpochSecond(NOW), BODY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
