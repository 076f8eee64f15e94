package io.patternhub.etsy;

import static io.patternhub.etsy.EtsyTestSupport.draft;
import static io.patternhub.etsy.EtsyTestSupport.storefront;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.auth.AuthorizationRequest;
import io.patternhub.core.auth.InMemoryTokenStore;
import io.patternhub.core.auth.OAuth2AuthScheme;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.HttpMethod;
import io.patternhub.core.http.RateLimitStatus;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.journal.JournalEntry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OAuth with PKCE and rotating refresh tokens, the API key, Etsy's limits and error shape. */
class EtsyAuthAndLimitsTest {
    private static final URI CALLBACK = URI.create("https://app.example/etsy/callback");
    private EtsySandbox etsy;

    @BeforeEach
    void start() {
        etsy = EtsySandbox.builder().build().start();
    }

    @AfterEach
    void stop() {
        etsy.close();
        assertThat(etsy.responseViolations()).isEmpty();
    }

    private static Optional<String> header(JournalEntry e, String name) {
        return e.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    @Test
    void connectsWithPkceAndRefreshesARotatingTokenAfterA401() {
        EtsyOAuth oauth = EtsyOAuth.builder(etsy.keystring(), CALLBACK)
                .endpoints(EtsyOAuth.AUTHORIZATION_ENDPOINT, etsy.tokenUrl()).build();
        AuthorizationRequest request = oauth.authorizationRequest();
        Map<String, String> query = okhttp3.HttpUrl.get(request.url()).queryParameterNames().stream()
                .collect(Collectors.toMap(n -> n, n -> okhttp3.HttpUrl.get(request.url()).queryParameter(n)));
        assertThat(request.url().toString()).startsWith("https://www.etsy.com/oauth/connect?");
        assertThat(query).containsEntry("client_id", etsy.keystring()).containsEntry("response_type", "code")
                .containsEntry("scope", "listings_r listings_w transactions_r")
                .containsEntry("code_challenge_method", "S256").containsEntry("redirect_uri", CALLBACK.toString());

        // Etsy's consent page would redirect back with this code; the sandbox checks the verifier against it.
        String code = etsy.issueAuthorizationCode(query.get("code_challenge"), CALLBACK.toString(),
                Set.copyOf(EtsyOAuth.DEFAULT_SCOPES));
        OAuthToken token = oauth.exchangeCode(request, request.state(), code);
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        OAuth2AuthScheme auth = oauth.authScheme(tokens, "shop");
        auth.replaceToken(token);

        try (EtsyStorefront store = storefront(etsy).auth(auth).build()) {
            store.createListing(draft("TEE-01", "Raglan Tee", "12.50"));
            etsy.expireAccessToken(token.accessToken());

            assertThat(store.listingBySku("TEE-01")).isPresent(); // 401, one refresh, resent

            assertThat(etsy.refreshCount()).isEqualTo(1);
            OAuthToken rotated = tokens.load("shop").orElseThrow();
            assertThat(rotated.accessToken()).isNotEqualTo(token.accessToken());
            assertThat(rotated.refreshToken()).isPresent().isNotEqualTo(token.refreshToken());
            assertThat(etsy.journal().entries()).filteredOn(e -> e.path().startsWith("/v3/application/"))
                    .allSatisfy(e -> {
                        assertThat(header(e, "x-api-key")).contains(etsy.keystring() + ":" + etsy.sharedSecret());
                        assertThat(header(e, "authorization").orElse("")).startsWith("Bearer ");
                    });
            assertThat(etsy.journal().count(e -> e.status() == 401)).isEqualTo(1);
        }
    }

    @Test
    void aWrongApiKeyOrAMissingScopeIsAnAuthenticationError() {
        try (EtsyStorefront wrongKey = storefront(etsy).apiKey(etsy.keystring() + ":nope").build()) {
            assertThatThrownBy(() -> wrongKey.listings().count()).isInstanceOf(AuthenticationException.class);
        }
        String readOnly = etsy.issueTokens(Set.of("listings_r")).accessToken();
        try (EtsyStorefront store = storefront(etsy).accessToken(readOnly).build()) {
            assertThatThrownBy(() -> store.createListing(draft("X-1", "X", "1.00")))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("scope");
        }
        assertThat(etsy.listings()).isEmpty();
    }

    @Test
    void followsRetryAfterOnA429() {
        try (EtsyStorefront store = storefront(etsy).build()) {
            etsy.faults().throttleNext(2, Duration.ofSeconds(1));
            assertThat(store.listings().count()).isZero();
            assertThat(etsy.journal().count(e -> e.status() == 429)).isEqualTo(2);
        }
    }

    @Test
    void aSpentDailyQuotaFailsFastWithoutCallingEtsy() {
        try (EtsySandbox daily = EtsySandbox.builder().perDayLimit(3).build().start();
             EtsyStorefront store = storefront(daily).build()) {
            for (int i = 0; i < 3; i++) {
                store.listings("active").count();
            }
            RateLimitStatus status = store.transport().lastRateLimitStatus();
            assertThat(status.window("day").orElseThrow().limit()).hasValue(3);
            assertThat(status.window("day").orElseThrow().remaining()).hasValue(0);
            assertThat(status.window("second").orElseThrow().limit()).hasValue(10);
            long sent = daily.journal().size();

            assertThatThrownBy(() -> store.listings("active").count()).isInstanceOf(RateLimitException.class);
            assertThat(daily.journal().size()).isEqualTo(sent);
        }
    }

    @Test
    void aRequestThatBreaksTheSpecIsRejectedWithEtsysErrorShape() {
        try (EtsyStorefront store = storefront(etsy).build()) {
            assertThatThrownBy(() -> store.transport().execute(ApiRequest.builder(HttpMethod.GET,
                    "/shops/" + etsy.defaultShopId() + "/listings").query("limit", 500).build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .satisfies(e -> assertThat(((InvalidRequestException) e).httpStatus()).hasValue(400))
                    .hasMessageContaining("maximum: 100, found: 500");
            assertThat(etsy.rejectedRequests()).hasSize(1);
        }
    }

    @Test
    void configurationErrorsAreTyped() {
        assertThatThrownBy(() -> EtsyStorefront.builder().apiKey("no-colon"))
                .isInstanceOf(io.patternhub.core.error.ConfigurationException.class).hasMessageContaining("keystring");
        assertThatThrownBy(() -> EtsyStorefront.builder().shopId(1).apiKey("a:b").build())
                .isInstanceOf(io.patternhub.core.error.ConfigurationException.class).hasMessageContaining("auth");
        assertThatThrownBy(() -> EtsyStorefront.builder().pageSize(101))
                .isInstanceOf(io.patternhub.core.error.ConfigurationException.class);
    }
}
