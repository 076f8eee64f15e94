package io.patternhub.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a route answers: a status, headers and a body (raw bytes, or an object the server writes
 * as JSON with PatternHub's mapper). Immutable; {@code with...} methods return copies.
 */
public final class SandboxResponse {
    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;
    private final Object jsonBody;

    private SandboxResponse(int status, Map<String, String> headers, byte[] body, Object jsonBody) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, was " + status);
        }
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.jsonBody = jsonBody;
    }

    /**
     * 200 with {@code body} written as JSON.
     *
     * @param body a Jackson-serialisable object or tree
     * @return the response
     */
    public static SandboxResponse json(Object body) {
        return json(200, body);
    }

    /**
     * {@code status} with {@code body} written as JSON.
     *
     * @param status the HTTP status
     * @param body a Jackson-serialisable object or tree
     * @return the response
     */
    public static SandboxResponse json(int status, Object body) {
        return new SandboxResponse(status, Map.of("Content-Type", "application/json; charset=utf-8"), null,
                Objects.requireNonNull(body, "body"));
    }

    /**
     * {@code status} with an empty body.
     *
     * @param status the HTTP status
     * @return the response
     */
    public static SandboxResponse status(int status) {
        return new SandboxResponse(status, Map.of(), new byte[0], null);
    }

    /**
     * {@code status} with a text body.
     *
     * @param status the HTTP status
     * @param contentType the body's content type
     * @param body the text, sent as UTF-8
     * @return the response
     */
    public static SandboxResponse text(int status, String contentType, String body) {
        return new SandboxResponse(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8), null);
    }

    /**
     * A copy with one more header (replacing one of the same name).
     *
     * @param name the header name
     * @param value the header value
     * @return the copy
     */
    public SandboxResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        copy.put(name, value);
        return new SandboxResponse(status, copy, body, jsonBody);
    }

    /**
     * A copy with more headers.
     *
     * @param more headers to add or replace
     * @return the copy
     */
    public SandboxResponse withHeaders(Map<String, String> more) {
        SandboxResponse result = this;
        for (Map.Entry<String, String> e : more.entrySet()) {
            result = result.withHeader(e.getKey(), e.getValue());
        }
        return result;
    }

    /**
     * A copy with a raw body instead of the current one.
     *
     * @param bytes the body bytes
     * @return the copy
     */
    public SandboxResponse withBody(byte[] bytes) {
        return new SandboxResponse(status, headers, bytes.clone(), null);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The raw body, unless the body is a JSON object still to be written. */
    public Optional<byte[]> rawBody() {
        return Optional.ofNullable(body).map(byte[]::clone);
    }

    /** The object to be written as JSON, when the body is one. */
    public Optional<Object> jsonBody() {
        return Optional.ofNullable(jsonBody);
    }
}
