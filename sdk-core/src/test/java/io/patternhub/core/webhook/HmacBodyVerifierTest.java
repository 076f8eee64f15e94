package io.patternhub.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.error.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HmacBodyVerifierTest {
    private static final String SECRET = "hush-its-a-secret";
    private static final byte[] BODY = "{\"id\":820982911946154508,\"total\":\"12.50\",\"note\":\"caf\u00e9\"}"
            .getBytes(StandardCharsets.UTF_8);

    static Stream<Arguments> schemes() {
        return Stream.of(
                Arguments.of("Shopify", "X-Shopify-Hmac-SHA256", (Function<String, WebhookVerifier>) WebhookVerifier::shopify),
                Arguments.of("WooCommerce", "X-WC-Webhook-Signature", (Function<String, WebhookVerifier>) WebhookVerifier::wooCommerce),
                Arguments.of("QuickBooks", "intuit-signature", (Function<String, WebhookVerifier>) WebhookVerifier::quickBooks),
                Arguments.of("Xero", "x-xero-signature", (Function<String, WebhookVerifier>) WebhookVerifier::xero));
    }

    /** Independent reference implementation: javax.crypto directly, nothing from the SDK. */
    static String referenceSignature(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void acceptsKnownAnswerComputedIndependently(String name, String header, Function<String, WebhookVerifier> factory)
            throws Exception {
        String signature = referenceSignature(SECRET, BODY);
        assertThatCode(() -> factory.apply(SECRET).verify(Map.of(header, signature), BODY)).doesNotThrowAnyException();
    }

    @Test
    void knownAnswerMatchesPublishedHmacSha256Vector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        String expectedHex = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        byte[] expected = java.util.HexFormat.of().parseHex(expectedHex);
        String signature = Base64.getEncoder().encodeToString(expected);
        assertThatCode(() -> WebhookVerifier.xero("Jefe")
                .verify(Map.of("x-xero-signature", signature), "what do ya want for nothing?"))
                .doesNotThrowAnyException();
        assertThat(HmacBodySigner.create("Jefe").sign("what do ya want for nothing?")).isEqualTo(signature);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void headerLookupIgnoresCase(String name, String header, Function<String, WebhookVerifier> factory) throws Exception {
        String signature = referenceSignature(SECRET, BODY);
        WebhookVerifier verifier = factory.apply(SECRET);
        verifier.verify(Map.of(header.toUpperCase(java.util.Locale.ROOT), signature), BODY);
        verifier.verify(Map.of(header.toLowerCase(java.util.Locale.ROOT), signature), BODY);
        verifier.verify(WebhookHeaders.ofMultimap(Map.of(header.toLowerCase(java.util.Locale.ROOT), List.of(signature))), BODY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void rejectsTamperedBody(String name, String header, Function<String, WebhookVerifier> factory) throws Exception {
        String signature = referenceSignature(SECRET, BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("12.50", "0.01").getBytes(StandardCharsets.UTF_8);
        assertReason(() -> factory.apply(SECRET).verify(Map.of(header, signature), tampered), Reason.SIGNATURE_MISMATCH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void rejectsWrongSecret(String name, String header, Function<String, WebhookVerifier> factory) throws Exception {
        String signature = referenceSignature("another-secret", BODY);
        assertReason(() -> factory.apply(SECRET).verify(Map.of(header, signature), BODY), Reason.SIGNATURE_MISMATCH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void rejectsMissingHeader(String name, String header, Function<String, WebhookVerifier> factory) throws Exception {
        String signature = referenceSignature(SECRET, BODY);
        assertReason(() -> factory.apply(SECRET).verify(Map.of("X-Some-Other-Header", signature), BODY),
                Reason.MISSING_HEADER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    void rejectsMalformedHeader(String name, String header, Function<String, WebhookVerifier> factory) {
        WebhookVerifier verifier = factory.apply(SECRET);
        assertReason(() -> verifier.verify(Map.of(header, "not base64 !!"), BODY), Reason.MALFORMED_HEADER);
        // Valid Base64 but not 32 bytes: cannot be an HMAC-SHA256.
        assertReason(() -> verifier.verify(Map.of(header, "c2hvcnQ="), BODY), Reason.MALFORMED_HEADER);
        assertReason(() -> verifier.verify(Map.of(header, ""), BODY), Reason.MALFORMED_HEADER);
    }

    @Test
    void shopifyRotationAcceptsEitherSecretButNoOther() throws Exception {
        WebhookVerifier rotating = WebhookVerifier.shopify("new-secret", "old-secret");
        rotating.verify(Map.of("X-Shopify-Hmac-SHA256", referenceSignature("new-secret", BODY)), BODY);
        rotating.verify(Map.of("X-Shopify-Hmac-SHA256", referenceSignature("old-secret", BODY)), BODY);
        String third = referenceSignature("third-secret", BODY);
        assertReason(() -> rotating.verify(Map.of("X-Shopify-Hmac-SHA256", third), BODY), Reason.SIGNATURE_MISMATCH);
        // A single-secret verifier does not accept the rotated-out secret.
        String old = referenceSignature("old-secret", BODY);
        assertReason(() -> WebhookVerifier.shopify("new-secret").verify(Map.of("X-Shopify-Hmac-SHA256", old), BODY),
                Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void signatureOfOneSchemeIsNotAcceptedInAnotherSchemesHeader() throws Exception {
        String signature = referenceSignature(SECRET, BODY);
        assertReason(() -> WebhookVerifier.xero(SECRET).verify(Map.of("X-Shopify-Hmac-SHA256", signature), BODY),
                Reason.MISSING_HEADER);
    }

    @Test
    void blankSecretIsAConfigurationError() {
        assertThatThrownBy(() -> WebhookVerifier.shopify(" ")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Shopify");
        assertThatThrownBy(() -> WebhookVerifier.xero(null)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> WebhookVerifier.shopify("ok", "")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> HmacBodySigner.create("")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void signerOutputIsAcceptedByVerifier() {
        String signature = HmacBodySigner.create(SECRET).sign(BODY);
        WebhookVerifier.wooCommerce(SECRET).verify(Map.of("X-WC-Webhook-Signature", signature), BODY);
    }

    static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WebhookVerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
