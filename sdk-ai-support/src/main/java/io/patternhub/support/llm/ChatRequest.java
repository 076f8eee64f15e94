package io.patternhub.support.llm;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to ask a chat model. Immutable; build with {@link #builder()}.
 *
 * @param system the system prompt (may be empty)
 * @param messages the conversation, starting with a user turn
 * @param maxTokens the most tokens the reply may have
 * @param temperature sampling temperature, 0 for the most deterministic reply
 * @param jsonOutput whether the reply must be one JSON object (sent as a response format where the
 *     API has one; always also stated in the prompt by the caller)
 */
public record ChatRequest(String system, List<ChatMessage> messages, int maxTokens, double temperature,
        boolean jsonOutput) {

    public ChatRequest {
        Objects.requireNonNull(system, "system");
        messages = List.copyOf(messages);
        if (messages.isEmpty() || messages.get(0).role() != ChatMessage.Role.USER) {
            throw new InvalidRequestException("A chat request needs at least one message, starting with the user",
                    ErrorContext.empty());
        }
        if (maxTokens < 1) {
            throw new InvalidRequestException("maxTokens must be at least 1, was " + maxTokens, ErrorContext.empty());
        }
        if (temperature < 0 || temperature > 2) {
            throw new InvalidRequestException("temperature must be within [0, 2], was " + temperature, ErrorContext.empty());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ChatRequest}. */
    public static final class Builder {
        private String system = "";
        private final List<ChatMessage> messages = new ArrayList<>();
        private int maxTokens = 800;
        private double temperature = 0.0;
        private boolean jsonOutput;

        private Builder() {
        }

        public Builder system(String system) {
            this.system = Objects.requireNonNull(system, "system");
            return this;
        }

        public Builder user(String content) {
            messages.add(ChatMessage.user(content));
            return this;
        }

        public Builder assistant(String content) {
            messages.add(ChatMessage.assistant(content));
            return this;
        }

        /** Default 800. */
        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** Default 0. */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder jsonOutput(boolean jsonOutput) {
            this.jsonOutput = jsonOutput;
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(system, messages, maxTokens, temperature, jsonOutput);
        }
    }
}
