package io.patternhub.core.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.PatternHubStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An order was created, paid, updated, refunded or cancelled. Webhooks that only name the order
 * (Etsy's {@code order.paid}) carry no {@link #order()}; fetch it with {@code Storefront.order(id)}.
 */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableOrderEvent.class)
@JsonDeserialize(as = ImmutableOrderEvent.class)
@JsonTypeName("order")
public non-sealed interface OrderEvent extends StorefrontEvent {

    /** What happened to the order. */
    enum Kind {
        CREATED, PAID, UPDATED, REFUNDED, CANCELLED;

        /**
         * What reaching a status means: pending is created, paid is paid, any refund is refunded.
         *
         * @param status the order's status
         * @return the kind
         */
        public static Kind of(OrderStatus status) {
            return switch (status) {
                case PENDING -> CREATED;
                case PAID -> PAID;
                case PARTIALLY_REFUNDED, REFUNDED -> REFUNDED;
                case CANCELLED -> CANCELLED;
            };
        }
    }

    Kind kind();

    String orderExternalId();

    /** The full order, when the webhook or poll delivered it. */
    Optional<Order> order();

    @Value.Check
    default void check() {
        if (eventId().isBlank()) {
            throw new InvalidModelException("OrderEvent", "eventId", "must not be blank");
        }
        order().ifPresent(o -> {
            if (!o.externalId().equals(orderExternalId()) || o.platform() != platform()) {
                throw new InvalidModelException("OrderEvent", "order", "is " + o.platform() + " order "
                        + o.externalId() + " but the event is about " + platform() + " order " + orderExternalId());
            }
        });
    }

    static ImmutableOrderEvent.Builder builder() {
        return ImmutableOrderEvent.builder();
    }

    default ImmutableOrderEvent.Builder toBuilder() {
        return ImmutableOrderEvent.builder().from(this);
    }
}
