package io.patternhub.etsy;

import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.storefront.ListingDraft;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.etsy.EtsyTokens;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Wires an {@link EtsyStorefront} to an {@link EtsySandbox}, with short retry delays for fast tests. */
final class EtsyTestSupport {
    static final long TAXONOMY = 2078;
    /** Quick retries: tests count calls and states, never time. */
    static final RetrySettings FAST_RETRY = new RetrySettings(6, Duration.ofMillis(5), Duration.ofMillis(40), 0.2,
            Duration.ofSeconds(5));

    private EtsyTestSupport() {
    }

    static EtsyStorefront.Builder storefront(EtsySandbox etsy) {
        EtsyTokens tokens = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES);
        return EtsyStorefront.builder()
                .shopId(etsy.defaultShopId())
                .apiKey(etsy.apiKey())
                .accessToken(tokens.accessToken())
                .baseUrl(etsy.baseUrl())
                .taxonomyId(TAXONOMY)
                .retry(FAST_RETRY)
                .webhookSecret(etsy.webhookSecret());
    }

    /**
     * A storefront whose OAuth token refreshes through the sandbox's token endpoint (tokens last an hour
     * by {@code clock}; each refresh rotates the refresh token).
     */
    static EtsyStorefront.Builder refreshingStorefront(EtsySandbox etsy, java.time.Clock clock) {
        EtsyTokens tokens = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES);
        EtsyOAuth oauth = EtsyOAuth.builder(etsy.keystring(), java.net.URI.create("https://app.example/callback"))
                .endpoints(EtsyOAuth.AUTHORIZATION_ENDPOINT, etsy.tokenUrl()).clock(clock).build();
        io.patternhub.core.auth.OAuth2AuthScheme auth = oauth.authScheme(
                new io.patternhub.core.auth.InMemoryTokenStore(), "etsy-" + etsy.defaultShopId());
        auth.replaceToken(io.patternhub.core.auth.OAuthToken.builder().accessToken(tokens.accessToken())
                .refreshToken(tokens.refreshToken()).expiresAt(tokens.expiresAt())
                .scopes(java.util.List.copyOf(tokens.scopes())).build());
        return storefront(etsy).auth(auth).clock(clock);
    }

    /** A storefront allowed {@code perSecond} calls, for a sandbox configured to match. */
    static EtsyStorefront.Builder fastStorefront(EtsySandbox etsy, int perSecond) {
        return storefront(etsy).rateLimit(RateLimitSettings.perSecond(perSecond).withDailyQuota(100_000));
    }

    static ListingDraft draft(String sku, String title, String price) {
        return ListingDraft.builder().sku(sku).title(title).description("A PDF sewing pattern: " + title)
                .price(Money.of(price, "USD")).addTags("sewing pattern", "pdf").build();
    }

    static PatternFile pdf(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return PatternFile.fromContent(name, () -> new ByteArrayInputStream(bytes)).build();
    }
}
