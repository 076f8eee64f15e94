package io.patternhub.support.kb;

import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.ErrorContext;
import java.util.Locale;
import java.util.Optional;

/** The document formats the knowledge base reads. */
public enum DocumentFormat {
    PDF("pdf"),
    MARKDOWN("md", "markdown"),
    HTML("html", "htm"),
    TEXT("txt", "text");

    private final String[] extensions;

    DocumentFormat(String... extensions) {
        this.extensions = extensions;
    }

    /** The format a file name's extension stands for, if it is one the knowledge base reads. */
    public static Optional<DocumentFormat> forFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (DocumentFormat f : values()) {
            for (String e : f.extensions) {
                if (e.equals(ext)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Like {@link #forFileName} but fails for unsupported files.
     *
     * @throws InvalidRequestException when the extension is not pdf, md, markdown, html, htm, txt or text
     */
    public static DocumentFormat requireForFileName(String fileName) {
        return forFileName(fileName).orElseThrow(() -> new InvalidRequestException(
                "Unsupported document '" + fileName + "': use .pdf, .md, .html or .txt",
                ErrorContext.empty()));
    }
}
