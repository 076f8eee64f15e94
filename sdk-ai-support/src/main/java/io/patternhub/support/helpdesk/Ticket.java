package io.patternhub.support.helpdesk;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer message waiting for an answer.
 *
 * @param id the helpdesk's stable id (an email's Message-ID, a Zendesk ticket id); the same ticket
 *     always has the same id, across restarts
 * @param subject the subject line
 * @param body the message text
 * @param customerEmail the sender's address, when known
 * @param receivedAt when it arrived
 */
public record Ticket(String id, String subject, String body, Optional<String> customerEmail, Instant receivedAt) {
    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(customerEmail, "customerEmail");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
