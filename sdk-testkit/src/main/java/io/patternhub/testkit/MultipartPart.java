package io.patternhub.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One part of a {@code multipart/form-data} body.
 *
 * @param name the form field name
 * @param filename the file name, when the part is a file
 * @param contentType the part's content type, when given
 * @param headers the part's headers, by lower-case name
 * @param content the part's bytes
 */
public record MultipartPart(String name, Optional<String> filename, Optional<String> contentType,
        Map<String, String> headers, byte[] content) {

    /**
     * The content as UTF-8 text.
     *
     * @return the text
     */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
