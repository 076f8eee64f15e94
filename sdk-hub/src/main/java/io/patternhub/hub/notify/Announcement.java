package io.patternhub.hub.notify;

/**
 * What a new-version announcement did.
 *
 * @param sent           buyers emailed now
 * @param alreadySent    buyers who had this announcement already
 * @param skippedNoEmail buyers the platform shared no email for (e.g. Etsy), or who were erased
 */
public record Announcement(int sent, int alreadySent, int skippedNoEmail) {
}
