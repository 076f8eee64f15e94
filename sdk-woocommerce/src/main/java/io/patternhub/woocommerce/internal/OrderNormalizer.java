package io.patternhub.woocommerce.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.ImmutableOrder;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Refund;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.model.TaxLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a WooCommerce order (and, when it has refunds, its refund objects) into a normalized {@link Order}.
 *
 * <ul>
 *   <li>Line items keep {@code subtotal} (before discounts) as unit price times quantity and the
 *       difference to {@code total} as the line discount.</li>
 *   <li>{@code tax_lines} are taxes the seller collected ({@link TaxCollector#SELLER}): WooCommerce is
 *       the seller's own shop. The country and region come from the rate code ({@code US-CA-...}).</li>
 *   <li>{@code fee_lines} are charges on the buyer's order (gift wrap, a payment surcharge), not
 *       platform fees: a positive fee is a line item titled {@code "Fee: <name>"}, a negative fee adds
 *       to {@link Order#discountsTotal()}. WooCommerce reports no platform or gateway fees.</li>
 *   <li>Refunds come from the refund objects ({@code GET /orders/{id}/refunds}: id, amount, date,
 *       reason); without them, from the order's {@code refunds[]} summary dated at the order's
 *       modification.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class OrderNormalizer {

    /**
     * Normalizes one order.
     *
     * @param order   the order JSON
     * @param refunds the refund objects, or empty to use the order's summary
     * @return the order
     */
    public Order toOrder(JsonNode order, List<JsonNode> refunds) {
        String id = WooJson.id(order, "id").orElseThrow(() -> WooJson.malformed("order without id"));
        Currency currency;
        try {
            currency = Money.currency(order.path("currency").asText(""));
        } catch (RuntimeException e) {
            throw WooJson.malformed("order " + id + " has currency '" + order.path("currency").asText("") + "'");
        }
        Instant created = WooJson.gmt(order, "date_created_gmt", "date_created")
                .orElseThrow(() -> WooJson.malformed("order " + id + " without date_created_gmt"));
        Optional<Instant> modified = WooJson.gmt(order, "date_modified_gmt", "date_modified");
        Money total = WooJson.moneyOrZero(order.path("total"), currency);
        ImmutableOrder.Builder b = Order.builder()
                .platform(Platform.WOOCOMMERCE)
                .externalId(id)
                .orderNumber(WooJson.text(order, "number").filter(n -> !n.equals(id)))
                .createdAt(created)
                .updatedAt(modified)
                .currency(currency)
                .total(total)
                .raw(order);
        buyer(order).ifPresent(b::buyer);
        Money subtotal = Money.zero(currency);
        Money discounts = WooJson.moneyOrZero(order.path("discount_total"), currency);
        for (JsonNode line : order.path("line_items")) {
            LineItem item = lineItem(id, line, currency);
            b.addLineItems(item);
            subtotal = subtotal.plus(item.total());
        }
        for (JsonNode fee : order.path("fee_lines")) {
            Money amount = WooJson.moneyOrZero(fee.path("total"), currency);
            if (amount.isNegative()) {
                discounts = discounts.plus(amount.abs());
            } else if (amount.isPositive()) {
                b.addLineItems(LineItem.builder()
                        .externalId(WooJson.id(fee, "id"))
                        .title("Fee: " + fee.path("name").asText(""))
                        .quantity(1)
                        .unitPrice(amount)
                        .raw(fee)
                        .build());
                subtotal = subtotal.plus(amount);
            }
        }
        b.subtotal(subtotal).discountsTotal(discounts);
        for (JsonNode tax : order.path("tax_lines")) {
            taxLine(tax, currency).ifPresent(b::addTaxes);
        }
        List<Refund> normalizedRefunds = refunds.isEmpty() ? refundSummary(order, currency, modified.orElse(created))
                : refundObjects(id, refunds, currency);
        b.addAllRefunds(normalizedRefunds);
        b.status(status(order.path("status").asText(""), total, normalizedRefunds));
        return b.build();
    }

    private static Optional<CustomerRef> buyer(JsonNode order) {
        Optional<String> customerId = WooJson.id(order, "customer_id");
        JsonNode billing = order.path("billing");
        Optional<String> email = WooJson.text(billing, "email");
        if (customerId.isEmpty() && email.isEmpty()) {
            return Optional.empty();
        }
        String name = (billing.path("first_name").asText("") + " " + billing.path("last_name").asText("")).trim();
        return Optional.of(CustomerRef.builder()
                .platform(Platform.WOOCOMMERCE)
                .externalId(customerId)
                .email(email)
                .name(Optional.of(name).filter(n -> !n.isEmpty()))
                .country(WooJson.text(billing, "country").map(c -> c.toUpperCase(Locale.ROOT))
                        .filter(c -> c.matches("[A-Z]{2}")))
                .build());
    }

    private static LineItem lineItem(String orderId, JsonNode line, Currency currency) {
        int quantity = line.path("quantity").asInt(0);
        if (quantity < 1) {
            throw WooJson.malformed("line item of order " + orderId + " has quantity " + quantity);
        }
        Money subtotal = WooJson.moneyOrZero(line.path("subtotal"), currency);
        Money total = WooJson.money(line.path("total"), currency).orElse(subtotal);
        Money unit = Money.of(subtotal.amount().divide(BigDecimal.valueOf(quantity), 6, RoundingMode.HALF_UP)
                .stripTrailingZeros(), currency);
        io.patternhub.core.model.ImmutableLineItem.Builder item = LineItem.builder()
                .externalId(WooJson.id(line, "id"))
                .sku(WooJson.text(line, "sku"))
                .listingExternalId(WooJson.id(line, "product_id"))
                .title(line.path("name").asText("WooCommerce product"))
                .quantity(quantity)
                .unitPrice(unit)
                .raw(line);
        Money discount = subtotal.minus(total);
        if (discount.isPositive()) {
            item.discount(discount);
        }
        return item.build();
    }

    private static Optional<TaxLine> taxLine(JsonNode tax, Currency currency) {
        Money amount = WooJson.moneyOrZero(tax.path("tax_total"), currency)
                .plus(WooJson.moneyOrZero(tax.path("shipping_tax_total"), currency));
        if (amount.isZero()) {
            return Optional.empty();
        }
        String[] code = tax.path("rate_code").asText("").split("-");
        io.patternhub.core.model.ImmutableTaxLine.Builder t = TaxLine.builder()
                .amount(amount)
                .collectedBy(TaxCollector.SELLER)
                .title(WooJson.text(tax, "label"))
                .raw(tax);
        if (code.length > 0 && code[0].matches("[A-Z]{2}")) {
            t.country(code[0]);
        }
        if (code.length > 1 && code[1].matches("[A-Z0-9]{1,3}")) {
            t.region(code[1]);
        }
        if (tax.path("rate_percent").isNumber()) {
            t.rate(tax.path("rate_percent").decimalValue().divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP)
                    .stripTrailingZeros());
        }
        return Optional.of(t.build());
    }

    private static List<Refund> refundObjects(String orderId, List<JsonNode> refunds, Currency currency) {
        List<Refund> out = new ArrayList<>();
        for (JsonNode r : refunds) {
            Money amount = WooJson.moneyOrZero(r.path("amount"), currency).abs();
            if (!amount.isPositive()) {
                continue;
            }
            out.add(Refund.builder()
                    .externalId(WooJson.id(r, "id").orElseThrow(() -> WooJson.malformed("refund of order " + orderId
                            + " without id")))
                    .amount(amount)
                    .createdAt(WooJson.gmt(r, "date_created_gmt", "date_created").orElseThrow(
                            () -> WooJson.malformed("refund of order " + orderId + " without date_created_gmt")))
                    .reason(WooJson.text(r, "reason"))
                    .raw(r)
                    .build());
        }
        return out;
    }

    private static List<Refund> refundSummary(JsonNode order, Currency currency, Instant at) {
        List<Refund> out = new ArrayList<>();
        for (JsonNode r : order.path("refunds")) {
            Money amount = WooJson.moneyOrZero(r.path("total"), currency).abs();
            if (amount.isPositive()) {
                out.add(Refund.builder().externalId(WooJson.id(r, "id").orElse("refund-" + out.size()))
                        .amount(amount).createdAt(at).reason(WooJson.text(r, "reason")).raw(r).build());
            }
        }
        return out;
    }

    private static final Map<String, OrderStatus> STATUSES = Map.of(
            "pending", OrderStatus.PENDING, "on-hold", OrderStatus.PENDING, "failed", OrderStatus.PENDING,
            "checkout-draft", OrderStatus.PENDING,
            "processing", OrderStatus.PAID, "completed", OrderStatus.PAID,
            "refunded", OrderStatus.REFUNDED, "cancelled", OrderStatus.CANCELLED, "trash", OrderStatus.CANCELLED);

    /**
     * The normalized status: refunds decide partial or full refund, else WooCommerce's status.
     * {@code on-hold} (awaiting a bank transfer) and {@code failed} count as not paid.
     */
    private static OrderStatus status(String status, Money total, List<Refund> refunds) {
        OrderStatus base = STATUSES.get(status.toLowerCase(Locale.ROOT));
        if (base == null) {
            // A plugin's custom status: treat as paid only if WooCommerce recorded a payment elsewhere.
            base = OrderStatus.PENDING;
        }
        if (base == OrderStatus.CANCELLED) {
            return base;
        }
        Money refunded = refunds.stream().map(Refund::amount).reduce(Money.zero(total.currency()), Money::plus);
        if (refunded.isPositive()) {
            return refunded.compareTo(total) >= 0 ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        }
        return base;
    }
}
