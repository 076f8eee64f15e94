package io.patternhub.support.tools;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link OrderTools} over orders held in memory, for tests and the offline demo. Thread-safe. */
public final class InMemoryOrderTools implements OrderTools {
    private final List<OrderSummary> orders = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> resends = new ConcurrentHashMap<>();

    /** Adds an order; later orders count as newer. */
    public InMemoryOrderTools add(OrderSummary order) {
        orders.add(order);
        return this;
    }

    @Override
    public Optional<OrderSummary> findOrder(String orderNumber) {
        String wanted = normalise(orderNumber);
        return orders.stream().filter(o -> normalise(o.orderNumber()).equals(wanted)).findFirst();
    }

    @Override
    public List<OrderSummary> findOrdersByEmail(String email) {
        List<OrderSummary> out = new ArrayList<>();
        for (OrderSummary o : orders) {
            if (o.buyerEmail().map(e -> e.equalsIgnoreCase(email.strip())).orElse(false)) {
                out.add(0, o);
            }
        }
        return out;
    }

    @Override
    public String resendDownloadLinks(OrderSummary order) {
        if (findOrder(order.orderNumber()).isEmpty()) {
            throw new NotFoundException("No order " + order.orderNumber() + " to resend links for", ErrorContext.empty());
        }
        resends.merge(normalise(order.orderNumber()), 1, Integer::sum);
        return "Fresh download links for " + String.join(", ", order.items()) + " were sent to the email address on order "
                + order.orderNumber() + ".";
    }

    /** How many times links were resent for this order. */
    public int resendCount(String orderNumber) {
        return resends.getOrDefault(normalise(orderNumber), 0);
    }

    private static String normalise(String orderNumber) {
        return orderNumber.strip().replaceFirst("^#", "").toUpperCase(Locale.ROOT);
    }
}
