package io.patternhub.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.AuthenticationException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 401 from the API: one refresh, not repeated for the same refused token; a refused refresh asks the seller
 * to reconnect. The MockWebServer plays both the platform API (which accepts only live tokens) and its token
 * endpoint (which rotates refresh tokens, or refuses them).
 */
class ReactiveRenewalTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final OkHttpClient http = new OkHttpClient();
    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final Set<String> liveTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final AtomicReference<String> refuseRefreshWith = new AtomicReference<>();
    private MockWebServer server;
    private OAuth2AuthScheme scheme;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getPath().startsWith("/token")) {
                    int n = tokenCalls.incrementAndGet();
                    if (refuseRefreshWith.get() != null) {
                        return new MockResponse().setResponseCode(400).setBody(refuseRefreshWith.get());
                    }
                    liveTokens.add("at-" + n);
                    return new MockResponse().setHeader("Content-Type", "application/json").setBody(
                            "{\"access_token\":\"at-" + n + "\",\"refresh_token\":\"rt-" + n
                                    + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
                }
                String auth = request.getHeader("Authorization");
                boolean live = auth != null && liveTokens.contains(auth.substring("Bearer ".length()));
                return new MockResponse().setResponseCode(live ? 200 : 401).setBody(live ? "{\"ok\":true}" : "");
            }
        });
        server.start();
        OAuth2Config config = OAuth2Config.builder().platform(Platform.XERO)
                .tokenEndpoint(server.url("/token").uri()).clientId("xero-app").clientSecret("xero-secret")
                .scopes("offline_access", "accounting.transactions").build();
        OAuth2Client client = OAuth2Client.builder(config).httpClient(http).clock(clock).build();
        store.save("org-1", OAuthToken.builder().accessToken("at-0").refreshToken("rt-0")
                .expiresAt(clock.instant().plus(Duration.ofMinutes(30))).scopes(List.of("offline_access")).build());
        liveTokens.add("at-0");
        scheme = OAuth2AuthScheme.builder(client).tokenStore(store).connectionId("org-1").build();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    /** What the transport does: authorise, send, and on 401 renew once and resend. */
    private int call() throws IOException {
        Request.Builder builder = new Request.Builder().url(server.url("/api.xro/2.0/Invoices"));
        scheme.authorize(builder);
        try (Response response = http.newCall(builder.build()).execute()) {
            if (response.code() != 401 || !scheme.renewAfterUnauthorized(response)) {
                return response.code();
            }
        }
        Request.Builder retry = new Request.Builder().url(server.url("/api.xro/2.0/Invoices"));
        scheme.authorize(retry);
        try (Response response = http.newCall(retry.build()).execute()) {
            return response.code();
        }
    }

    private Response refusedResponseFor(String accessToken) throws IOException {
        Request request = new Request.Builder().url(server.url("/api.xro/2.0/Invoices"))
                .header("Authorization", "Bearer " + accessToken).build();
        return http.newCall(request).execute();
    }

    @Test
    void revokedTokenIsRenewedOnceAndTheRetrySucceeds() throws Exception {
        assertThat(call()).isEqualTo(200);
        assertThat(tokenCalls).hasValue(0);

        liveTokens.remove("at-0"); // revoked before its expiry time
        assertThat(call()).isEqualTo(200);

        assertThat(tokenCalls).hasValue(1);
        assertThat(store.load("org-1").orElseThrow().refreshToken()).contains("rt-1");
        assertThat(store.load("org-1").orElseThrow().scopes()).containsExactly("offline_access");
    }

    @Test
    void secondRefusalOfTheSameOldTokenReusesTheRenewedTokenWithoutRefreshing() throws Exception {
        liveTokens.remove("at-0");
        try (Response first = refusedResponseFor("at-0"); Response second = refusedResponseFor("at-0")) {
            assertThat(first.code()).isEqualTo(401);

            assertThat(scheme.renewAfterUnauthorized(first)).isTrue();
            assertThat(scheme.renewAfterUnauthorized(second)).isTrue();
        }

        assertThat(tokenCalls).hasValue(1);
        Request.Builder builder = new Request.Builder().url(server.url("/x"));
        scheme.authorize(builder);
        assertThat(builder.build().header("Authorization")).isEqualTo("Bearer at-1");
    }

    @Test
    void refusalOfTheRenewedTokenRefreshesAgain() throws Exception {
        liveTokens.remove("at-0");
        try (Response refused = refusedResponseFor("at-0")) {
            scheme.renewAfterUnauthorized(refused);
        }
        liveTokens.remove("at-1");
        try (Response refused = refusedResponseFor("at-1")) {
            assertThat(scheme.renewAfterUnauthorized(refused)).isTrue();
        }

        assertThat(tokenCalls).hasValue(2);
        assertThat(store.load("org-1").orElseThrow().accessToken()).isEqualTo("at-2");
    }

    @Test
    void refusedRefreshTellsTheSellerToReconnectAndIsNotRepeated() throws Exception {
        refuseRefreshWith.set("{\"error\":\"invalid_grant\"}");
        liveTokens.remove("at-0");

        try (Response refused = refusedResponseFor("at-0")) {
            assertThatThrownBy(() -> scheme.renewAfterUnauthorized(refused))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.getMessage()).contains("org-1").contains("must reconnect");
                        assertThat(e.platform()).contains(Platform.XERO);
                        assertThat(e.httpStatus()).hasValue(400);
                        assertThat(e.platformErrorCode()).contains("invalid_grant");
                    });
            assertThatThrownBy(() -> scheme.renewAfterUnauthorized(refused))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("already refused");
        }
        assertThat(tokenCalls).hasValue(1);

        // The seller reconnects: a new token in the store is picked up.
        refuseRefreshWith.set(null);
        liveTokens.add("at-new");
        scheme.replaceToken(OAuthToken.builder().accessToken("at-new").refreshToken("rt-new")
                .expiresAt(clock.instant().plusSeconds(1800)).build());
        assertThat(call()).isEqualTo(200);
    }

    @Test
    void refreshesAheadOfExpiryWithinTheSkew() throws Exception {
        clock.advance(Duration.ofMinutes(28)); // 2 minutes left, more than the 60 s skew
        assertThat(call()).isEqualTo(200);
        assertThat(tokenCalls).hasValue(0);

        clock.advance(Duration.ofSeconds(61)); // 59 s left: inside the skew
        assertThat(call()).isEqualTo(200);
        assertThat(tokenCalls).hasValue(1);
        assertThat(store.load("org-1").orElseThrow().expiresAt()).contains(clock.instant().plusSeconds(3600));
    }

    @Test
    void unknownConnectionIsAnAuthenticationError() {
        OAuth2AuthScheme unknown = OAuth2AuthScheme.builder(OAuth2Client.builder(OAuth2Config.builder()
                        .tokenEndpoint(server.url("/token").uri()).clientId("c").build()).build())
                .tokenStore(store).connectionId("nobody").build();

        assertThatThrownBy(() -> unknown.authorize(new Request.Builder().url(server.url("/x"))))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("authorise the app first");
    }
}
