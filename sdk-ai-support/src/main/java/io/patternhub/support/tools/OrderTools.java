package io.patternhub.support.tools;

import java.util.List;
import java.util.Optional;

/**
 * The order actions the support assistant may take. The hub implements this across every connected
 * storefront; tests and demos use {@link InMemoryOrderTools}. Implementations are thread-safe and
 * throw {@link io.patternhub.core.error.PatternHubException}s when a storefront fails.
 */
public interface OrderTools {

    /** Finds an order by the number the buyer quotes, on any storefront. */
    Optional<OrderSummary> findOrder(String orderNumber);

    /** Finds the orders placed with this email address, newest first, on storefronts that share emails. */
    List<OrderSummary> findOrdersByEmail(String email);

    /**
     * Sends the buyer fresh download links for every pattern on the order.
     *
     * @return a sentence saying what was sent, for the reply to the customer
     */
    String resendDownloadLinks(OrderSummary order);
}
