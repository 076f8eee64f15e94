package io.patternhub.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth 2.0 token as the token endpoint issued it. Immutable; build with {@link #builder()}, copy
 * with {@link #toBuilder()}. {@link #toString()} never prints the access or refresh token.
 */
public final class OAuthToken {
    private final String accessToken;
    private final String refreshToken;
    private final String tokenType;
    private final Instant expiresAt;
    private final List<String> scopes;
    private final Map<String, String> additionalParameters;

    private OAuthToken(Builder b) {
        this.accessToken = Objects.requireNonNull(b.accessToken, "accessToken");
        if (accessToken.isEmpty()) {
            throw new IllegalArgumentException("accessToken is empty");
        }
        this.refreshToken = b.refreshToken == null || b.refreshToken.isEmpty() ? null : b.refreshToken;
        this.tokenType = b.tokenType == null || b.tokenType.isBlank() ? "Bearer" : b.tokenType;
        this.expiresAt = b.expiresAt;
        this.scopes = List.copyOf(b.scopes);
        this.additionalParameters = Map.copyOf(b.additionalParameters);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().accessToken(accessToken).refreshToken(refreshToken).tokenType(tokenType)
                .expiresAt(expiresAt).scopes(scopes).additionalParameters(additionalParameters);
    }

    /** The access token sent on API calls. */
    public String accessToken() {
        return accessToken;
    }

    /** The refresh token, when the platform issued one (Ravelry only with the {@code offline} scope). */
    public Optional<String> refreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    /** The token type the platform reported; {@code Bearer} when it said nothing. */
    public String tokenType() {
        return tokenType;
    }

    /** When the access token stops working; empty for tokens that do not expire. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** The scopes granted, as the platform reported them (or as requested when it did not say). */
    public List<String> scopes() {
        return scopes;
    }

    /**
     * Other fields of the token response, as text (for example QuickBooks'
     * {@code x_refresh_token_expires_in} or an OpenID {@code id_token}).
     */
    public Map<String, String> additionalParameters() {
        return additionalParameters;
    }

    /**
     * Whether the access token has expired, or will within {@code skew}. A token without an expiry
     * time never expires here (only a 401 reveals it).
     *
     * @param clock the current time
     * @param skew  how long before the real expiry to treat the token as expired
     * @return {@code true} if it should be refreshed before use
     */
    public boolean isExpired(Clock clock, Duration skew) {
        if (expiresAt == null) {
            return false;
        }
        return !clock.instant().plus(skew).isBefore(expiresAt);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OAuthToken)) {
            return false;
        }
        OAuthToken other = (OAuthToken) o;
        return accessToken.equals(other.accessToken) && Objects.equals(refreshToken, other.refreshToken)
                && tokenType.equals(other.tokenType) && Objects.equals(expiresAt, other.expiresAt)
                && scopes.equals(other.scopes) && additionalParameters.equals(other.additionalParameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessToken, refreshToken, tokenType, expiresAt, scopes, additionalParameters);
    }

    /** Describes the token without revealing it. */
    @Override
    public String toString() {
        return "OAuthToken{type=" + tokenType + ", expiresAt=" + expiresAt + ", scopes=" + scopes
                + ", refreshToken=" + (refreshToken == null ? "none" : "present")
                + ", additionalParameters=" + additionalParameters.keySet() + "}";
    }

    /** Builds an {@link OAuthToken}. */
    public static final class Builder {
        private String accessToken;
        private String refreshToken;
        private String tokenType;
        private Instant expiresAt;
        private List<String> scopes = List.of();
        private Map<String, String> additionalParameters = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder accessToken(String accessToken) {
            this.accessToken = accessToken;
            return this;
        }

        /** The refresh token; {@code null} or empty for none. */
        public Builder refreshToken(String refreshToken) {
            this.refreshToken = refreshToken;
            return this;
        }

        /** The token type; {@code null} means {@code Bearer}. */
        public Builder tokenType(String tokenType) {
            this.tokenType = tokenType;
            return this;
        }

        /** The expiry time; {@code null} for a token that does not expire. */
        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder scopes(List<String> scopes) {
            this.scopes = List.copyOf(scopes);
            return this;
        }

        public Builder additionalParameters(Map<String, String> additionalParameters) {
            this.additionalParameters = new LinkedHashMap<>(additionalParameters);
            return this;
        }

        public OAuthToken build() {
            return new OAuthToken(this);
        }
    }
}
