package io.patternhub.hub.access.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a file on disk still holds the version the hub recorded, without hashing it on every range
 * request: the file is hashed once and the result is kept under its (size, modification time, file
 * key) stamp. A later request whose stamp is unchanged trusts the cached hash; any write that changes
 * the size or the modification time makes the file hashed again. A bounded LRU, one per server;
 * thread-safe (two first requests for the same file may both hash it, which is harmless).
 */
public final class FileFingerprints {
    private static final int CAPACITY = 4096;

    private final Map<Path, Known> known = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Known> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * What identifies a file's content cheaply.
     *
     * @param size     bytes
     * @param modified last modification
     * @param fileKey  the file system's identity of the file (inode), or {@code null}
     */
    public record Stamp(long size, FileTime modified, Object fileKey) {
    }

    private record Known(Stamp stamp, String sha256) {
    }

    /**
     * @param path the file
     * @return its stamp now
     * @throws IOException if it cannot be read
     */
    public static Stamp stamp(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return new Stamp(a.size(), a.lastModifiedTime(), a.fileKey());
    }

    /**
     * Checks the file against the recorded hash, hashing it only if its stamp changed since it was last
     * hashed.
     *
     * @param file the file and its recorded hash
     * @return the stamp under which the file matched, or empty if it no longer holds that version
     * @throws IOException if it cannot be read
     */
    public Optional<Stamp> verified(StoredFile file) throws IOException {
        Stamp now = stamp(file.path());
        Known k;
        synchronized (known) {
            k = known.get(file.path());
        }
        if (k == null || !k.stamp.equals(now)) {
            String sha = hash(file.path());
            Stamp after = stamp(file.path());
            if (!after.equals(now)) {
                return Optional.empty(); // written to while hashing: not a version anyone recorded
            }
            k = new Known(now, sha);
            synchronized (known) {
                known.put(file.path(), k);
            }
        }
        return k.sha256.equalsIgnoreCase(file.sha256()) && now.size() == file.sizeBytes()
                ? Optional.of(now) : Optional.empty();
    }

    private static String hash(Path path) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        byte[] buf = new byte[FileResponses.BUFFER];
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
