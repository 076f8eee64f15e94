/**
 * Helpdesks: the {@link io.patternhub.support.helpdesk.Helpdesk} SPI, an IMAP/SMTP email helpdesk,
 * and the {@link io.patternhub.support.helpdesk.SupportLoop} that answers each ticket at most once.
 */
package io.patternhub.support.helpdesk;
