package io.patternhub.support.llm;

import java.util.Objects;

/**
 * A chat model's reply.
 *
 * @param text the reply text
 * @param model the model that answered, as the provider named it
 * @param stopReason why generation stopped, in the provider's words ({@code stop}, {@code end_turn},
 *     {@code length}, {@code max_tokens}, ...)
 * @param inputTokens tokens read, when reported (else 0)
 * @param outputTokens tokens written, when reported (else 0)
 */
public record ChatResponse(String text, String model, String stopReason, int inputTokens, int outputTokens) {
    public ChatResponse {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stopReason, "stopReason");
    }
}
