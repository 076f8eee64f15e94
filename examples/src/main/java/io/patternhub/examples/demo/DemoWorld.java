package io.patternhub.examples.demo;

import com.icegreen.greenmail.util.GreenMail;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Pattern;
import io.patternhub.hub.access.DownloadLinks;
import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.OrderPoller;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.notify.BuyerNotifications;
import io.patternhub.hub.notify.Notifier;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.sync.CatalogSync;
import io.patternhub.hub.sync.ListingMapping;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the demo's steps share: the output folder, the storefront sandboxes, the local mail
 * server, the hub (store, catalog, sync, ingest, inbox, notifications) and the counts.
 *
 * @param out           the output folder (report, hub database, catalog copy)
 * @param clock         the clock
 * @param shops         the storefront sandboxes with their clients
 * @param mail          the local mail server buyers' emails arrive in
 * @param notifier      sends email to {@code mail}
 * @param store         the hub store
 * @param catalog       the master catalog
 * @param sync          the catalog sync to every shop
 * @param links         signs download links
 * @param notifications buyer emails
 * @param ingest        order ingest with buyer access
 * @param inbox         the webhook inbox
 * @param poller        the order poller
 * @param orders        the hub's orders
 * @param receiver      the local webhook endpoint
 * @param patterns      the imported patterns by SKU (filled by the import step)
 * @param summary       the counts
 */
public record DemoWorld(Path out, Clock clock, List<DemoShop> shops, GreenMail mail, Notifier notifier, HubStore store,
                        Catalog catalog, CatalogSync sync, DownloadLinks links, BuyerNotifications notifications,
                        OrderIngest ingest, WebhookInbox inbox, OrderPoller poller, Orders orders,
                        WebhookReceiver receiver, Map<String, Pattern> patterns, DemoSummary summary) {

    /** The shop name in buyers' emails. */
    public static final String SHOP_NAME = "Tilly's Patterns (demo)";

    public DemoWorld {
        shops = List.copyOf(shops);
        Objects.requireNonNull(patterns, "patterns");
    }

    /** @return the catalog copy the demo imports and edits */
    public Path catalogDir() {
        return out.resolve("catalog");
    }

    /**
     * @param sku      a pattern
     * @param currency an ISO 4217 code
     * @return its price there
     */
    public Money price(String sku, String currency) {
        Pattern p = Objects.requireNonNull(patterns.get(sku), () -> "pattern " + sku + " was not imported");
        return p.priceIn(Currency.getInstance(currency)).orElseThrow(
                () -> new IllegalStateException(sku + " has no " + currency + " price"));
    }

    /**
     * @param shopId a shop
     * @return its listing id per SKU, from the hub's sync mappings
     */
    public Map<String, String> listingIds(String shopId) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (ListingMapping m : sync.mappings(shopId)) {
            m.externalId().ifPresent(id -> ids.put(m.sku(), id));
        }
        return ids;
    }

    /**
     * @param shopId a shop
     * @param sku    a pattern
     * @return its listing id there
     */
    public String listingId(String shopId, String sku) {
        String id = listingIds(shopId).get(sku);
        if (id == null) {
            throw new IllegalStateException(sku + " is not listed on " + shopId);
        }
        return id;
    }

    /** @return how many messages the local mail server has received */
    public int mailCount() {
        return mail.getReceivedMessages().length;
    }
}
