package io.patternhub.examples.support;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.hub.access.DownloadLinks;
import io.patternhub.hub.access.Entitlement;
import io.patternhub.hub.access.Entitlements;
import io.patternhub.hub.access.FileCatalog;
import io.patternhub.hub.ingest.CustomerRecord;
import io.patternhub.hub.ingest.OrderRecord;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.notify.Notification;
import io.patternhub.hub.notify.Notifier;
import io.patternhub.support.tools.OrderSummary;
import io.patternhub.support.tools.OrderTools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The support assistant's {@link OrderTools} over the hub: orders and customers from {@link Orders},
 * access from {@link Entitlements}, fresh signed links from {@link DownloadLinks}, sent through the
 * hub's {@link Notifier}. A resend always sends (the buyer asked for it), unlike the purchase email,
 * which the hub sends once per order. Thread-safe.
 */
public final class HubOrderTools implements OrderTools {
    private static final List<Platform> STOREFRONTS = List.of(Platform.ETSY, Platform.SHOPIFY, Platform.RAVELRY,
            Platform.WOOCOMMERCE, Platform.CSV);

    private final Orders orders;
    private final Entitlements entitlements;
    private final DownloadLinks links;
    private final FileCatalog catalog;
    private final Notifier notifier;
    private final String shopName;
    private final Duration validity;
    private final int maxDownloads;

    /**
     * @param orders       the hub's orders
     * @param entitlements who may download what
     * @param links        signs download links
     * @param catalog      the current files of each pattern
     * @param notifier     sends the email
     * @param shopName     the shop's name, for the email
     */
    public HubOrderTools(Orders orders, Entitlements entitlements, DownloadLinks links, FileCatalog catalog,
                         Notifier notifier, String shopName) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
        this.links = Objects.requireNonNull(links, "links");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.shopName = Objects.requireNonNull(shopName, "shopName");
        this.validity = Duration.ofDays(7);
        this.maxDownloads = 5;
    }

    @Override
    public Optional<OrderSummary> findOrder(String orderNumber) {
        String n = orderNumber.trim().replaceFirst("^#", "");
        for (Platform p : STOREFRONTS) {
            Optional<OrderRecord> o = orders.find(p, n);
            if (o.isPresent()) {
                return Optional.of(summary(o.get()));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<OrderSummary> findOrdersByEmail(String email) {
        List<OrderRecord> found = new ArrayList<>();
        for (CustomerRecord c : orders.customersByEmail(email.trim().toLowerCase(Locale.ROOT))) {
            found.addAll(orders.ofCustomer(c.id()));
        }
        return found.stream().sorted(Comparator.comparing(OrderRecord::createdAt).reversed()).map(this::summary).toList();
    }

    @Override
    public String resendDownloadLinks(OrderSummary summary) {
        OrderRecord order = orders.find(summary.platform(), summary.orderNumber()).orElseThrow(() -> new NotFoundException(
                "No order " + summary.orderNumber() + " on " + summary.platform().displayName() + " in the hub",
                ErrorContext.empty()));
        CustomerRecord buyer = order.customerId().flatMap(orders::customer).filter(c -> c.email().isPresent())
                .orElse(null);
        if (buyer == null) {
            return "I could not resend the links for order " + summary.orderNumber()
                    + " because we have no email address for it; a member of our team will help.";
        }
        List<Entitlement> active = entitlements.forOrder(order.id()).stream().filter(Entitlement::active).toList();
        if (active.isEmpty()) {
            return "Order " + summary.orderNumber() + " has no downloads that are still active (it may have been refunded).";
        }
        StringBuilder text = new StringBuilder("Hello").append(buyer.name().map(n -> " " + n).orElse(""))
                .append(",\n\nhere are fresh download links for your order ").append(summary.orderNumber())
                .append(" at ").append(shopName).append(":\n\n");
        int files = 0;
        for (Entitlement e : active) {
            String title = catalog.title(e.sku()).orElse(e.sku());
            for (FileCatalog.CatalogFile f : catalog.currentFiles(e.sku())) {
                text.append("- ").append(title).append(", ").append(f.name()).append(": ")
                        .append(links.sign(e.id(), f.name(), f.version(), validity, maxDownloads).url()).append('\n');
                files++;
            }
        }
        notifier.send(Notification.text(buyer.email().get(), buyer.name().orElse(null),
                "Your download links from " + shopName, text.toString()));
        return "I have sent fresh download links for order " + summary.orderNumber() + " (" + files + " file"
                + (files == 1 ? "" : "s") + ") to the email address on the order.";
    }

    private OrderSummary summary(OrderRecord o) {
        Optional<String> email = o.customerId().flatMap(orders::customer).flatMap(CustomerRecord::email);
        List<String> items = o.skus().stream().map(s -> catalog.title(s).orElse(s)).toList();
        return new OrderSummary(o.platform(), o.externalId(), email, items, o.status().name().toLowerCase(Locale.ROOT));
    }
}
