package io.patternhub.testkit.webhook;

import java.nio.charset.StandardCharsets;

/** Signs a payload as one platform does. Thread-safe. */
@FunctionalInterface
public interface WebhookSigner {
    /**
     * Signs {@code body}.
     *
     * @param body the exact bytes to deliver
     * @return the body with its signature headers
     */
    SignedWebhook sign(byte[] body);

    /**
     * Signs a UTF-8 text body.
     *
     * @param body the text to deliver
     * @return the body with its signature headers
     */
    default SignedWebhook sign(String body) {
        return sign(body.getBytes(StandardCharsets.UTF_8));
    }
}
