package io.patternhub.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.Platform;
import io.patternhub.core.error.AuthenticationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OAuth client and scheme against a real OAuth 2.0 server (mock-oauth2-server) that rotates refresh tokens. */
class MockOAuth2ServerFlowTest {
    private static final String ISSUER = "etsy";
    private static final String CLIENT_ID = "patternhub-app";
    private static final String CLIENT_SECRET = "s3cret-client-value";

    private final MutableClock clock = new MutableClock(Instant.now());
    private final OkHttpClient http = new OkHttpClient();
    private MockOAuth2Server server;
    private OAuth2Client client;

    @BeforeEach
    void start() {
        server = new MockOAuth2Server(no.nav.security.mock.oauth2.OAuth2Config.Companion.fromJson(
                "{\"interactiveLogin\":false,\"rotateRefreshToken\":true}"));
        server.start();
        OAuth2Config config = OAuth2Config.builder()
                .platform(Platform.ETSY)
                .authorizationEndpoint(server.authorizationEndpointUrl(ISSUER).uri())
                .tokenEndpoint(server.tokenEndpointUrl(ISSUER).uri())
                .clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET)
                .clientAuthMethod(ClientAuthMethod.BASIC_HEADER)
                .redirectUri("http://localhost:8765/oauth/callback")
                .scopes("openid", "offline", "listings_r")
                .build();
        client = OAuth2Client.builder(config).httpClient(http).clock(clock).build();
    }

    @AfterEach
    void stop() {
        server.shutdown();
    }

    @Test
    void fullPkceCodeFlowWithBasicClientAuthentication() throws Exception {
        AuthorizationRequest request = client.authorizationRequest();
        HttpUrl url = HttpUrl.get(request.url());
        assertThat(url.queryParameter("response_type")).isEqualTo("code");
        assertThat(url.queryParameter("client_id")).isEqualTo(CLIENT_ID);
        assertThat(url.queryParameter("scope")).isEqualTo("openid offline listings_r");
        assertThat(url.queryParameter("code_challenge_method")).isEqualTo("S256");
        assertThat(url.queryParameter("code_challenge")).isEqualTo(request.pkce().orElseThrow().challenge());

        Callback callback = consent(request);
        assertThat(callback.state).isEqualTo(request.state());
        OAuthToken token = client.exchangeCode(request, callback.state, callback.code);

        assertThat(token.accessToken()).isNotBlank();
        assertThat(token.refreshToken()).isPresent();
        assertThat(token.tokenType()).isEqualToIgnoringCase("Bearer");
        assertThat(token.expiresAt()).isPresent();
        assertThat(token.expiresAt().get()).isAfter(clock.instant());

        List<RecordedRequest> recorded = drain();
        RecordedRequest tokenRequest = onlyTokenRequest(recorded);
        String body = tokenRequest.getBody().readUtf8();
        assertThat(body).contains("grant_type=authorization_code")
                .contains("code_verifier=" + request.codeVerifier().orElseThrow())
                .doesNotContain("client_secret").doesNotContain(CLIENT_SECRET).doesNotContain("client_id");
        assertThat(tokenRequest.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void wrongVerifierIsRefusedByTheServer() throws Exception {
        AuthorizationRequest request = client.authorizationRequest();
        Callback callback = consent(request);
        String otherVerifier = client.authorizationRequest().codeVerifier().orElseThrow();

        assertThatThrownBy(() -> client.exchangeCode(callback.code, otherVerifier))
                .isInstanceOf(AuthenticationException.class)
                .satisfies(e -> assertThat(((AuthenticationException) e).platform()).contains(Platform.ETSY));
    }

    @Test
    void refreshRotatesTheRefreshToken() throws Exception {
        OAuthToken first = connect();
        OAuthToken second = client.refresh(first.refreshToken().orElseThrow());

        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(second.refreshToken()).isPresent().isNotEqualTo(first.refreshToken());
    }

    @Test
    void fiftyThreadsOnAnExpiredTokenCauseExactlyOneRefresh() throws Exception {
        InMemoryTokenStore store = new InMemoryTokenStore();
        OAuthToken original = connect();
        store.save("shop-1", original);
        drain();
        AtomicInteger refreshedEvents = new AtomicInteger();
        OAuth2AuthScheme scheme = OAuth2AuthScheme.builder(client).tokenStore(store).connectionId("shop-1")
                .listener((id, token) -> refreshedEvents.incrementAndGet()).build();
        clock.advance(Duration.ofHours(2));

        int threads = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        Set<String> headers = ConcurrentHashMap.newKeySet();
        List<Future<?>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    Request.Builder request = new Request.Builder().url("https://openapi.etsy.com/v3/application/shops/1");
                    scheme.authorize(request);
                    headers.add(request.build().header("Authorization"));
                    return null;
                }));
            }
            ready.await(10, TimeUnit.SECONDS);
            go.countDown();
            for (Future<?> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<RecordedRequest> tokenRequests = tokenRequests(drain());
        assertThat(tokenRequests).hasSize(1);
        assertThat(tokenRequests.get(0).getBody().readUtf8()).contains("grant_type=refresh_token")
                .contains("refresh_token=" + original.refreshToken().orElseThrow());
        OAuthToken stored = store.load("shop-1").orElseThrow();
        assertThat(headers).containsExactly("Bearer " + stored.accessToken());
        assertThat(stored.accessToken()).isNotEqualTo(original.accessToken());
        assertThat(stored.refreshToken()).isNotEqualTo(original.refreshToken());
        assertThat(stored.scopes()).contains("listings_r");
        assertThat(refreshedEvents).hasValue(1);
    }

    @Test
    void crashRightAfterSavingLosesNoRotatedToken() throws Exception {
        InMemoryTokenStore durable = new InMemoryTokenStore();
        OAuthToken original = connect();
        durable.save("shop-1", original);
        TokenStore crashesAfterSave = new TokenStore() {
            @Override
            public Optional<OAuthToken> load(String connectionId) {
                return durable.load(connectionId);
            }

            @Override
            public void save(String connectionId, OAuthToken token) {
                durable.save(connectionId, token);
                throw new IllegalStateException("simulated crash right after the save");
            }

            @Override
            public void delete(String connectionId) {
                durable.delete(connectionId);
            }
        };
        OAuth2AuthScheme crashing = OAuth2AuthScheme.builder(client).tokenStore(crashesAfterSave)
                .connectionId("shop-1").build();
        clock.advance(Duration.ofHours(2));
        drain();

        assertThatThrownBy(() -> crashing.authorize(new Request.Builder().url("https://openapi.etsy.com/")))
                .isInstanceOf(IllegalStateException.class);

        OAuthToken rotated = durable.load("shop-1").orElseThrow();
        assertThat(rotated.refreshToken()).isPresent().isNotEqualTo(original.refreshToken());
        assertThat(tokenRequests(drain())).hasSize(1);

        // A new process: a brand-new scheme over the same durable store.
        OAuth2AuthScheme restarted = OAuth2AuthScheme.builder(client).tokenStore(durable).connectionId("shop-1").build();
        Request.Builder request = new Request.Builder().url("https://openapi.etsy.com/");
        restarted.authorize(request);
        assertThat(request.build().header("Authorization")).isEqualTo("Bearer " + rotated.accessToken());
        assertThat(tokenRequests(drain())).isEmpty();

        clock.advance(Duration.ofHours(2));
        restarted.authorize(new Request.Builder().url("https://openapi.etsy.com/"));
        List<RecordedRequest> refreshes = tokenRequests(drain());
        assertThat(refreshes).hasSize(1);
        assertThat(refreshes.get(0).getBody().readUtf8())
                .contains("refresh_token=" + rotated.refreshToken().orElseThrow());
        OAuthToken newest = durable.load("shop-1").orElseThrow();
        assertThat(newest.refreshToken()).isPresent().isNotEqualTo(rotated.refreshToken());
        assertThat(newest.isExpired(clock, Duration.ofSeconds(60))).isFalse();
    }

    @Test
    void aFailingListenerDoesNotFailTheRequestAndTheTokenIsStored() throws Exception {
        InMemoryTokenStore store = new InMemoryTokenStore();
        store.save("shop-1", connect());
        OAuth2AuthScheme scheme = OAuth2AuthScheme.builder(client).tokenStore(store).connectionId("shop-1")
                .listener((id, token) -> {
                    throw new IllegalStateException("listener bug");
                }).build();
        clock.advance(Duration.ofHours(2));

        Request.Builder request = new Request.Builder().url("https://openapi.etsy.com/");
        scheme.authorize(request);

        assertThat(request.build().header("Authorization"))
                .isEqualTo("Bearer " + store.load("shop-1").orElseThrow().accessToken());
    }

    private OAuthToken connect() throws IOException {
        AuthorizationRequest request = client.authorizationRequest();
        Callback callback = consent(request);
        return client.exchangeCode(request, callback.state, callback.code);
    }

    /** The seller's browser: the server consents at once and redirects back with a code. */
    private Callback consent(AuthorizationRequest request) throws IOException {
        OkHttpClient browser = http.newBuilder().followRedirects(false).build();
        try (Response response = browser.newCall(new Request.Builder().url(HttpUrl.get(request.url())).build()).execute()) {
            assertThat(response.code()).isBetween(300, 399);
            HttpUrl location = HttpUrl.get(response.header("Location"));
            assertThat(location.encodedPath()).isEqualTo("/oauth/callback");
            return new Callback(location.queryParameter("code"), location.queryParameter("state"));
        }
    }

    private List<RecordedRequest> drain() {
        List<RecordedRequest> all = new ArrayList<>();
        while (true) {
            try {
                RecordedRequest request = server.takeRequest(200, TimeUnit.MILLISECONDS);
                if (request == null) {
                    return all;
                }
                all.add(request);
            } catch (RuntimeException noMoreRequests) {
                return all;
            }
        }
    }

    private static List<RecordedRequest> tokenRequests(List<RecordedRequest> recorded) {
        List<RecordedRequest> tokens = new ArrayList<>();
        for (RecordedRequest r : recorded) {
            if (r.getPath() != null && r.getPath().endsWith("/token")) {
                tokens.add(r);
            }
        }
        return tokens;
    }

    private static RecordedRequest onlyTokenRequest(List<RecordedRequest> recorded) {
        List<RecordedRequest> tokens = tokenRequests(recorded);
        assertThat(tokens).hasSize(1);
        return tokens.get(0);
    }

    private static final class Callback {
        final String code;
        final String state;

        Callback(String code, String state) {
            this.code = code;
            this.state = state;
        }
    }
}
