package io.patternhub.support.answer;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import java.util.Objects;
import java.util.Optional;

/** A customer's question: the message text and, when known, who sent it. Immutable. */
public final class Inquiry {
    private final String subject;
    private final String body;
    private final String customerEmail;

    private Inquiry(Builder b) {
        this.subject = b.subject == null ? "" : b.subject.strip();
        this.body = b.body == null ? "" : b.body.strip();
        this.customerEmail = b.customerEmail;
        if (subject.isEmpty() && body.isEmpty()) {
            throw new InvalidRequestException("An inquiry needs a subject or a body", ErrorContext.empty());
        }
    }

    /** An inquiry with just a message. */
    public static Inquiry of(String text) {
        return builder().body(text).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    /** The sender's email address, when the channel gives one. */
    public Optional<String> customerEmail() {
        return Optional.ofNullable(customerEmail);
    }

    /** Subject and body as one text, the way the answerers read it. */
    public String text() {
        if (subject.isEmpty()) {
            return body;
        }
        if (body.isEmpty() || body.startsWith(subject)) {
            return body.isEmpty() ? subject : body;
        }
        return subject + "\n" + body;
    }

    @Override
    public String toString() {
        return "Inquiry[" + text() + "]";
    }

    /** Builds an {@link Inquiry}. */
    public static final class Builder {
        private String subject;
        private String body;
        private String customerEmail;

        private Builder() {
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder customerEmail(String customerEmail) {
            this.customerEmail = customerEmail == null || customerEmail.isBlank() ? null : customerEmail.strip();
            return this;
        }

        public Inquiry build() {
            Objects.requireNonNull(this, "builder");
            return new Inquiry(this);
        }
    }
}
