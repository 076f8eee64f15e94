package io.patternhub.testkit.etsy.internal;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.error.ValidationError;
import io.patternhub.testkit.SandboxRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Etsy's OpenAPI description (bundled at {@value #RESOURCE}) as a request and response validator,
 * built on {@code swagger-request-validator}. Parsing the 700 KB description takes a moment, so one
 * immutable, thread-safe instance is shared by every sandbox ({@link #shared()}). Not public API.
 */
public final class EtsySpec {
    /** The classpath location of Etsy's OpenAPI 3.0 description. */
    public static final String RESOURCE = "/io/patternhub/testkit/etsy/etsy-openapi-v3.json";

    private final OpenApiInteractionValidator validator;

    private EtsySpec(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** The shared instance, loaded on first use. */
    public static EtsySpec shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        private static final EtsySpec INSTANCE = load();
    }

    private static EtsySpec load() {
        String spec;
        try (InputStream in = EtsySpec.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Etsy's OpenAPI description is missing from the classpath: " + RESOURCE);
            }
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
        LevelResolver levels = LevelResolver.create()
                // The sandbox checks x-api-key and the bearer token itself and answers 401, as Etsy does.
                .withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE)
                .withLevel("validation.request.security.invalid", ValidationReport.Level.IGNORE)
                .build();
        return new EtsySpec(OpenApiInteractionValidator.createForInlineApiSpecification(withoutNullDefaults(spec))
                .withLevelResolver(levels).build());
    }

    /**
     * Etsy's description gives some array parameters {@code "default": null}, which the OpenAPI
     * parser refuses ("default is not of type array"); a null default means "no default", so those
     * entries are dropped before parsing. Nothing else is changed.
     */
    static String withoutNullDefaults(String spec) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            JsonNode root = mapper.readTree(spec);
            dropNullDefaults(root);
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Etsy's OpenAPI description is not valid JSON", e);
        }
    }

    private static void dropNullDefaults(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode def = object.get("default");
            if (def != null && def.isNull()) {
                object.remove("default");
            }
        }
        node.forEach(EtsySpec::dropNullDefaults);
    }

    /** Whether a path is one of Etsy's API paths (the OAuth token endpoint is not in the description). */
    static boolean covers(String path) {
        return path.startsWith("/v3/application/");
    }

    /**
     * The spec violations of a request; empty when it conforms or is not an API path.
     *
     * @param request the request
     * @return the problems
     */
    public List<ValidationError> validateRequest(SandboxRequest request) {
        if (!covers(request.path())) {
            return List.of();
        }
        SimpleRequest.Builder b = new SimpleRequest.Builder(request.method(), request.path());
        for (Map.Entry<String, List<String>> q : request.queryParams().entrySet()) {
            b.withQueryParam(q.getKey(), q.getValue());
        }
        request.headers().forEach((name, value) -> b.withHeader(name, value));
        request.header("Content-Type").ifPresent(b::withContentType);
        if (request.bodySize() > 0 && !isMultipart(request)) {
            b.withBody(request.body());
        }
        ValidationReport report = validator.validateRequest(b.build());
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> new ValidationError(field(m), m.getKey(), m.getMessage())).collect(Collectors.toList());
    }

    private static boolean isMultipart(SandboxRequest request) {
        // Multipart bodies are checked part by part by the upload handler (the validator does not parse them).
        return request.header("Content-Type").map(c -> c.toLowerCase(Locale.ROOT).startsWith("multipart/"))
                .orElse(false);
    }

    /**
     * The spec violations of a JSON response.
     *
     * @param method the request method
     * @param path the request path
     * @param status the response status
     * @param json the response body, or {@code null} for none
     * @return one message per violation
     */
    public List<String> validateResponse(String method, String path, int status, byte[] json) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(status);
        if (json != null) {
            b.withContentType("application/json").withBody(json);
        }
        ValidationReport report = validator.validateResponse(path,
                Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), b.build());
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                // Etsy answers 401 for a bad x-api-key even on operations whose description lists no 401.
                .filter(m -> !(status >= 400 && m.getKey().equals("validation.response.status.unknown")))
                .map(m -> method + " " + path + " -> " + status + ": " + m.getKey() + ": " + m.getMessage())
                .collect(Collectors.toList());
    }

    private static String field(ValidationReport.Message m) {
        return m.getContext().flatMap(ValidationReport.MessageContext::getParameter).map(p -> p.getName())
                .orElseGet(() -> m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                        .map(p -> "body" + p.getInstance()).orElse("request"));
    }
}
