package io.patternhub.ravelry;

import static io.patternhub.ravelry.RavelryTestSupport.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.auth.AuthorizationRequest;
import io.patternhub.core.auth.InMemoryTokenStore;
import io.patternhub.core.auth.OAuth2AuthScheme;
import io.patternhub.core.auth.OAuthToken;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.storefront.Capability;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.WriteAccess;
import io.patternhub.testkit.ravelry.RavelrySandbox;
import io.patternhub.testkit.ravelry.RavelryTokens;
import io.patternhub.testkit.time.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OAuth 2.0 (Basic client auth, 24-hour tokens, offline refresh), personal keys, approved-apps-only writes. */
class RavelryAuthTest {
    private static final URI CALLBACK = URI.create("https://app.example/ravelry/callback");
    private final RavelryTestSupport support = new RavelryTestSupport();
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private RavelrySandbox ravelry;

    @AfterEach
    void stop() {
        ravelry.close();
    }

    private RavelryOAuth oauth(List<String> scopes) {
        return RavelryOAuth.builder(ravelry.clientId(), ravelry.clientSecret(), CALLBACK)
                .endpoints(RavelryOAuth.AUTHORIZATION_ENDPOINT, ravelry.tokenUrl()).scopes(scopes).clock(clock).build();
    }

    @Test
    void exchangesACodeWithBasicClientAuthAndRefreshesAfter24Hours() {
        ravelry = RavelrySandbox.builder().clock(clock).build().start();
        RavelryOAuth oauth = oauth(RavelryOAuth.DEFAULT_SCOPES);
        AuthorizationRequest request = oauth.authorizationRequest();
        assertThat(request.url().getQuery()).contains("scope=offline patternstore-read patternstore-write");
        String code = ravelry.issueAuthorizationCode(CALLBACK.toString(), Set.copyOf(RavelryOAuth.DEFAULT_SCOPES));

        OAuthToken token = oauth.exchangeCode(request, request.state(), code);

        assertThat(token.expiresAt()).contains(clock.instant().plus(Duration.ofHours(24)));
        assertThat(token.refreshToken()).isPresent();
        // the client secret travelled only in the Basic header
        assertThat(ravelry.journal().entries()).singleElement().satisfies(e -> {
            assertThat(e.headers().get("Authorization")).startsWith("Basic ");
        });

        OAuth2AuthScheme auth = oauth.authScheme(new InMemoryTokenStore(), "ravelry-store");
        auth.replaceToken(token);
        try (RavelryStorefront store = RavelryStorefront.builder().storeId(ravelry.defaultStoreId()).auth(auth)
                .baseUrl(ravelry.baseUrl()).retry(RavelryTestSupport.FAST_RETRY).build()) {
            assertThat(store.stores()).hasSize(1);
            assertThat(ravelry.refreshCount()).isZero();

            clock.advance(Duration.ofHours(24));
            assertThat(store.listings()).isEmpty();
            assertThat(ravelry.refreshCount()).isEqualTo(1);
        }
    }

    @Test
    void withoutOfflineThereIsNoRefreshToken() {
        ravelry = RavelrySandbox.builder().clock(clock).build().start();
        RavelryTokens tokens = ravelry.issueTokens(Set.of("patternstore-read"));

        assertThat(tokens.refreshToken()).isEmpty();
        assertThat(tokens.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
    }

    @Test
    void anExpiredFixedTokenIsAnAuthenticationError() {
        ravelry = RavelrySandbox.builder().clock(clock).build().start();
        RavelryTokens tokens = ravelry.issueTokens(Set.of("patternstore-read"));
        try (RavelryStorefront store = RavelryStorefront.builder().storeId(ravelry.defaultStoreId())
                .accessToken(tokens.accessToken()).baseUrl(ravelry.baseUrl()).build()) {
            ravelry.expireAccessToken(tokens.accessToken());

            assertThatThrownBy(store::stores).isInstanceOf(AuthenticationException.class)
                    .satisfies(e -> assertThat(((AuthenticationException) e).httpStatus()).hasValue(401));
        }
    }

    @Test
    void anAppRavelryDidNotApproveCannotWriteAndIsToldWhy() {
        ravelry = RavelrySandbox.builder().clock(clock).whitelisted(false).build().start();
        RavelryTokens tokens = ravelry.issueTokens(Set.copyOf(RavelryOAuth.DEFAULT_SCOPES));
        assertThat(tokens.scopes()).doesNotContain("patternstore-write");
        try (RavelryStorefront store = RavelryStorefront.builder().storeId(ravelry.defaultStoreId())
                .accessToken(tokens.accessToken()).baseUrl(ravelry.baseUrl()).build()) {
            assertThat(store.capabilities().writeAccess()).isEqualTo(WriteAccess.APPROVED_APPS_ONLY);
            assertThat(store.capabilities().notes().get(Capability.WRITE_LISTINGS)).contains("whitelisted");

            assertThatThrownBy(() -> store.createListing(draft("S-1", "Shawl", "5.00", 1)))
                    .isInstanceOfSatisfying(RavelryPermissionException.class, e -> {
                        assertThat(e.permission()).isEqualTo("patternstore-write");
                        assertThat(e.httpStatus()).hasValue(403);
                    })
                    .hasMessageContaining("whitelisted");
            assertThat(ravelry.products()).isEmpty();
            assertThat(store.listings()).isEmpty(); // reading is allowed
        }
    }

    @Test
    void salesNeedThePersonalKeyNotOAuth() {
        ravelry = RavelrySandbox.builder().clock(clock).build().start();
        RavelryTokens tokens = ravelry.issueTokens(Set.of("offline", "patternstore-read", "patternstore-write",
                "patternstore-purchases"));
        assertThat(tokens.scopes()).doesNotContain("patternstore-purchases");
        try (RavelryStorefront oauthStore = RavelryStorefront.builder().storeId(ravelry.defaultStoreId())
                .accessToken(tokens.accessToken()).baseUrl(ravelry.baseUrl()).build();
             RavelryStorefront personal = support.personal(ravelry).build()) {

            assertThatThrownBy(() -> oauthStore.orders(OrderQuery.builder().build()).count())
                    .isInstanceOfSatisfying(RavelryPermissionException.class,
                            e -> assertThat(e.permission()).isEqualTo("patternstore-purchases"))
                    .hasMessageContaining("personal key");
            assertThat(personal.orders(OrderQuery.builder().build()).count()).isZero();
        }
    }

    @Test
    void wrongPersonalKeyIsRefused() {
        ravelry = RavelrySandbox.builder().clock(clock).build().start();
        try (RavelryStorefront store = RavelryStorefront.builder().storeId(ravelry.defaultStoreId())
                .personalKey(ravelry.accessKey(), "wrong").baseUrl(ravelry.baseUrl()).build()) {
            assertThatThrownBy(store::stores).isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void capabilitiesSayWhatRavelryLacks() {
        ravelry = RavelrySandbox.builder().build().start();
        try (RavelryStorefront store = support.personal(ravelry).build()) {
            assertThat(store.capabilities().webhooks()).isFalse();
            assertThat(store.capabilities().payouts()).isFalse();
            assertThatThrownBy(() -> store.parseWebhook(null))
                    .isInstanceOf(io.patternhub.core.error.CapabilityNotSupportedException.class)
                    .hasMessageContaining("no webhooks");
            assertThatThrownBy(() -> store.payouts(io.patternhub.core.storefront.PayoutQuery.builder().build()))
                    .isInstanceOf(io.patternhub.core.error.CapabilityNotSupportedException.class);
        }
    }
}
