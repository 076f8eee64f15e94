package io.patternhub.hub.csv.internal;

import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;

/** One good row: an order line plus the order-level values the row carries. Amounts have no currency yet. */
public record ParsedRow(
        long line,
        String orderId,
        Optional<String> orderNumber,
        Optional<String> lineId,
        Instant date,
        Currency currency,
        Optional<String> buyerId,
        Optional<String> buyerEmail,
        Optional<String> buyerName,
        Optional<String> buyerCountry,
        Optional<String> sku,
        String title,
        Optional<String> listingId,
        int quantity,
        BigDecimal unitPrice,
        Optional<BigDecimal> discount,
        Optional<BigDecimal> tax,
        Map<FeeKind, BigDecimal> fees,
        Optional<BigDecimal> refund,
        boolean refundedFlag,
        Optional<Instant> refundDate,
        Optional<BigDecimal> total,
        Optional<OrderStatus> status,
        Map<String, String> values) {

    public ParsedRow {
        fees = Map.copyOf(fees);
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
