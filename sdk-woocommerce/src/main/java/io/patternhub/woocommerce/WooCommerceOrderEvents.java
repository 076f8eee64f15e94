package io.patternhub.woocommerce;

import io.patternhub.core.Platform;
import io.patternhub.core.event.OrderEvent;
import io.patternhub.core.event.PolledOrderEvents;
import io.patternhub.core.model.Order;
import io.patternhub.core.storefront.WebhookRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Order events for one WooCommerce shop, from polling and from webhooks, each order state delivered once.
 *
 * <p>Polling asks for orders with {@code modified_after} the persisted cursor less the rescan window
 * (default 10 minutes: WooCommerce compares whole seconds and {@code modified_after} is exclusive, and a
 * refund written in the same second as the cursor, or a clock step on the site, would otherwise be
 * missed). Each order's state (status, refunds) is compared with the one last emitted; only changes become
 * events. Webhooks ({@code order.created}/{@code order.updated}) are verified and parsed by
 * {@link WooCommerceStorefront#parseWebhook} and go through the same check, so a redelivery, or a
 * webhook followed by a poll, yields one event. The cursor, dedup and delivery rules are those of
 * {@link PolledOrderEvents}.
 *
 * <p>Delivery is at least once: the handler runs before the state is saved, and a handler that throws
 * stops the run with the events before it saved. Event ids are stable ({@link #eventId}). Thread-safe
 * within one process; several processes must not poll the same shop at once.
 */
public final class WooCommerceOrderEvents {
    private final WooCommerceStorefront storefront;
    private final PolledOrderEvents events;

    private WooCommerceOrderEvents(WooCommerceStorefront storefront, PolledOrderEvents events) {
        this.storefront = storefront;
        this.events = events;
    }

    /**
     * Starts a configuration.
     *
     * @param storefront the shop's storefront
     * @return the builder
     */
    public static Builder builder(WooCommerceStorefront storefront) {
        return new Builder(storefront);
    }

    /**
     * Polls once and hands every new order state to {@code handler}, in the order WooCommerce lists them.
     *
     * @param handler receives each event; if it throws, the run stops and the events before it stay handled
     * @return how many events were handled
     */
    public int poll(Consumer<OrderEvent> handler) {
        return events.poll(handler);
    }

    /**
     * Verifies and parses a webhook delivery, and hands its order event to {@code handler} unless that
     * order state was already delivered.
     *
     * @param request the delivery as received
     * @param handler receives the event
     * @return how many events were handled (0 for a repeat, a ping or a product topic)
     * @throws io.patternhub.core.error.WebhookVerificationException if verification fails: answer 401
     */
    public int onWebhook(WebhookRequest request, Consumer<OrderEvent> handler) {
        Objects.requireNonNull(handler, "handler");
        return events.deliver(storefront.parseWebhook(request), handler);
    }

    /**
     * The event for an order in its current state.
     *
     * @param order      the order
     * @param occurredAt when it happened or was observed
     * @return the event, carrying the order
     */
    public static OrderEvent eventFor(Order order, Instant occurredAt) {
        return PolledOrderEvents.event(Platform.WOOCOMMERCE, order, fingerprint(order), occurredAt);
    }

    /**
     * The stable event id of an order state.
     *
     * @param order the order
     * @return {@code woocommerce:<hash>}
     */
    public static String eventId(Order order) {
        return PolledOrderEvents.eventId(Platform.WOOCOMMERCE, order, fingerprint(order));
    }

    /**
     * What distinguishes one state of an order from the next: status, refunded total, number of refunds.
     *
     * @param order the order
     * @return the fingerprint
     */
    public static String fingerprint(Order order) {
        return PolledOrderEvents.refundFingerprint(order);
    }

    /**
     * Configures {@link WooCommerceOrderEvents}: state store (default in memory), rescan window (default
     * 10 minutes), initial lookback (default 30 days) and clock.
     */
    public static final class Builder extends PolledOrderEvents.Options<Builder> {
        private final WooCommerceStorefront storefront;

        private Builder(WooCommerceStorefront storefront) {
            super(Platform.WOOCOMMERCE, Duration.ofMinutes(10));
            this.storefront = Objects.requireNonNull(storefront, "storefront");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Builds the event source.
         *
         * @return it
         */
        public WooCommerceOrderEvents build() {
            return new WooCommerceOrderEvents(storefront,
                    engine(PolledOrderEvents.OrderSource.updatedSince(storefront))
                            .fingerprint(WooCommerceOrderEvents::fingerprint).build());
        }
    }
}
