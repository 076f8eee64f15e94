package io.patternhub.core.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.auth.OAuthToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Serializes {@link OAuthToken} for token stores. Internal: the format may change between versions. */
public final class TokenJson {
    private final ObjectMapper mapper;

    public TokenJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] write(OAuthToken token) {
        ObjectNode node = mapper.createObjectNode();
        node.put("access_token", token.accessToken());
        token.refreshToken().ifPresent(r -> node.put("refresh_token", r));
        node.put("token_type", token.tokenType());
        token.expiresAt().ifPresent(e -> node.put("expires_at", e.toString()));
        ArrayNode scopes = node.putArray("scopes");
        token.scopes().forEach(scopes::add);
        ObjectNode extra = node.putObject("additional_parameters");
        token.additionalParameters().forEach(extra::put);
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a token", e);
        }
    }

    public OAuthToken read(byte[] json) throws IOException {
        JsonNode node = mapper.readTree(json);
        List<String> scopes = new ArrayList<>();
        node.path("scopes").forEach(s -> scopes.add(s.asText()));
        Map<String, String> extra = new LinkedHashMap<>();
        node.path("additional_parameters").fields().forEachRemaining(e -> extra.put(e.getKey(), e.getValue().asText()));
        JsonNode expiresAt = node.get("expires_at");
        return OAuthToken.builder()
                .accessToken(node.path("access_token").asText())
                .refreshToken(node.hasNonNull("refresh_token") ? node.get("refresh_token").asText() : null)
                .tokenType(node.path("token_type").asText(null))
                .expiresAt(expiresAt == null || expiresAt.isNull() ? null : Instant.parse(expiresAt.asText()))
                .scopes(scopes)
                .additionalParameters(extra)
                .build();
    }
}
