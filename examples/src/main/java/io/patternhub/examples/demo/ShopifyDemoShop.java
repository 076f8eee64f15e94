package io.patternhub.examples.demo;

import io.patternhub.core.Platform;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.hub.sync.SyncTarget;
import io.patternhub.shopify.ShopifyStorefront;
import io.patternhub.testkit.shopify.OrderSeed;
import io.patternhub.testkit.shopify.ShopifySandbox;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * Shopify: no digital-download API, so the sync creates listings only (product, variant, SKU, price) and
 * buyers get their files from the hub's emails; orders are polled through the Admin GraphQL API.
 */
final class ShopifyDemoShop implements DemoShop {
    private static final String TOKEN = "shpat_demo";
    private final ShopifySandbox sandbox;
    private final ShopifyStorefront shopify;

    ShopifyDemoShop() {
        sandbox = ShopifySandbox.builder().accessToken(TOKEN).build().start();
        shopify = ShopifyStorefront.builder().shopDomain(sandbox.shopDomain()).baseUrl(sandbox.baseUrl())
                .accessToken(TOKEN).currency(Currency.getInstance("EUR")).build();
    }

    @Override
    public String id() {
        return "shopify";
    }

    @Override
    public Platform platform() {
        return Platform.SHOPIFY;
    }

    @Override
    public Storefront storefront() {
        return shopify;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.builder(id(), shopify).currency("EUR").build();
    }

    @Override
    public int listingCount() {
        return sandbox.products().size();
    }

    @Override
    public int placeOrders(DemoWorld world, List<Purchase> purchases) {
        // the sandbox generates its own buyers: one paid order per purchase with 20% VAT the seller owes
        // (Shopify leaves VAT to the seller), no discount or refund
        for (Purchase p : purchases) {
            sandbox.seedOrders(OrderSeed.builder().count(1).start(world.clock().instant()).currencies("EUR")
                    .skus(p.sku()).unitPrice(world.price(p.sku(), "EUR").amount().toPlainString())
                    .taxRate("0.20").discountEvery(0, "0").refundEvery(0).anonymousEvery(0).build());
        }
        return 0;
    }

    @Override
    public int settlePayouts() {
        return sandbox.settlePayouts().size();
    }

    @Override
    public void close() {
        shopify.close();
        sandbox.close();
    }
}
