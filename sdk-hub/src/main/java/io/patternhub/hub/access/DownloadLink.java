package io.patternhub.hub.access;

import java.net.URI;
import java.time.Instant;

/**
 * A signed download link for one file of one entitlement.
 *
 * @param id            the link's id
 * @param url           the URL to give the buyer
 * @param token         the signed token in the URL (what {@link DownloadLinks#verify} checks)
 * @param entitlementId the entitlement it belongs to
 * @param fileName      the file it downloads
 * @param expiresAt     when it stops working
 * @param maxDownloads  how many downloads it allows
 */
public record DownloadLink(String id, URI url, String token, String entitlementId, String fileName, Instant expiresAt,
                           int maxDownloads) {
}
