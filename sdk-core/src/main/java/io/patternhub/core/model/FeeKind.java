package io.patternhub.core.model;

/** What a platform charged the seller for. */
public enum FeeKind {
    TRANSACTION,
    PAYMENT_PROCESSING,
    LISTING,
    ADS,
    CURRENCY_CONVERSION,
    OTHER
}
