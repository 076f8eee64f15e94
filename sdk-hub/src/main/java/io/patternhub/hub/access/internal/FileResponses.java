package io.patternhub.hub.access.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link StoredFile} as an HTTP response: headers, conditional requests, and a streamed body. */
public final class FileResponses {
    /** Bytes read and written at a time; the whole file is never in memory. */
    static final int BUFFER = 64 * 1024;

    private static final Map<String, String> TYPES = Map.of(
            "pdf", "application/pdf", "zip", "application/zip", "png", "image/png", "jpg", "image/jpeg",
            "jpeg", "image/jpeg", "svg", "image/svg+xml", "txt", "text/plain; charset=utf-8",
            "pat", "application/octet-stream");

    private FileResponses() {
    }

    /**
     * Sets the headers every answer about the file carries.
     *
     * @param headers the response headers
     * @param file    the file
     */
    public static void describe(Headers headers, StoredFile file) {
        headers.set("Content-Type", contentType(file.name()));
        headers.set("Content-Disposition", contentDisposition(file.name()));
        headers.set("ETag", etag(file));
        headers.set("Accept-Ranges", "bytes");
        headers.set("Cache-Control", "private, no-transform");
        headers.set("X-Content-Type-Options", "nosniff");
    }

    /**
     * @param ifNoneMatch the request's {@code If-None-Match}, or {@code null}
     * @param file        the file
     * @return whether the client already has this exact version
     */
    public static boolean notModified(String ifNoneMatch, StoredFile file) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag(file))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Answers a {@code HEAD}: headers and {@code Content-Length}, no body.
     *
     * @param ex   the exchange
     * @param file the file
     * @throws IOException if the client went away
     */
    public static void head(HttpExchange ex, StoredFile file) throws IOException {
        describe(ex.getResponseHeaders(), file);
        ex.getResponseHeaders().set("Content-Length", Long.toString(file.sizeBytes()));
        ex.sendResponseHeaders(200, -1);
    }

    /**
     * Answers 304 Not Modified.
     *
     * @param ex   the exchange
     * @param file the file
     * @throws IOException if the client went away
     */
    public static void notModified(HttpExchange ex, StoredFile file) throws IOException {
        ex.getResponseHeaders().set("ETag", etag(file));
        ex.sendResponseHeaders(304, -1);
    }

    /**
     * Streams the file with status 200. The last buffer is held back until the bytes read match the
     * recorded size and SHA-256: if the file was changed on disk in place, the response is cut short
     * (the client sees a truncated transfer, never a wrong file presented as complete).
     *
     * @param ex   the exchange
     * @param file the file
     * @throws IOException if the client went away or the file no longer matches its recorded hash
     */
    public static void stream(HttpExchange ex, StoredFile file) throws IOException {
        describe(ex.getResponseHeaders(), file);
        ex.sendResponseHeaders(200, file.sizeBytes() == 0 ? -1 : file.sizeBytes());
        MessageDigest sha = sha256();
        long total = 0;
        // the body is closed only on success: left open, the exchange's close sees the missing bytes and
        // drops the connection, so the client sees a truncated transfer instead of waiting for the rest
        OutputStream out = ex.getResponseBody();
        try (InputStream in = Files.newInputStream(file.path())) {
            byte[] held = new byte[BUFFER];
            byte[] next = new byte[BUFFER];
            int heldLen = in.readNBytes(held, 0, BUFFER);
            while (heldLen > 0) {
                sha.update(held, 0, heldLen);
                total += heldLen;
                int nextLen = in.readNBytes(next, 0, BUFFER);
                if (nextLen == 0) {
                    break;
                }
                out.write(held, 0, heldLen);
                byte[] swap = held;
                held = next;
                next = swap;
                heldLen = nextLen;
            }
            if (total != file.sizeBytes() || !HexFormat.of().formatHex(sha.digest()).equalsIgnoreCase(file.sha256())) {
                throw new IOException(file.path() + " no longer matches the version the hub recorded (sha256 "
                        + file.sha256() + "); transfer cut short");
            }
            if (heldLen > 0) {
                out.write(held, 0, heldLen);
            }
        }
        out.close();
    }

    /**
     * Streams one range with status 206 and {@code Content-Range}. The file was checked against its
     * recorded hash under {@code stamp} (see {@link FileFingerprints}); the last buffer is held back until
     * the stamp is checked again, so a file rewritten during the transfer is cut short.
     *
     * @param ex    the exchange
     * @param file  the file
     * @param range the range, within the file
     * @param stamp the stamp the file matched its hash under
     * @throws IOException if the client went away or the file changed
     */
    public static void streamRange(HttpExchange ex, StoredFile file, ByteRange range, FileFingerprints.Stamp stamp)
            throws IOException {
        describe(ex.getResponseHeaders(), file);
        ex.getResponseHeaders().set("Content-Range", range.contentRange(file.sizeBytes()));
        ex.sendResponseHeaders(206, range.length());
        OutputStream out = ex.getResponseBody(); // closed only on success, as in stream(...)
        try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            ch.position(range.first());
            InputStream in = Channels.newInputStream(ch);
            long left = range.length();
            byte[] buf = new byte[BUFFER];
            while (left > 0) {
                int n = in.readNBytes(buf, 0, (int) Math.min(BUFFER, left));
                if (n == 0) {
                    throw new IOException(file.path() + " is shorter than recorded; transfer cut short");
                }
                left -= n;
                if (left == 0 && !FileFingerprints.stamp(file.path()).equals(stamp)) {
                    throw new IOException(file.path() + " changed during the transfer; transfer cut short");
                }
                out.write(buf, 0, n);
            }
        }
        out.close();
    }

    /**
     * Answers 416 Range Not Satisfiable with {@code Content-Range: bytes *}{@code /size}.
     *
     * @param ex   the exchange
     * @param file the file
     * @throws IOException if the client went away
     */
    public static void unsatisfiable(HttpExchange ex, StoredFile file) throws IOException {
        ex.getResponseHeaders().set("Content-Range", "bytes */" + file.sizeBytes());
        ex.getResponseHeaders().set("Accept-Ranges", "bytes");
        plain(ex, 416, "The range asked for is outside the file (" + file.sizeBytes() + " bytes)");
    }

    /**
     * @param file the file
     * @return its strong ETag, quoted
     */
    public static String etagOf(StoredFile file) {
        return etag(file);
    }

    /**
     * Answers a refusal with a one-line plain-text reason (never a stack trace).
     *
     * @param ex      the exchange
     * @param status  the status
     * @param message what happened and what to do
     * @throws IOException if the client went away
     */
    public static void plain(HttpExchange ex, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    /** RFC 6266 with an RFC 5987 {@code filename*} for non-ASCII names and an ASCII fallback. */
    static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean attrChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            encoded.append(attrChar ? String.valueOf((char) c) : String.format(Locale.ROOT, "%%%02X", c));
        }
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static String etag(StoredFile file) {
        return "\"" + file.sha256().toLowerCase(Locale.ROOT) + "\"";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
