package io.patternhub.examples.demo;

import io.patternhub.core.Platform;
import io.patternhub.hub.ingest.OrderPoller;
import io.patternhub.hub.ingest.PayoutPoller;

import java.time.Duration;
import java.time.Instant;

import java.util.List;
import java.util.Map;

/**
 * Buyers buy on every storefront; orders reach the hub by webhook (Etsy's signed {@code order.paid},
 * verified and stored by the inbox before the 200) and by polling (every storefront, which also finds
 * the Etsy order whose webhook never came). Buyer access emails the links. Then Etsy and Shopify pay
 * out and the hub pulls the payouts; WooCommerce and Ravelry report none and are skipped.
 */
final class OrdersArriveStep implements DemoStep {
    /** Where the first payout poll starts: the whole history (Etsy's ledger accepts nothing before 2000). */
    static final Instant PAYOUTS_FROM = Instant.parse("2000-01-01T00:00:00Z");

    /** Who buys what where. */
    static final Map<String, List<Purchase>> PURCHASES = Map.of(
            "etsy", List.of(new Purchase("ben@example.com", "Ben", "PH-KNT-002"),
                    new Purchase("ana@example.com", "Ana", "PH-SEW-001"),
                    new Purchase("cleo@example.com", "Cleo", "PH-SEW-001"),
                    new Purchase("cleo@example.com", "Cleo", "PH-CRO-001")),
            "woocommerce", List.of(new Purchase("dana@example.com", "Dana", "PH-SEW-001"),
                    new Purchase("eli@example.com", "Eli", "PH-SEW-004")),
            "ravelry", List.of(new Purchase("fay@example.com", "Fay", "PH-KNT-001"),
                    new Purchase("gus@example.com", "Gus", "PH-KNT-003")),
            "shopify", List.of(new Purchase("hal@example.com", "Hal", "PH-CRO-001")));

    @Override
    public String title() {
        return "Orders arrive (webhooks and polling)";
    }

    @Override
    public void run(DemoWorld world, StepLog log) {
        int mailBefore = world.mailCount();
        int webhooks = 0;
        for (DemoShop shop : world.shops()) {
            webhooks += shop.placeOrders(world, PURCHASES.getOrDefault(shop.id(), List.of()));
        }
        int fromInbox = world.inbox().processAll();
        log.say("webhooks: %d signed deliveries verified and stored, %d events processed", webhooks, fromInbox);
        for (DemoShop shop : world.shops()) {
            OrderPoller.PollResult r = world.poller().poll(shop.id(), shop.storefront());
            log.say("poll %-12s %d orders read, %d new to the hub", shop.id(), r.seen(), r.changed());
            world.summary().add("orders.polled_new", r.changed());
        }
        // the platforms pay out what they hold; the hub pulls the payouts (with the orders they settle)
        PayoutPoller payouts = new PayoutPoller(world.store(), Duration.ofDays(14), PAYOUTS_FROM);
        for (DemoShop shop : world.shops()) {
            int made = shop.settlePayouts();
            PayoutPoller.PollResult r = payouts.poll(shop.id(), shop.storefront());
            if (r.skipped()) {
                log.say("payouts %-9s the platform reports none", shop.id());
            } else {
                log.say("payouts %-9s %d paid out, %d pulled into the hub", shop.id(), made, r.changed());
            }
            world.summary().add("payouts.pulled", r.changed());
        }
        world.summary().set("webhooks.accepted", webhooks);
        for (DemoShop shop : world.shops()) {
            world.summary().set("orders." + shop.id(), countFor(world, shop.platform()));
        }
        world.summary().set("orders.total", world.orders().count());
        int emails = world.mailCount() - mailBefore;
        world.summary().set("emails.download_links", emails);
        log.say("%d orders in the hub; %d buyers emailed their download links", world.orders().count(), emails);
    }

    static long countFor(DemoWorld world, Platform platform) {
        return world.store().inTransaction(tx -> tx.queryOne("SELECT COUNT(*) FROM orders WHERE platform = ?",
                rs -> rs.getLong(1), platform.name()).orElse(0L));
    }
}
