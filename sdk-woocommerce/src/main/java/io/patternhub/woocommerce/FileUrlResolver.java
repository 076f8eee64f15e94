package io.patternhub.woocommerce;

import io.patternhub.core.model.PatternFile;
import java.net.URI;

/**
 * Where WooCommerce should fetch a pattern file from. WooCommerce's REST API does not upload bytes:
 * a product download is a URL. Either the hub hosts the file (and returns its download URL here) or
 * the user gives one. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface FileUrlResolver {

    /**
     * The public or signed URL WooCommerce serves the file from.
     *
     * @param file the pattern file
     * @return an {@code http} or {@code https} URL
     */
    URI urlFor(PatternFile file);

    /**
     * Uses each file's own {@link PatternFile#location()} when it is an {@code http(s)} URL; a file
     * without one is refused with {@link io.patternhub.core.error.InvalidRequestException}.
     *
     * @return the resolver
     */
    static FileUrlResolver fromLocation() {
        return file -> file.location().filter(u -> "https".equalsIgnoreCase(u.getScheme())
                        || "http".equalsIgnoreCase(u.getScheme()))
                .orElseThrow(() -> new io.patternhub.core.error.InvalidRequestException("WooCommerce links files by"
                        + " URL and '" + file.name() + "' has no http(s) location; host it (e.g. with the hub) and"
                        + " configure a FileUrlResolver", io.patternhub.core.error.ErrorContext.builder()
                        .platform(io.patternhub.core.Platform.WOOCOMMERCE).build()));
    }
}
