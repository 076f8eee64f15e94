package io.patternhub.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ErrorContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A platform's answer, fully read. Immutable and thread-safe. The body is parsed on demand with the
 * transport's {@code ObjectMapper}; a body that is not valid JSON raises an {@link ApiException}
 * naming the platform, the status and the parser's complaint.
 */
public final class ApiResponse {
    private final Platform platform;
    private final ApiRequest request;
    private final int status;
    private final ResponseHeaders headers;
    private final byte[] body;
    private final RateLimitStatus rateLimit;
    private final int attempts;
    private final String requestId;
    private final ObjectMapper mapper;

    /**
     * Creates a response; used by the transport and by tests of error mappers.
     *
     * @param platform  the platform that answered
     * @param request   the request answered
     * @param status    the HTTP status
     * @param headers   the response headers
     * @param body      the body bytes (not copied: do not modify them afterwards)
     * @param rateLimit what the rate-limit headers said
     * @param attempts  how many attempts the transport made, counting this one
     * @param requestId the platform's request id, or null
     * @param mapper    the mapper that parses the body
     */
    public ApiResponse(Platform platform, ApiRequest request, int status, ResponseHeaders headers, byte[] body,
            RateLimitStatus rateLimit, int attempts, String requestId, ObjectMapper mapper) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.request = Objects.requireNonNull(request, "request");
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.attempts = attempts;
        this.requestId = requestId;
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    public Platform platform() {
        return platform;
    }

    public ApiRequest request() {
        return request;
    }

    public int status() {
        return status;
    }

    /** Whether the status is 2xx. */
    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    public ResponseHeaders headers() {
        return headers;
    }

    /** The first value of header {@code name}, case-insensitively. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** The platform's request id (from the header configured on the transport). */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** The rate-limit state the platform reported with this response. */
    public RateLimitStatus rateLimit() {
        return rateLimit;
    }

    /** How many attempts the transport made to get this response. */
    public int attempts() {
        return attempts;
    }

    /** A copy of the body bytes. */
    public byte[] bodyBytes() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as a JSON tree; an empty body is a {@code MissingNode}. */
    public JsonNode json() {
        if (body.length == 0) {
            return mapper.missingNode();
        }
        try {
            return mapper.readTree(body);
        } catch (IOException | NumberFormatException e) { // Jackson lets an absurd exponent escape as NFE
            throw malformed(e);
        }
    }

    /** The body read as {@code type}. */
    public <T> T as(Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException | NumberFormatException e) { // Jackson lets an absurd exponent escape as NFE
            throw malformed(e);
        }
    }

    /** The body read as a generic type, for example {@code new TypeReference<List<Listing>>() {}}. */
    public <T> T as(TypeReference<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException | NumberFormatException e) { // Jackson lets an absurd exponent escape as NFE
            throw malformed(e);
        }
    }

    private ApiException malformed(Exception e) {
        String why = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return new ApiException(platform.displayName() + " answered " + request.method() + " "
                + request.path() + " with a body that is not the expected JSON (" + why + "); "
                + "this is a platform or SDK defect, report it with the request id",
                ErrorContext.builder().platform(platform).httpStatus(status).requestId(requestId)
                        .attempts(Math.max(1, attempts)).rateLimitHeaders(rateLimit.headers()).build(), e);
    }

    @Override
    public String toString() {
        return "ApiResponse{" + platform + " " + request + " -> " + status + ", " + body.length + " bytes}";
    }
}
