package io.patternhub.hub.notify;

/**
 * Delivers messages to buyers (SMTP, a transactional mail API, a chat bot). Implementations are
 * thread-safe and throw a {@link io.patternhub.core.error.PatternHubException} subclass when the
 * message could not be handed over, so the caller can try again later.
 */
@FunctionalInterface
public interface Notifier {

    /**
     * Sends one message; returns once the transport accepted it.
     *
     * @param notification what to send
     * @throws io.patternhub.core.error.ConnectionException if the mail server could not be reached or refused it
     */
    void send(Notification notification);
}
