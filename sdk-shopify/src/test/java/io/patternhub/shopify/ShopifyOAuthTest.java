package io.patternhub.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.auth.AuthorizationRequest;
import io.patternhub.core.auth.InMemoryTokenStore;
import io.patternhub.core.auth.OAuth2AuthScheme;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.time.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The install flow against a local stand-in for a shop's OAuth endpoints that behaves as Shopify
 * documents: codes are single-use, expiring offline tokens last 3600 s, and every refresh replaces
 * the refresh token (the old one is dead). Issued access tokens are accepted by the GraphQL sandbox.
 */
class ShopifyOAuthTest {
    static final String CLIENT_ID = "app-client-id";
    static final String SECRET = "app-client-secret";
    static final URI REDIRECT = URI.create("https://app.example/shopify/callback");

    ShopifySandbox shop;
    MockWebServer oauthServer;
    final Set<String> codes = ConcurrentHashMap.newKeySet();
    final Set<String> liveRefreshTokens = ConcurrentHashMap.newKeySet();
    final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    final AtomicInteger issued = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        shop = ShopifySandbox.builder().accessToken("unused").costBucket(100_000, 100_000).build().start();
        oauthServer = new MockWebServer();
        oauthServer.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Map<String, String> form = new LinkedHashMap<>();
                HttpUrl parsed = HttpUrl.parse("http://x/?" + request.getBody().readUtf8());
                for (String name : parsed.queryParameterNames()) {
                    form.put(name, parsed.queryParameter(name));
                }
                tokenRequests.add(form);
                if (!"/admin/oauth/access_token".equals(request.getPath()) || !CLIENT_ID.equals(form.get("client_id"))
                        || !SECRET.equals(form.get("client_secret"))) {
                    return new MockResponse().setResponseCode(401).setBody("{\"error\":\"invalid_client\"}");
                }
                boolean ok = "refresh_token".equals(form.get("grant_type"))
                        ? liveRefreshTokens.remove(form.get("refresh_token"))
                        : codes.remove(form.get("code"));
                if (!ok) {
                    return new MockResponse().setResponseCode(400).setBody("{\"error\":\"invalid_grant\"}");
                }
                int n = issued.incrementAndGet();
                String access = "shpat_oauth_" + n;
                String refresh = "shprt_" + n;
                shop.addAccessToken(access);
                liveRefreshTokens.add(refresh);
                return new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"access_token\":\""
                        + access + "\",\"scope\":\"write_products,read_orders\",\"expires_in\":3600,"
                        + "\"refresh_token\":\"" + refresh + "\",\"refresh_token_expires_in\":7776000}");
            }
        });
        oauthServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        oauthServer.shutdown();
        shop.close();
    }

    ShopifyOAuth oauth(ManualClock clock) {
        String origin = "http://localhost:" + oauthServer.getPort();
        return ShopifyOAuth.builder(CLIENT_ID, SECRET, REDIRECT).originForShop(s -> origin).clock(clock).build();
    }

    /** The callback Shopify sends, signed as Shopify signs it. */
    static Map<String, String> callback(String code, String shopDomain, String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("code", code);
        q.put("shop", shopDomain);
        q.put("state", state);
        q.put("timestamp", "1740787200");
        q.put("host", "YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvcGF0dGVybg");
        q.put("hmac", ShopifyOAuth.callbackHmac(q, SECRET));
        return q;
    }

    @Test
    void installExchangesTheCodeAndRefreshesExpiringTokensWithRotation() {
        ManualClock clock = ManualClock.at(Instant.parse("2025-03-01T00:00:00Z"));
        ShopifyOAuth oauth = oauth(clock);
        AuthorizationRequest request = oauth.authorizationRequest(shop.shopDomain());
        HttpUrl url = HttpUrl.get(request.url());
        assertThat(url.encodedPath()).isEqualTo("/admin/oauth/authorize");
        assertThat(url.queryParameter("client_id")).isEqualTo(CLIENT_ID);
        assertThat(url.queryParameter("scope")).isEqualTo(String.join(",", ShopifyOAuth.DEFAULT_SCOPES));
        assertThat(url.queryParameter("redirect_uri")).isEqualTo(REDIRECT.toString());
        assertThat(url.queryParameter("state")).isEqualTo(request.state());

        codes.add("code-1");
        OAuthToken token = oauth.exchangeCode(request, shop.shopDomain(), callback("code-1", shop.shopDomain(),
                request.state()));
        assertThat(token.accessToken()).isEqualTo("shpat_oauth_1");
        assertThat(token.refreshToken()).contains("shprt_1");
        assertThat(token.expiresAt()).contains(clock.instant().plusSeconds(3600));
        assertThat(token.scopes()).containsExactly("write_products", "read_orders");
        assertThat(tokenRequests.get(0)).containsEntry("code", "code-1").containsEntry("client_secret", SECRET);

        InMemoryTokenStore tokens = new InMemoryTokenStore();
        OAuth2AuthScheme auth = oauth.authScheme(shop.shopDomain(), tokens, "shop-1");
        auth.replaceToken(token);
        URI graphql = URI.create(shop.graphqlUrl());
        try (ShopifyStorefront store = ShopifyStorefront.builder().shopDomain(shop.shopDomain())
                .baseUrl(graphql.getScheme() + "://" + graphql.getAuthority()).auth(auth).clock(clock).build()) {
            assertThat(store.currency().getCurrencyCode()).isEqualTo("USD");
            assertThat(tokenRequests).hasSize(1);

            clock.advance(Duration.ofMinutes(61)); // expired: the next call refreshes first
            shop.revokeAccessToken("shpat_oauth_1");
            store.createListing(ShopifyTestSupport.draft("OA-1", "After refresh", "2.00"));
            assertThat(tokenRequests).hasSize(2);
            assertThat(tokenRequests.get(1)).containsEntry("grant_type", "refresh_token")
                    .containsEntry("refresh_token", "shprt_1");
            assertThat(tokens.load("shop-1").orElseThrow().refreshToken()).contains("shprt_2");
            assertThat(liveRefreshTokens).containsExactly("shprt_2"); // the old refresh token is dead
            assertThat(shop.productBySku("OA-1")).isPresent();
        }
        assertThatThrownBy(() -> oauth.refresh(shop.shopDomain(), "shprt_1")).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void forgedOrMismatchedCallbacksAreRejectedBeforeAnyExchange() {
        ShopifyOAuth oauth = oauth(ManualClock.at(Instant.parse("2025-03-01T00:00:00Z")));
        AuthorizationRequest request = oauth.authorizationRequest(shop.shopDomain());
        codes.add("code-2");

        Map<String, String> tampered = new LinkedHashMap<>(callback("code-2", shop.shopDomain(), request.state()));
        tampered.put("code", "code-other");
        assertThatThrownBy(() -> oauth.exchangeCode(request, shop.shopDomain(), tampered))
                .isInstanceOfSatisfying(AuthenticationException.class,
                        e -> assertThat(e.platformErrorCode()).contains("hmac_mismatch"));
        Map<String, String> noHmac = new LinkedHashMap<>(callback("code-2", shop.shopDomain(), request.state()));
        noHmac.remove("hmac");
        assertThatThrownBy(() -> oauth.exchangeCode(request, shop.shopDomain(), noHmac))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> oauth.exchangeCode(request, shop.shopDomain(),
                callback("code-2", shop.shopDomain(), "another-state"))).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> oauth.exchangeCode(request, shop.shopDomain(),
                callback("code-2", "evil-shop.myshopify.com", request.state())))
                .isInstanceOfSatisfying(AuthenticationException.class,
                        e -> assertThat(e.platformErrorCode()).contains("shop_mismatch"));
        assertThatThrownBy(() -> oauth.exchangeCode(request, shop.shopDomain(),
                callback("code-2", "evil.example.com", request.state())))
                .isInstanceOfSatisfying(AuthenticationException.class,
                        e -> assertThat(e.platformErrorCode()).contains("invalid_shop"));
        assertThat(tokenRequests).isEmpty();
        assertThat(codes).containsExactly("code-2");
    }

    @Test
    void customAppTokensAreSentAsTheShopifyHeader() {
        shop.addAccessToken("shpat_custom");
        URI graphql = URI.create(shop.graphqlUrl());
        try (ShopifyStorefront store = ShopifyStorefront.builder().shopDomain(shop.shopDomain())
                .baseUrl(graphql.getScheme() + "://" + graphql.getAuthority()).accessToken("shpat_custom").build()) {
            assertThat(store.currency().getCurrencyCode()).isEqualTo("USD");
        }
        try (ShopifyStorefront wrong = ShopifyStorefront.builder().shopDomain(shop.shopDomain())
                .baseUrl(graphql.getScheme() + "://" + graphql.getAuthority()).accessToken("shpat_wrong").build()) {
            assertThatThrownBy(wrong::currency).isInstanceOf(AuthenticationException.class);
        }
        assertThatThrownBy(() -> ShopifyStorefront.builder().shopDomain("not-a-shop.example.com")
                .accessToken("x").build()).isInstanceOf(io.patternhub.core.error.ConfigurationException.class);
    }
}
