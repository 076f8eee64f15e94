package io.patternhub.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.RateLimitException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token endpoint answers mock-oauth2-server cannot produce, and client authentication variants. */
class TokenEndpointErrorsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private OAuth2Config.Builder config() {
        return OAuth2Config.builder().platform(Platform.RAVELRY)
                .authorizationEndpoint(server.url("/oauth2/auth").uri())
                .tokenEndpoint(server.url("/oauth2/token").uri())
                .clientId("app-id").clientSecret("app-secret")
                .redirectUri("https://seller.example/callback").scopes("offline", "patternstore-read");
    }

    private OAuth2Client client(OAuth2Config config) {
        return OAuth2Client.builder(config).httpClient(new OkHttpClient()).clock(clock).build();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Test
    void invalidGrantIsAnAuthenticationErrorWithPlatformStatusAndCode() {
        server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"token revoked\"}")
                .setHeader("X-Request-Id", "req-9"));

        assertThatThrownBy(() -> client(config().build()).refresh("rt-old"))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.platform()).contains(Platform.RAVELRY);
                    assertThat(e.httpStatus()).hasValue(400);
                    assertThat(e.platformErrorCode()).contains("invalid_grant");
                    assertThat(e.requestId()).contains("req-9");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("reconnect").contains("token revoked").doesNotContain("rt-old");
                });
    }

    @Test
    void invalidClientPointsAtTheAppCredentials() {
        server.enqueue(json(401, "{\"error\":\"invalid_client\"}"));

        assertThatThrownBy(() -> client(config().build()).refresh("rt"))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("client id, secret");
    }

    @Test
    void serverErrorsAreRetryable() {
        server.enqueue(new MockResponse().setResponseCode(503).setBody("<html>down</html>"));

        assertThatThrownBy(() -> client(config().build()).refresh("rt"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e).isNotInstanceOf(AuthenticationException.class);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.httpStatus()).hasValue(503);
                });
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        server.enqueue(json(429, "{}").setHeader("Retry-After", "7"));

        assertThatThrownBy(() -> client(config().build()).refresh("rt"))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void networkFailureIsARetryableConnectionError() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));

        assertThatThrownBy(() -> client(config().build()).refresh("rt"))
                .isInstanceOfSatisfying(ConnectionException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void successWithoutAccessTokenIsAnError() {
        server.enqueue(json(200, "{\"token_type\":\"bearer\"}"));

        assertThatThrownBy(() -> client(config().build()).refresh("rt"))
                .isInstanceOf(ApiException.class).hasMessageContaining("access_token");
    }

    @Test
    void refreshWithoutNewRefreshTokenKeepsTheOldOneAndReadsTextualExpiry() throws Exception {
        server.enqueue(json(200, "{\"access_token\":\"at-2\",\"token_type\":\"bearer\",\"expires_in\":\"86400\","
                + "\"scope\":\"offline patternstore-read\",\"x_refresh_token_expires_in\":8726400}"));

        OAuthToken token = client(config().build()).refresh("rt-1");

        assertThat(token.accessToken()).isEqualTo("at-2");
        assertThat(token.refreshToken()).contains("rt-1");
        assertThat(token.expiresAt()).contains(clock.instant().plusSeconds(86400));
        assertThat(token.scopes()).containsExactly("offline", "patternstore-read");
        assertThat(token.additionalParameters()).containsEntry("x_refresh_token_expires_in", "8726400");
        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getBody().readUtf8()).isEqualTo("grant_type=refresh_token&refresh_token=rt-1");
        assertThat(recorded.getHeader("Authorization")).startsWith("Basic ");
    }

    @Test
    void formBodyClientAuthenticationSendsIdAndSecretInTheBody() throws Exception {
        server.enqueue(json(200, "{\"access_token\":\"at\",\"refresh_token\":\"rt-2\"}"));

        client(config().clientAuthMethod(ClientAuthMethod.FORM_BODY).build()).refresh("rt-1");

        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getHeader("Authorization")).isNull();
        assertThat(recorded.getBody().readUtf8()).contains("client_id=app-id").contains("client_secret=app-secret");
    }

    @Test
    void publicClientSendsOnlyTheClientId() throws Exception {
        server.enqueue(json(200, "{\"access_token\":\"at\",\"refresh_token\":\"rt\",\"expires_in\":3600}"));
        OAuth2Client etsy = client(config().clientSecret(null).build());
        AuthorizationRequest request = etsy.authorizationRequest();

        etsy.exchangeCode("the-code", request.codeVerifier().orElseThrow());

        RecordedRequest recorded = server.takeRequest();
        assertThat(recorded.getHeader("Authorization")).isNull();
        assertThat(recorded.getBody().readUtf8()).contains("client_id=app-id").doesNotContain("client_secret")
                .contains("code=the-code").contains("code_verifier=" + request.codeVerifier().orElseThrow())
                .contains("redirect_uri=https%3A%2F%2Fseller.example%2Fcallback");
    }

    @Test
    void authorizationUrlCarriesEverythingAndFreshSecretsEachTime() {
        OAuth2Client client = client(config().scopeSeparator(",").extraAuthorizationParam("prompt", "consent").build());

        AuthorizationRequest first = client.authorizationRequest();
        AuthorizationRequest second = client.authorizationRequest();
        HttpUrl url = HttpUrl.get(first.url());

        assertThat(url.encodedPath()).isEqualTo("/oauth2/auth");
        assertThat(url.queryParameter("response_type")).isEqualTo("code");
        assertThat(url.queryParameter("client_id")).isEqualTo("app-id");
        assertThat(url.queryParameter("redirect_uri")).isEqualTo("https://seller.example/callback");
        assertThat(url.queryParameter("scope")).isEqualTo("offline,patternstore-read");
        assertThat(url.queryParameter("state")).isEqualTo(first.state()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(url.queryParameter("code_challenge"))
                .isEqualTo(PkceChallenge.fromVerifier(first.codeVerifier().orElseThrow()).challenge());
        assertThat(url.queryParameter("code_challenge_method")).isEqualTo("S256");
        assertThat(url.queryParameter("prompt")).isEqualTo("consent");
        assertThat(second.state()).isNotEqualTo(first.state());
        assertThat(second.codeVerifier()).isNotEqualTo(first.codeVerifier());
        assertThat(first.toString()).doesNotContain(first.codeVerifier().orElseThrow());
    }

    @Test
    void mismatchedStateIsRefusedBeforeAnyTokenRequest() {
        OAuth2Client client = client(config().build());
        AuthorizationRequest request = client.authorizationRequest();

        assertThat(request.stateMatches(request.state())).isTrue();
        assertThat(request.stateMatches(null)).isFalse();
        assertThatThrownBy(() -> client.exchangeCode(request, request.state() + "x", "code"))
                .isInstanceOfSatisfying(AuthenticationException.class,
                        e -> assertThat(e.platformErrorCode()).contains("state_mismatch"));
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void unsafeOrIncompleteConfigurationIsRejected() {
        assertThatThrownBy(() -> config().tokenEndpoint("http://oauth.example.com/token").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("HTTPS");
        assertThatThrownBy(() -> config().clientSecret(null).clientAuthMethod(ClientAuthMethod.BASIC_HEADER).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("secret");
        assertThatThrownBy(() -> config().extraAuthorizationParam("state", "x").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("state");
        assertThatThrownBy(() -> config().clientId(" ").build()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> client(config().build()).exchangeCode("code", null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("verifier");
        assertThat(config().build().toString()).doesNotContain("app-secret");
    }
}
