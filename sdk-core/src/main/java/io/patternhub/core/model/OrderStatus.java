package io.patternhub.core.model;

/** The payment state of an order, normalized across platforms. */
public enum OrderStatus {
    /** Placed but not (yet) paid. */
    PENDING,
    PAID,
    PARTIALLY_REFUNDED,
    REFUNDED,
    CANCELLED
}
