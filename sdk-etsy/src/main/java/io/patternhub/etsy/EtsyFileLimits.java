package io.patternhub.etsy;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;

/**
 * The per-listing digital file limits the storefront enforces before uploading. Etsy's API
 * description does not state them, so the {@linkplain #assumedDefaults() defaults} are conservative
 * assumptions (5 files of at most 20 MB each); set the values your shop actually has.
 *
 * @param maxFilesPerListing how many files one listing may carry, at least 1
 * @param maxFileSizeBytes   the largest file accepted, in bytes, at least 1
 */
public record EtsyFileLimits(int maxFilesPerListing, long maxFileSizeBytes) {

    public EtsyFileLimits {
        if (maxFilesPerListing < 1 || maxFileSizeBytes < 1) {
            throw new ConfigurationException("Etsy file limits must be positive, were " + maxFilesPerListing
                    + " files and " + maxFileSizeBytes + " bytes", ErrorContext.empty());
        }
    }

    /** 5 files per listing, 20 MB (20 * 1024 * 1024 bytes) each: assumptions, not documented by Etsy. */
    public static EtsyFileLimits assumedDefaults() {
        return new EtsyFileLimits(5, 20L * 1024 * 1024);
    }
}
