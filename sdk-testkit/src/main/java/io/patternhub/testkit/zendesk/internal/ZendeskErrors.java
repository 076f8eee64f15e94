package io.patternhub.testkit.zendesk.internal;

import io.patternhub.core.error.ValidationError;
import io.patternhub.testkit.ErrorFormatter;
import io.patternhub.testkit.SandboxError;
import io.patternhub.testkit.SandboxResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zendesk's error documents: {@code {"error": "RecordNotFound", "description": "Not found"}},
 * {@code {"error": "RecordInvalid", "description": "Record validation errors", "details": {field:
 * [{"description", "error"}]}}}, {@code {"error": "Couldn't authenticate you"}} for 401,
 * {@code {"error": {"title", "message"}}} for 403, and a {@code text/plain} body for 429.
 */
public final class ZendeskErrors implements ErrorFormatter {
    /** The code a handler uses for a refused credential. */
    public static final String UNAUTHORIZED = "unauthorized";
    /** The code a handler uses for a missing permission. */
    public static final String FORBIDDEN = "forbidden";

    @Override
    public SandboxResponse format(SandboxError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (error.code()) {
            case SandboxError.RATE_LIMITED -> {
                return SandboxResponse.text(429, "text/plain; charset=utf-8",
                        "Number of allowed API requests per minute exceeded");
            }
            case SandboxError.NOT_FOUND -> {
                body.put("error", "RecordNotFound");
                body.put("description", "Not found");
            }
            case UNAUTHORIZED -> body.put("error", "Couldn't authenticate you");
            case FORBIDDEN -> body.put("error", Map.of("title", "Forbidden", "message", error.message()));
            case "RecordInvalid" -> {
                body.put("error", "RecordInvalid");
                body.put("description", error.message());
                body.put("details", details(error.details()));
            }
            case SandboxError.INVALID_REQUEST -> {
                body.put("error", "InvalidValue");
                body.put("description", error.message());
                if (!error.details().isEmpty()) {
                    body.put("details", details(error.details()));
                }
            }
            default -> {
                body.put("error", error.code());
                body.put("description", error.message());
            }
        }
        return SandboxResponse.json(error.status(), body);
    }

    private static Map<String, List<Map<String, String>>> details(List<ValidationError> problems) {
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        for (ValidationError p : problems) {
            String field = p.field().isEmpty() ? "base" : p.field();
            out.computeIfAbsent(field, k -> new ArrayList<>())
                    .add(Map.of("description", p.message(), "error", p.code().isEmpty() ? "InvalidValue" : p.code()));
        }
        return out;
    }
}
