package io.patternhub.examples;

import io.patternhub.etsy.EtsyStorefront;
import io.patternhub.hub.access.BuyerAccess;
import io.patternhub.hub.access.DownloadLinks;
import io.patternhub.hub.access.HubEventPublisher;
import io.patternhub.hub.access.Provisioner;
import io.patternhub.hub.access.StoreFileCatalog;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.OrderPoller;
import io.patternhub.hub.notify.BuyerNotifications;
import io.patternhub.hub.notify.SmtpNotifier;
import io.patternhub.hub.store.HubStore;

import java.time.Duration;

/**
 * Embedding example: poll Etsy orders into the hub; buyers of paid orders get signed download links by
 * email. Quoted in the README.
 */
public final class EtsyOrdersExample {
    private EtsyOrdersExample() {
    }

    /**
     * Polls once.
     *
     * @param store      the hub store
     * @param etsy       the Etsy storefront
     * @param linkSecret at least 32 random bytes that sign download links
     * @return what the poll saw
     */
    public static OrderPoller.PollResult pollOnce(HubStore store, EtsyStorefront etsy, byte[] linkSecret) {
        // README:begin orders
        BuyerNotifications notifications = BuyerNotifications.builder(store)
                .notifier(SmtpNotifier.builder().host("smtp.example.com").port(587).startTls(true)
                        .credentials("shop@example.com", System.getenv("SMTP_PASSWORD"))
                        .from("shop@example.com", "Tilly's Patterns").build())
                .links(DownloadLinks.builder(store).secret(linkSecret).baseUrl("https://patterns.example.com/d/").build())
                .catalog(new StoreFileCatalog(store)).shopName("Tilly's Patterns").build();
        OrderIngest ingest = OrderIngest.builder(store)
                .handler(new BuyerAccess(store, notifications, Provisioner.NONE, HubEventPublisher.NONE))
                .build();
        OrderPoller poller = new OrderPoller(store, ingest, Duration.ofDays(3));   // rescan window for late refunds
        OrderPoller.PollResult result = poller.poll("etsy", etsy);                 // cursor persisted in the hub
        System.out.println(result.seen() + " orders read, " + result.changed() + " new or changed");
        // README:end orders
        return result;
    }
}
