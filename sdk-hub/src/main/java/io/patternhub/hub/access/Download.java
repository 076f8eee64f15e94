package io.patternhub.hub.access;

/**
 * A download the hub allowed: serve this file.
 *
 * @param linkId        the link used
 * @param entitlementId the entitlement
 * @param sku           the pattern
 * @param fileName      the file to serve
 * @param fileVersion   the file version the link was made for, or {@code null}
 * @param downloadsUsed downloads so far, this one included
 * @param maxDownloads  the link's limit
 */
public record Download(String linkId, String entitlementId, String sku, String fileName, String fileVersion,
                       int downloadsUsed, int maxDownloads) {

    /** Downloads left on the link. */
    public int remaining() {
        return maxDownloads - downloadsUsed;
    }
}
