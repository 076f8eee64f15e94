package io.patternhub.hub.sync;

import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.etsy.EtsyStorefront;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.etsy.EtsyTokens;
import io.patternhub.testkit.journal.JournalEntry;
import java.util.List;

/** An Etsy sandbox and storefronts connected to it (a new storefront stands for a restarted process). */
final class EtsyFixture implements AutoCloseable {
    final EtsySandbox sandbox;
    private final EtsyTokens tokens;

    EtsyFixture() {
        this(true);
    }

    /**
     * @param validate whether the sandbox checks every request and response against Etsy's OpenAPI
     *                 description (thorough but slow: the 200-pattern test turns it off)
     */
    EtsyFixture(boolean validate) {
        // the sandbox's own limits are lifted so a 200-pattern sync runs at local speed
        sandbox = EtsySandbox.builder().perSecondLimit(1_000_000).perDayLimit(100_000_000)
                .validateRequests(validate).validateResponses(validate).build();
        sandbox.start();
        tokens = sandbox.issueTokens(EtsySandbox.DEFAULT_SCOPES);
    }

    EtsyStorefront storefront() {
        return storefront(sandbox.defaultShopId());
    }

    EtsyStorefront storefront(long shopId) {
        return EtsyStorefront.builder().shopId(shopId).apiKey(sandbox.apiKey())
                .accessToken(tokens.accessToken()).baseUrl(sandbox.baseUrl()).taxonomyId(1L).shopCurrency("USD")
                .rateLimit(RateLimitSettings.unlimited()).retry(RetrySettings.none()).writeAttempts(1).build();
    }

    SyncTarget target(String id) {
        return target(id, sandbox.defaultShopId());
    }

    SyncTarget target(String id, long shopId) {
        return SyncTarget.builder(id, storefront(shopId)).currency("USD").build();
    }

    long writes() {
        return sandbox.journal().entries().stream().filter(JournalEntry::isWrite).count();
    }

    /** The write requests received after the first {@code mark} journal entries. */
    List<JournalEntry> writesSince(long mark) {
        List<JournalEntry> all = sandbox.journal().entries();
        return all.subList((int) mark, all.size()).stream().filter(JournalEntry::isWrite).toList();
    }

    /** A mark for {@link #writesSince}: the number of requests so far. */
    long lastSequence() {
        return sandbox.journal().size();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
