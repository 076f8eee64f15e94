package io.patternhub.hub.ingest;

import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.storefront.Capabilities;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.Storefront;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An Etsy-like storefront holding orders in memory for polling tests: it answers a query with the orders
 * modified at or after its lower bound, oldest first, records every query, and can be told to fail after a
 * number of orders (a page that breaks).
 */
final class MemoryStorefront implements Storefront {
    /** When every order of {@link #order} was created. */
    static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");

    final Map<String, Order> orders = new ConcurrentHashMap<>();
    final List<OrderQuery> queries = Collections.synchronizedList(new ArrayList<>());
    /** With 0 or more, a read yields that many orders and then fails; -1 reads everything. */
    volatile int failAfter = -1;

    /** Holds (or replaces) {@link #order} {@code id} in {@code status}, modified at {@code updated}. */
    void put(String id, OrderStatus status, Instant updated) {
        orders.put(id, order(id, status, updated));
    }

    @Override
    public Platform platform() {
        return Platform.ETSY;
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.builder().platform(Platform.ETSY).build();
    }

    @Override
    public Stream<Listing> listings() {
        return Stream.empty();
    }

    @Override
    public Stream<Order> orders(OrderQuery query) {
        queries.add(query);
        List<Order> due = orders.values().stream()
                .filter(o -> query.effectiveUpdatedSince().map(t -> !o.updatedAt().orElseThrow().isBefore(t)).orElse(true))
                .sorted((a, b) -> a.updatedAt().orElseThrow().compareTo(b.updatedAt().orElseThrow())).toList();
        int cut = failAfter;
        if (cut < 0) {
            return due.stream();
        }
        Stream<Order> failing = Stream.<Order>generate(() -> {
            throw new IllegalStateException("page 2 failed");
        }).limit(1);
        return Stream.concat(due.stream().limit(cut), failing);
    }

    @Override
    public Order order(String externalId) {
        return orders.get(externalId);
    }

    /** An Etsy order of one {@code TEE-01} for 5.00 EUR, bought by {@code buyer-<id>}. */
    static Order order(String id, OrderStatus status, Instant updated) {
        return Order.builder().platform(Platform.ETSY).externalId(id).createdAt(CREATED).updatedAt(updated)
                .buyer(CustomerRef.builder().platform(Platform.ETSY).externalId("buyer-" + id).build())
                .addLineItems(LineItem.builder().sku("TEE-01").title("Tee").quantity(1).unitPrice(Money.of("5.00", "EUR")).build())
                .currency(java.util.Currency.getInstance("EUR")).subtotal(Money.of("5.00", "EUR"))
                .total(Money.of("5.00", "EUR")).status(status).build();
    }
}
