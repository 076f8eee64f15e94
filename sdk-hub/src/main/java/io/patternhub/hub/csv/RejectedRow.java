package io.patternhub.hub.csv;

import java.util.Objects;
import java.util.Optional;

/**
 * A row of the file that did not become (part of) an order, and why.
 *
 * @param line    the 1-based line of the file where the row starts (the header is usually line 1;
 *                a quoted value spanning lines moves later rows down)
 * @param orderId the row's order id, when it could be read
 * @param column  the column at fault, when one is
 * @param reason  what is wrong and what to do
 */
public record RejectedRow(long line, Optional<String> orderId, Optional<String> column, String reason) {
    public RejectedRow {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(reason, "reason");
    }

    /** For example {@code line 7 (order 1002), column "Price": '12,5x' is not an amount}. */
    @Override
    public String toString() {
        return "line " + line + orderId.map(o -> " (order " + o + ")").orElse("")
                + column.map(c -> ", column \"" + c + "\"").orElse("") + ": " + reason;
    }
}
