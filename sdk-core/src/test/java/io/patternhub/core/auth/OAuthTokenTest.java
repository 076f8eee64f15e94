package io.patternhub.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuthTokenTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void expiresWithinTheSkew() {
        OAuthToken token = OAuthToken.builder().accessToken("a").expiresAt(clock.instant().plusSeconds(120)).build();

        assertThat(token.isExpired(clock, Duration.ofSeconds(60))).isFalse();
        clock.advance(Duration.ofSeconds(61));
        assertThat(token.isExpired(clock, Duration.ofSeconds(60))).isTrue();
        assertThat(token.isExpired(clock, Duration.ZERO)).isFalse();
        clock.advance(Duration.ofSeconds(59));
        assertThat(token.isExpired(clock, Duration.ZERO)).isTrue();
    }

    @Test
    void tokenWithoutExpiryNeverExpiresByTime() {
        OAuthToken token = OAuthToken.builder().accessToken("a").build();
        clock.advance(Duration.ofDays(3650));
        assertThat(token.isExpired(clock, Duration.ofHours(1))).isFalse();
        assertThat(token.tokenType()).isEqualTo("Bearer");
    }

    @Test
    void toStringNeverPrintsTokens() {
        OAuthToken token = OAuthToken.builder().accessToken("access-SECRET-1").refreshToken("refresh-SECRET-2")
                .scopes(List.of("listings_r")).additionalParameters(Map.of("id_token", "id-SECRET-3")).build();

        assertThat(token.toString()).doesNotContain("SECRET").contains("listings_r").contains("present");
    }

    @Test
    void toBuilderCopiesEverything() {
        OAuthToken token = OAuthToken.builder().accessToken("a").refreshToken("r").tokenType("bearer")
                .expiresAt(clock.instant()).scopes(List.of("x")).additionalParameters(Map.of("k", "v")).build();
        assertThat(token.toBuilder().build()).isEqualTo(token).hasSameHashCodeAs(token);
        assertThat(token.toBuilder().refreshToken(null).build().refreshToken()).isEmpty();
    }
}
