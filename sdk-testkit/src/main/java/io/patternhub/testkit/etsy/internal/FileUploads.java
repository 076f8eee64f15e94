package io.patternhub.testkit.etsy.internal;

import io.patternhub.core.error.ValidationError;
import io.patternhub.testkit.SandboxRejection;
import io.patternhub.testkit.SandboxRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Etsy's uploadListingFile: reads the multipart body part by part, streaming the {@code file} part
 * through SHA-256 in chunks and stopping as soon as it exceeds the size limit; also attaches an
 * existing file by {@code listing_file_id}. Not public API.
 */
final class FileUploads {
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"([^\"]*)\"");
    private static final int CHUNK = 64 * 1024;

    private final EtsyStore store;
    private final int maxFiles;
    private final long maxFileBytes;
    private final boolean storeContent;

    FileUploads(EtsyStore store, int maxFiles, long maxFileBytes, boolean storeContent) {
        this.store = store;
        this.maxFiles = maxFiles;
        this.maxFileBytes = maxFileBytes;
        this.storeContent = storeContent;
    }

    /** What one upload carried. */
    private static final class Upload {
        String name;
        String filename;
        String mediaType;
        Integer rank;
        Long existingFileId;
        boolean hasFile;
        long size;
        String sha256;
        byte[] content;
    }

    Records.ListingFile upload(long shopId, long listingId, SandboxRequest req) {
        Upload u = read(req);
        if (u.rank != null && u.rank < 1) {
            throw invalid("rank", "rank must be at least 1, was " + u.rank);
        }
        if (u.hasFile) {
            String name = u.name != null && !u.name.isBlank() ? u.name : u.filename;
            if (name == null || name.isBlank()) {
                throw invalid("name", "A file upload needs a name (the name field or the part's filename)");
            }
            String type = u.mediaType != null ? u.mediaType : guessType(name);
            return store.addFile(shopId, listingId, name, u.rank, u.size, u.sha256, type, u.content, maxFiles);
        }
        if (u.existingFileId != null) {
            Records.ListingFile existing = store.existingFile(shopId, u.existingFileId);
            String name = u.name != null && !u.name.isBlank() ? u.name : existing.name;
            return store.addFile(shopId, listingId, name, u.rank, existing.sizeBytes, existing.sha256,
                    existing.mediaType, existing.content, maxFiles);
        }
        throw invalid("file", "Either a file or a listing_file_id is required");
    }

    private Upload read(SandboxRequest req) {
        String contentType = req.header("Content-Type").orElse("");
        MediaType type = MediaType.parse(contentType);
        String boundary = type == null ? null : type.parameter("boundary");
        if (type == null || !"multipart".equals(type.type()) || boundary == null) {
            throw invalid("body", "uploadListingFile expects multipart/form-data with a boundary, got '"
                    + contentType + "'");
        }
        Upload u = new Upload();
        try (MultipartReader reader = new MultipartReader(new Buffer().write(req.body()), boundary)) {
            MultipartReader.Part part;
            while ((part = reader.nextPart()) != null) {
                try (MultipartReader.Part p = part) {
                    readPart(p.headers(), p.body(), u);
                }
            }
        } catch (IOException | IllegalStateException e) {
            throw invalid("body", "The body is not valid multipart/form-data: " + e.getMessage());
        }
        return u;
    }

    private void readPart(Headers headers, BufferedSource body, Upload u) throws IOException {
        String disposition = headers.get("Content-Disposition");
        String field = find(NAME, disposition);
        if (field == null) {
            throw invalid("body", "A multipart part has no name in Content-Disposition");
        }
        switch (field) {
            case "file" -> {
                u.hasFile = true;
                u.filename = find(FILENAME, disposition);
                String partType = headers.get("Content-Type");
                u.mediaType = partType == null || partType.startsWith("application/octet-stream") ? null
                        : partType.split(";")[0].trim();
                stream(body, u);
            }
            case "name" -> u.name = body.readUtf8();
            case "rank" -> u.rank = (int) integer("rank", body.readUtf8());
            case "listing_file_id" -> u.existingFileId = integer("listing_file_id", body.readUtf8());
            default -> throw invalid(field, "uploadListingFile has no field '" + field + "'");
        }
    }

    private void stream(BufferedSource body, Upload u) throws IOException {
        MessageDigest sha = sha256();
        ByteArrayOutputStream content = storeContent ? new ByteArrayOutputStream() : null;
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        int n;
        while ((n = body.read(chunk)) != -1) {
            total += n;
            if (total > maxFileBytes) {
                throw invalid("file", "The file is larger than the maximum of " + maxFileBytes + " bytes per file");
            }
            sha.update(chunk, 0, n);
            if (content != null) {
                content.write(chunk, 0, n);
            }
        }
        if (total == 0) {
            throw invalid("file", "The file is empty");
        }
        u.size = total;
        u.sha256 = HexFormat.of().formatHex(sha.digest());
        u.content = content == null ? null : content.toByteArray();
    }

    private static long integer(String field, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(field, field + " must be an integer, was '" + value + "'");
        }
    }

    private static String guessType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (lower.endsWith(".zip")) {
            return "application/zip";
        }
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        return "application/octet-stream";
    }

    private static String find(Pattern p, String text) {
        if (text == null) {
            return null;
        }
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static SandboxRejection invalid(String field, String message) {
        return SandboxRejection.invalid(message, List.of(new ValidationError(field, "invalid", message)));
    }
}
