package io.patternhub.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.error.ValidationError;
import io.patternhub.testkit.internal.BodyParsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as a route handler, validator, limiter or fault plan sees it: method, path, path
 * variables, query parameters, case-insensitive headers and the body with parsing helpers.
 * Immutable.
 */
public final class SandboxRequest {
    private final String method;
    private final String path;
    private final String routeTemplate;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final TreeMap<String, String> headers;
    private final byte[] body;
    private final ObjectMapper mapper;

    SandboxRequest(String method, String path, String routeTemplate, Map<String, String> pathParams,
            Map<String, List<String>> query, Map<String, String> headers, byte[] body, ObjectMapper mapper) {
        this.method = method;
        this.path = path;
        this.routeTemplate = routeTemplate;
        this.pathParams = Map.copyOf(pathParams);
        this.query = Map.copyOf(query);
        this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.headers.putAll(headers);
        this.body = body;
        this.mapper = mapper;
    }

    /** The HTTP method, upper case. */
    public String method() {
        return method;
    }

    /** The encoded path, without the query. */
    public String path() {
        return path;
    }

    /** The template of the route that matched, when one did. */
    public Optional<String> routeTemplate() {
        return Optional.ofNullable(routeTemplate);
    }

    /** Whether the method changes state (anything but GET, HEAD and OPTIONS). */
    public boolean isWrite() {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    }

    /**
     * A path variable of the matched route, decoded.
     *
     * @param name the variable name in the template, without braces
     * @return its value
     * @throws IllegalArgumentException when the route has no such variable (a sandbox bug)
     */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Route " + routeTemplate + " has no path variable {" + name + "}");
        }
        return value;
    }

    /** All path variables of the matched route. */
    public Map<String, String> pathParams() {
        return pathParams;
    }

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter name
     * @return its first value, when present
     */
    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    /** All query parameters, decoded. */
    public Map<String, List<String>> queryParams() {
        return query;
    }

    /**
     * A header, looked up without regard to case.
     *
     * @param name the header name
     * @return its value, when present
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** All headers (a case-insensitive map; repeated headers joined with ", "). */
    public Map<String, String> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }

    /** The raw body bytes (a copy). */
    public byte[] body() {
        return body.clone();
    }

    /** The body size in bytes. */
    public int bodySize() {
        return body.length;
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body parsed as JSON.
     *
     * @return the JSON tree
     * @throws SandboxRejection a 400 in the platform's shape when the body is not JSON
     */
    public JsonNode json() {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw invalidBody("Request body is empty; JSON expected");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalidBody("Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalidBody("Request body could not be read: " + e.getMessage());
        }
    }

    /**
     * The body bound to {@code type} with PatternHub's JSON mapper.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the bound value
     * @throws SandboxRejection a 400 in the platform's shape when the body does not bind
     */
    public <T> T json(Class<T> type) {
        try {
            return mapper.treeToValue(json(), type);
        } catch (IOException e) {
            throw invalidBody("Request body does not match " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The body parsed as {@code application/x-www-form-urlencoded}.
     *
     * @return field names to their values, in order
     */
    public Map<String, List<String>> form() {
        return BodyParsers.form(bodyText());
    }

    /**
     * The body parsed as {@code multipart/form-data}, using the boundary in {@code Content-Type}.
     *
     * @return the parts in order
     * @throws SandboxRejection a 400 in the platform's shape when the body is not multipart
     */
    public List<MultipartPart> multipart() {
        String contentType = header("Content-Type").orElseThrow(
                () -> invalidBody("multipart/form-data expected but the request has no Content-Type"));
        try {
            return BodyParsers.multipart(contentType, body);
        } catch (IOException | IllegalArgumentException e) {
            throw invalidBody("Request body is not valid multipart/form-data: " + e.getMessage());
        }
    }

    private static SandboxRejection invalidBody(String message) {
        return SandboxRejection.invalid(message, List.of(new ValidationError("body", "invalid_body", message)));
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
