package io.patternhub.support.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.http.DefaultErrorMapper;
import java.util.Optional;

/** Reads Anthropic's error document: {@code {"type":"error","error":{"type":"rate_limit_error","message":"..."}}}. */
public final class AnthropicErrorMapper extends DefaultErrorMapper {
    @Override
    protected Optional<String> errorCode(JsonNode body) {
        JsonNode type = body.path("error").path("type");
        return type.isTextual() ? Optional.of(type.asText()) : super.errorCode(body);
    }
}
