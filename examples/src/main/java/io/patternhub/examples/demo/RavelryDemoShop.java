package io.patternhub.examples.demo;

import io.patternhub.core.Platform;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.hub.sync.SyncTarget;
import io.patternhub.ravelry.AttachmentWait;
import io.patternhub.ravelry.RavelryStorefront;
import io.patternhub.testkit.ravelry.InvoiceSeed;
import io.patternhub.testkit.ravelry.RavelrySandbox;

import java.time.Duration;
import java.util.List;

/**
 * Ravelry's pattern store: each product needs a Ravelry pattern as its source (one demo pattern page
 * here); attachments are processed asynchronously, so the client polls briefly; no webhooks, so
 * sales are polled with the seller's personal key.
 */
final class RavelryDemoShop implements DemoShop {
    private final RavelrySandbox sandbox;
    private final RavelryStorefront ravelry;
    private final long patternPage;
    private long nextUser = 5001;

    RavelryDemoShop() {
        sandbox = RavelrySandbox.builder().build().start();
        patternPage = sandbox.addPattern("Tilly's Patterns demo page");
        ravelry = RavelryStorefront.builder().storeId(sandbox.defaultStoreId()).baseUrl(sandbox.baseUrl())
                .personalKey(sandbox.accessKey(), sandbox.personalKey()).storeCurrency("USD")
                .attachmentWait(new AttachmentWait(12, Duration.ofMillis(5), Duration.ofMillis(40))).build();
    }

    @Override
    public String id() {
        return "ravelry";
    }

    @Override
    public Platform platform() {
        return Platform.RAVELRY;
    }

    @Override
    public Storefront storefront() {
        return ravelry;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.builder(id(), ravelry).currency("USD")
                .platformAttribute("pattern_id", String.valueOf(patternPage)).build();
    }

    @Override
    public int listingCount() {
        return sandbox.products().size();
    }

    @Override
    public int placeOrders(DemoWorld world, List<Purchase> purchases) {
        for (Purchase p : purchases) {
            long product = Long.parseLong(world.listingId(id(), p.sku()));
            sandbox.addInvoice(InvoiceSeed.builder("USD").line(product, world.price(p.sku(), "USD").amount().toPlainString())
                    .buyer(p.email(), p.name(), nextUser++).country("GB").paidAt(world.clock().instant()).build());
        }
        return 0;
    }

    @Override
    public void close() {
        ravelry.close();
        sandbox.close();
    }
}
