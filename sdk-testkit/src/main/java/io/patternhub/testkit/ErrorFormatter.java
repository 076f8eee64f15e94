package io.patternhub.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shapes sandbox errors like the platform's own error bodies (Etsy's {@code {"error": "..."}},
 * Shopify's {@code {"errors": ...}}, Xero's validation lists...). Platform sandboxes supply their own.
 */
@FunctionalInterface
public interface ErrorFormatter {
    /**
     * The response for {@code error}; keep {@link SandboxError#status()} as its status unless the
     * platform really answers otherwise.
     *
     * @param error what went wrong
     * @return the platform-shaped response
     */
    SandboxResponse format(SandboxError error);

    /**
     * A generic JSON shape: {@code {"error": message, "code": code, "details": [...]}}.
     *
     * @return the default formatter
     */
    static ErrorFormatter json() {
        return error -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", error.message());
            body.put("code", error.code());
            if (!error.details().isEmpty()) {
                List<Map<String, String>> details = error.details().stream()
                        .map(d -> Map.of("field", d.field(), "code", d.code(), "message", d.message()))
                        .collect(Collectors.toList());
                body.put("details", details);
            }
            return SandboxResponse.json(error.status(), body);
        };
    }
}
