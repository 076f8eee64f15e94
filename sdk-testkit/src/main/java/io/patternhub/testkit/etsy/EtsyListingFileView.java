package io.patternhub.testkit.etsy;

import java.time.Instant;

/**
 * A digital file attached to a listing, as the sandbox holds it.
 *
 * @param listingFileId the file id
 * @param listingId the listing it belongs to
 * @param name the file name ({@code name} form field, or the part's file name)
 * @param rank its position among the listing's files, from 1
 * @param sizeBytes the size of the uploaded content
 * @param sha256 the lower-case hex SHA-256 of the uploaded content
 * @param createdAt when it was uploaded
 */
public record EtsyListingFileView(long listingFileId, long listingId, String name, int rank, long sizeBytes,
        String sha256, Instant createdAt) {
}
