package io.patternhub.examples.demo;

import io.patternhub.core.Platform;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.etsy.EtsyStorefront;
import io.patternhub.hub.sync.SyncTarget;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.etsy.ReceiptSeed;
import io.patternhub.testkit.etsy.TransactionSeed;

import java.util.List;

/**
 * Etsy: the sandbox validates every request against Etsy's OpenAPI description. Orders arrive as
 * signed {@code order.paid} webhooks at the demo's receiver; the first order is placed before the
 * webhook subscription exists, so only polling finds it (as with a missed delivery).
 */
final class EtsyDemoShop implements DemoShop {
    private final EtsySandbox sandbox;
    private final EtsyStorefront etsy;
    private boolean subscribed;
    private long nextBuyerId = 7001;

    EtsyDemoShop() {
        // the sandbox's rate limits are lifted so the demo runs at local speed
        sandbox = EtsySandbox.builder().perSecondLimit(1_000_000).perDayLimit(100_000_000).build().start();
        etsy = EtsyStorefront.builder().shopId(sandbox.defaultShopId()).apiKey(sandbox.apiKey())
                .accessToken(sandbox.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken()).baseUrl(sandbox.baseUrl())
                .taxonomyId(2078L).shopCurrency("USD").webhookSecret(sandbox.webhookSecret())
                .rateLimit(RateLimitSettings.unlimited()).feesWithOrderStream(true).build();
    }

    @Override
    public String id() {
        return "etsy";
    }

    @Override
    public Platform platform() {
        return Platform.ETSY;
    }

    @Override
    public Storefront storefront() {
        return etsy;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.builder(id(), etsy).currency("USD").build();
    }

    @Override
    public int listingCount() {
        return sandbox.listings().size();
    }

    @Override
    public int placeOrders(DemoWorld world, List<Purchase> purchases) {
        int before = world.receiver().accepted();
        java.util.Map<String, Long> buyerIds = new java.util.HashMap<>();
        for (Purchase p : purchases) {
            if (!subscribed && p != purchases.get(0)) {
                sandbox.subscribeWebhooks(world.receiver().url(id()));
                subscribed = true;
            }
            long listing = Long.parseLong(world.listingId(id(), p.sku()));
            String price = world.price(p.sku(), "USD").amount().toPlainString();
            sandbox.addReceipt(ReceiptSeed.builder("USD")
                    .transaction(TransactionSeed.of(p.sku(), world.patterns().get(p.sku()).title(), 1,
                            world.price(p.sku(), "USD")).forListing(listing))
                    .fees(new java.math.BigDecimal(price).multiply(new java.math.BigDecimal("0.065"))
                            .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString())
                    .buyerUserId(buyerIds.computeIfAbsent(p.email(), e -> nextBuyerId++))
                    .buyerEmail(p.email()).build());
        }
        return world.receiver().accepted() - before;
    }

    @Override
    public int settlePayouts() {
        return sandbox.disburse(sandbox.defaultShopId(), "USD").isPositive() ? 1 : 0;
    }

    @Override
    public void close() {
        etsy.close();
        sandbox.close();
    }
}
