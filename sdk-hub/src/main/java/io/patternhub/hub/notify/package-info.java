/**
 * Messages to buyers: the {@link io.patternhub.hub.notify.Notifier} SPI, its SMTP implementation
 * ({@link io.patternhub.hub.notify.SmtpNotifier}, Jakarta Mail through Angus Mail) and
 * {@link io.patternhub.hub.notify.BuyerNotifications}, which sends download links and new-version
 * announcements at most once each (tracked in the store's {@code notifications_sent} table).
 */
package io.patternhub.hub.notify;
