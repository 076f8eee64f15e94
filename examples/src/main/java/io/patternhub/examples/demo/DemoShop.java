package io.patternhub.examples.demo;

import io.patternhub.core.Platform;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.hub.sync.SyncTarget;

import java.util.List;

/**
 * A storefront sandbox in the demo together with the client connected to it. A later storefront
 * joins the demo by adding one of these to {@link OfflineDemo}.
 */
public interface DemoShop extends AutoCloseable {
    /** @return the sync target id and poll cursor name, e.g. {@code etsy} */
    String id();

    /** @return the platform */
    Platform platform();

    /** @return the client connected to the sandbox */
    Storefront storefront();

    /** @return how the hub syncs to it */
    SyncTarget target();

    /** @return how many listings the sandbox holds */
    int listingCount();

    /**
     * Buyers buy in the sandbox: the platform records paid orders (and, where it has webhooks and the
     * world has a receiver, notifies the hub).
     *
     * @param world     the demo world (listing ids from the hub's sync mappings, the webhook receiver)
     * @param purchases who buys what
     * @return how many webhook deliveries the hub acknowledged
     */
    int placeOrders(DemoWorld world, List<Purchase> purchases);

    /**
     * The platform pays the seller: what it holds for the shop becomes a payout, where the platform has
     * payouts at all.
     *
     * @return how many payouts were made (0 for platforms without payouts)
     */
    default int settlePayouts() {
        return 0;
    }

    @Override
    void close();
}
