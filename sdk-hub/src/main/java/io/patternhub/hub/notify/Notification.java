package io.patternhub.hub.notify;

import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.ErrorContext;
import java.util.Objects;
import java.util.Optional;

/**
 * One message to one person. Plain text always; HTML optional.
 *
 * @param toAddress the recipient's email address
 * @param toName    the recipient's display name, if known
 * @param subject   the subject line
 * @param text      the plain-text body
 * @param html      an HTML body, sent as an alternative to the text when present
 */
public record Notification(String toAddress, Optional<String> toName, String subject, String text, Optional<String> html) {

    /** Checks that every part is present and the address looks like an address. */
    public Notification {
        Objects.requireNonNull(toName, "toName");
        Objects.requireNonNull(html, "html");
        if (toAddress == null || !toAddress.matches("[^@\\s]+@[^@\\s]+")) {
            throw new InvalidRequestException("Notification needs a recipient email address, was '" + toAddress + "'",
                    ErrorContext.empty());
        }
        if (subject == null || subject.isBlank()) {
            throw new InvalidRequestException("Notification needs a subject", ErrorContext.empty());
        }
        if (text == null) {
            throw new InvalidRequestException("Notification needs a text body", ErrorContext.empty());
        }
    }

    /**
     * A plain-text message.
     *
     * @param toAddress the recipient's email address
     * @param toName    the recipient's name, or {@code null}
     * @param subject   the subject line
     * @param text      the body
     * @return the notification
     */
    public static Notification text(String toAddress, String toName, String subject, String text) {
        return new Notification(toAddress, Optional.ofNullable(toName), subject, text, Optional.empty());
    }
}
