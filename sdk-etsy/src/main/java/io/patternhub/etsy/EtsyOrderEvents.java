package io.patternhub.etsy;

import io.patternhub.core.Platform;
import io.patternhub.core.event.OrderEvent;
import io.patternhub.core.event.PolledOrderEvents;
import io.patternhub.core.model.Order;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.WebhookRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Order events for one Etsy shop, from polling and from webhooks, each order state delivered once.
 *
 * <p>Polling reads receipts modified since the persisted cursor ({@code min_last_modified}) and, because
 * Etsy does not bump {@code last_modified} for every refund or cancellation, also re-reads every receipt
 * created within the rescan window (default 30 days) before the cursor. Each receipt's state (status,
 * refunds) is compared with the one last emitted; only changes become events. Webhooks ({@code order.paid})
 * are verified and resolved by {@link EtsyStorefront#parseWebhook} and go through the same check, so a
 * delivery replayed five times, or a webhook followed by a poll, yields one event. The cursor, dedup and
 * delivery rules are those of {@link PolledOrderEvents}.
 *
 * <p>Delivery is at least once: the handler runs before the state is saved, and a handler that throws
 * stops the run with the events before it saved. Event ids are stable ({@link #eventId}), so a consumer
 * can deduplicate a crash's repeats. Thread-safe within one process; several processes must not poll
 * the same store at once.
 */
public final class EtsyOrderEvents {
    private final EtsyStorefront storefront;
    private final PolledOrderEvents events;

    private EtsyOrderEvents(EtsyStorefront storefront, PolledOrderEvents events) {
        this.storefront = storefront;
        this.events = events;
    }

    /**
     * Starts a configuration.
     *
     * @param storefront the shop's storefront
     * @return the builder
     */
    public static Builder builder(EtsyStorefront storefront) {
        return new Builder(storefront);
    }

    /**
     * Polls once and hands every new order state to {@code handler}, in receipt order.
     *
     * @param handler receives each event; if it throws, the run stops and the events before it stay handled
     * @return how many events were handled
     */
    public int poll(Consumer<OrderEvent> handler) {
        return events.poll(handler);
    }

    /**
     * Verifies and resolves a webhook delivery, and hands its order event to {@code handler} unless that
     * order state was already delivered.
     *
     * @param request the delivery as received
     * @param handler receives the event
     * @return how many events were handled (0 for a repeat or an ignored event type)
     * @throws io.patternhub.core.error.WebhookVerificationException if verification fails: answer 401
     */
    public int onWebhook(WebhookRequest request, Consumer<OrderEvent> handler) {
        Objects.requireNonNull(handler, "handler");
        return events.deliver(storefront.parseWebhook(request), handler);
    }

    /**
     * The event for an order in its current state: kind from the status, id from the receipt and
     * {@link #fingerprint}, so the same state always has the same id.
     *
     * @param order      the order
     * @param occurredAt when it happened or was observed
     * @return the event, carrying the order
     */
    public static OrderEvent eventFor(Order order, Instant occurredAt) {
        return PolledOrderEvents.event(Platform.ETSY, order, fingerprint(order), occurredAt);
    }

    /**
     * The stable event id of an order state.
     *
     * @param order the order
     * @return {@code etsy:<hash>}
     */
    public static String eventId(Order order) {
        return PolledOrderEvents.eventId(Platform.ETSY, order, fingerprint(order));
    }

    /**
     * What distinguishes one state of an order from the next: its status, refunded total and number of refunds.
     *
     * @param order the order
     * @return the fingerprint
     */
    public static String fingerprint(Order order) {
        return PolledOrderEvents.refundFingerprint(order);
    }

    /**
     * Configures {@link EtsyOrderEvents}: state store (default in memory), rescan window (default 30 days,
     * by creation time), initial lookback (default 30 days) and clock.
     */
    public static final class Builder extends PolledOrderEvents.Options<Builder> {
        private final EtsyStorefront storefront;

        private Builder(EtsyStorefront storefront) {
            super(Platform.ETSY, Duration.ofDays(30));
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
        public EtsyOrderEvents build() {
            // Receipts modified since the cursor, then those created within the window: Etsy does not bump
            // last_modified for every refund or cancellation. A receipt in both is skipped by its fingerprint.
            PolledOrderEvents.OrderSource source = (from, window) -> Stream.concat(
                    storefront.orders(OrderQuery.builder().updatedSince(from).build()),
                    storefront.orders(OrderQuery.builder().createdSince(from.minus(window)).build()));
            return new EtsyOrderEvents(storefront, engine(source).fingerprint(EtsyOrderEvents::fingerprint).build());
        }
    }
}
