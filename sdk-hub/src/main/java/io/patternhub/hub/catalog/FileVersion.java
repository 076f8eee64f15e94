package io.patternhub.hub.catalog;

import java.time.Instant;
import java.util.Optional;

/**
 * One version of one pattern file as the hub recorded it.
 *
 * @param sku         the pattern
 * @param name        the file name
 * @param version     the file's version label
 * @param sha256      its content hash
 * @param sizeBytes   its size
 * @param changeNotes the pattern's change notes when this version arrived
 * @param createdAt   when the hub first saw it
 */
public record FileVersion(String sku, String name, String version, String sha256, long sizeBytes,
        Optional<String> changeNotes, Instant createdAt) {
}
