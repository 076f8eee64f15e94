package io.patternhub.hub.privacy;

/**
 * What a retention run removed.
 *
 * @param customersErased    customers whose personal data was erased
 * @param inboxRowsDeleted   processed inbox rows deleted
 * @param linksDeleted       expired download links deleted
 */
public record RetentionReport(int customersErased, int inboxRowsDeleted, int linksDeleted) {
}
