package io.patternhub.examples.demo;

import io.patternhub.core.Platform;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.hub.sync.HubFileUrls;
import io.patternhub.hub.sync.SyncTarget;
import io.patternhub.testkit.woocommerce.WooCommerceSandbox;
import io.patternhub.testkit.woocommerce.WooOrderSeed;
import io.patternhub.woocommerce.WooCommerceStorefront;

import java.net.URI;
import java.util.List;

/**
 * WooCommerce: files are linked by URL (here the hub's download host); orders are polled.
 */
final class WooCommerceDemoShop implements DemoShop {
    private final WooCommerceSandbox sandbox;
    private final WooCommerceStorefront woo;
    private long nextCustomer = 101;

    WooCommerceDemoShop() {
        sandbox = WooCommerceSandbox.builder().build().start();
        woo = WooCommerceStorefront.builder().siteUrl(sandbox.baseUrl())
                .credentials(sandbox.consumerKey(), sandbox.consumerSecret()).currency("EUR")
                .fileUrls(f -> URI.create("https://downloads.tilly.example/files/" + f.name())).build();
    }

    @Override
    public String id() {
        return "woocommerce";
    }

    @Override
    public Platform platform() {
        return Platform.WOOCOMMERCE;
    }

    @Override
    public Storefront storefront() {
        return woo;
    }

    @Override
    public SyncTarget target() {
        // WooCommerce links files by URL: the hub hands it signed URLs of its own file endpoint.
        byte[] demoKey = "patternhub-demo-file-url-signing-key!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return SyncTarget.builder(id(), woo).currency("EUR")
                .fileUrls(HubFileUrls.signed("https://downloads.tilly.example/files/", demoKey)).build();
    }

    @Override
    public int listingCount() {
        return sandbox.products().size();
    }

    @Override
    public int placeOrders(DemoWorld world, List<Purchase> purchases) {
        for (Purchase p : purchases) {
            long product = Long.parseLong(world.listingId(id(), p.sku()));
            sandbox.addOrder(WooOrderSeed.builder("EUR").customer(nextCustomer++, p.email()).country("DE")
                    .line(product, 1, world.price(p.sku(), "EUR").amount().toPlainString()).build());
        }
        return 0;
    }

    @Override
    public void close() {
        woo.close();
        sandbox.close();
    }
}
