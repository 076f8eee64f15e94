package io.patternhub.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder base of the platform modules' OAuth helpers: shared settings, platform part last. */
class PlatformOAuthBuilderTest {
    private static final URI CALLBACK = URI.create("https://app.example/callback");

    /** A platform helper's builder as a module writes it: defaults in, credentials added in build. */
    private static final class ExampleBuilder extends PlatformOAuthBuilder<ExampleBuilder> {
        ExampleBuilder() {
            super(CALLBACK, List.of("read", "write"), "https://auth.example/authorize", "https://auth.example/token");
        }

        @Override
        protected ExampleBuilder self() {
            return this;
        }

        OAuth2Client build() {
            return client(c -> c.platform(Platform.ETSY).clientId("app-id").clientAuthMethod(ClientAuthMethod.NONE)
                    .pkce(true));
        }
    }

    @Test
    void theSharedSettingsAndThePlatformPartMakeOneConfig() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        OAuth2Client client = new ExampleBuilder().scopes(List.of("read", "email"))
                .endpoints("https://sandbox.example/authorize", "http://localhost:8080/token").clock(clock).build();

        OAuth2Config config = client.config();
        assertThat(config.platform()).contains(Platform.ETSY);
        assertThat(config.authorizationEndpoint()).contains(URI.create("https://sandbox.example/authorize"));
        assertThat(config.tokenEndpoint()).isEqualTo(URI.create("http://localhost:8080/token"));
        assertThat(config.redirectUri()).contains(CALLBACK);
        assertThat(config.scopes()).containsExactly("read", "email");
        assertThat(config.scopeSeparator()).isEqualTo(" ");
        assertThat(config.clientId()).isEqualTo("app-id");
        assertThat(config.pkce()).isTrue();
        assertThat(client.clock()).isSameAs(clock);
        assertThat(client.authorizationRequest().url().toString())
                .startsWith("https://sandbox.example/authorize?").contains("scope=read%20email");
    }

    @Test
    void defaultsAreTheHelpersOwn() {
        OAuth2Config config = new ExampleBuilder().build().config();
        assertThat(config.scopes()).containsExactly("read", "write");
        assertThat(config.tokenEndpoint()).isEqualTo(URI.create("https://auth.example/token"));
    }

    @Test
    void aPlainHttpEndpointOrAMissingValueIsRefused() {
        assertThatThrownBy(() -> new ExampleBuilder().endpoints("https://a.example/authorize", "http://a.example/token")
                .build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("HTTPS")
                .satisfies(e -> assertThat(((ConfigurationException) e).context().platform()).contains(Platform.ETSY));
        assertThatThrownBy(() -> new ExampleBuilder().endpoints(null, "https://a.example/token"))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ExampleBuilder().clock(null)).isInstanceOf(NullPointerException.class);
    }
}
