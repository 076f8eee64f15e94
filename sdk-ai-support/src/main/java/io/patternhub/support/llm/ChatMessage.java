package io.patternhub.support.llm;

import java.util.Objects;

/**
 * One turn of a conversation.
 *
 * @param role who speaks
 * @param content the text
 */
public record ChatMessage(Role role, String content) {

    /** Who speaks. The system prompt is separate: {@link ChatRequest#system()}. */
    public enum Role { USER, ASSISTANT }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }
}
