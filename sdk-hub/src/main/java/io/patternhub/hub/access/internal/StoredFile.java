package io.patternhub.hub.access.internal;

import java.nio.file.Path;

/**
 * One file version whose bytes the hub holds on disk.
 *
 * @param name      the file name the buyer sees
 * @param sha256    the content hash the hub recorded (the response's ETag)
 * @param sizeBytes the size the hub recorded
 * @param path      where the bytes are
 */
public record StoredFile(String name, String sha256, long sizeBytes, Path path) {
}
