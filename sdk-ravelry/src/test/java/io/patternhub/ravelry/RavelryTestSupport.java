package io.patternhub.ravelry;

import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.storefront.ListingDraft;
import io.patternhub.testkit.ravelry.RavelrySandbox;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Wires a {@link RavelryStorefront} to a {@link RavelrySandbox}; waits are recorded, not slept. */
final class RavelryTestSupport {
    /** Quick retries: tests count calls and states, never time. */
    static final RetrySettings FAST_RETRY = new RetrySettings(4, Duration.ofMillis(2), Duration.ofMillis(10), 0.2,
            Duration.ofSeconds(5));
    static final AttachmentWait WAIT = new AttachmentWait(6, Duration.ofMillis(100), Duration.ofMillis(800));

    /** Every pause the storefront asked for, in order. */
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    RavelryStorefront.Builder personal(RavelrySandbox ravelry) {
        return RavelryStorefront.builder()
                .storeId(ravelry.defaultStoreId())
                .personalKey(ravelry.accessKey(), ravelry.personalKey())
                .baseUrl(ravelry.baseUrl())
                .retry(FAST_RETRY)
                .rateLimit(RateLimitSettings.perSecond(1000))
                .attachmentWait(WAIT)
                .sleeper(sleeps::add);
    }

    static ListingDraft draft(String sku, String title, String price, long patternId) {
        return ListingDraft.builder().sku(sku).title(title).price(Money.of(price, "USD"))
                .putPlatformAttribute("pattern_id", String.valueOf(patternId)).build();
    }

    static PatternFile pdf(String name, String text) {
        byte[] bytes = ("%PDF-1.7 " + text).getBytes(StandardCharsets.UTF_8);
        return PatternFile.fromContent(name, () -> new ByteArrayInputStream(bytes)).build();
    }
}
