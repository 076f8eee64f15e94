package io.patternhub.testkit.internal;

import io.patternhub.testkit.MultipartPart;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;

/** Form and multipart body parsing for sandbox requests. Not public API. */
public final class BodyParsers {
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"([^\"]*)\"");

    private BodyParsers() {
    }

    /** Parses {@code application/x-www-form-urlencoded} text ('+' is a space). */
    public static Map<String, List<String>> form(String text) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Parses a {@code multipart/form-data} body with the boundary from {@code contentType}. */
    public static List<MultipartPart> multipart(String contentType, byte[] body) throws IOException {
        MediaType type = MediaType.parse(contentType);
        String boundary = type == null ? null : type.parameter("boundary");
        if (boundary == null) {
            throw new IllegalArgumentException("Content-Type has no multipart boundary: " + contentType);
        }
        List<MultipartPart> parts = new ArrayList<>();
        try (MultipartReader reader = new MultipartReader(new Buffer().write(body), boundary)) {
            MultipartReader.Part next;
            while ((next = reader.nextPart()) != null) {
                try (MultipartReader.Part part = next) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    part.headers().forEach(h -> headers.put(h.getFirst().toLowerCase(Locale.ROOT), h.getSecond()));
                    String disposition = headers.getOrDefault("content-disposition", "");
                    String name = find(NAME, disposition).orElseThrow(
                            () -> new IllegalArgumentException("a part has no name in Content-Disposition"));
                    parts.add(new MultipartPart(name, find(FILENAME, disposition),
                            Optional.ofNullable(headers.get("content-type")), Map.copyOf(headers),
                            part.body().readByteArray()));
                }
            }
        }
        return parts;
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
