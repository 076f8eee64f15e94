package io.patternhub.shopify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Refund;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.model.TaxLine;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A Shopify {@code Order} (fields of {@code OrderFields}) plus its line items as a normalized
 * {@link Order}: taxes are the seller's (Shopify does not remit them) unless Shopify marks a tax line
 * {@code channelLiable}; fees are the Shopify Payments processing fees on the order's transactions.
 */
public final class OrderNormalizer {

    /**
     * @param order     the order JSON (without line items, or with them; they are replaced)
     * @param lineItems every line item of the order
     * @return the order; its raw payload is the order JSON with all line items under {@code lineItems.nodes}
     * @throws ApiException if the JSON is not a Shopify order (no {@code createdAt}, a date, amount, rate
     *         or currency code that does not parse)
     */
    public Order toOrder(JsonNode order, List<JsonNode> lineItems) {
        try {
            return normalize(order, lineItems);
        } catch (DateTimeException | IllegalArgumentException | IllegalStateException | NoSuchElementException e) {
            // a parse failure deep in the payload is still a bad payload, not an SDK crash (found by fuzzing)
            throw new ApiException("Shopify sent an order that does not match its API description: " + e.getMessage()
                    + ". This is a Shopify or SDK defect; report it.",
                    ErrorContext.builder().platform(Platform.SHOPIFY).build(), e);
        }
    }

    private Order normalize(JsonNode order, List<JsonNode> lineItems) {
        Currency currency = Money.currency(order.path("totalPriceSet").path("shopMoney").path("currencyCode")
                .asText(order.path("currencyCode").asText()));
        var b = Order.builder()
                .platform(Platform.SHOPIFY)
                .externalId(order.path("id").asText())
                .createdAt(ShopifyJson.instant(order, "createdAt").orElseThrow(() ->
                        new IllegalArgumentException("order " + order.path("id").asText() + " has no createdAt")))
                .currency(currency)
                .subtotal(ShopifyJson.shopMoney(order.path("subtotalPriceSet"), currency))
                .total(ShopifyJson.shopMoney(order.path("totalPriceSet"), currency))
                .discountsTotal(ShopifyJson.shopMoney(order.path("totalDiscountsSet"), currency))
                .status(status(order));
        ShopifyJson.text(order, "name").ifPresent(b::orderNumber);
        ShopifyJson.instant(order, "updatedAt").ifPresent(b::updatedAt);
        buyer(order).ifPresent(b::buyer);
        for (JsonNode line : lineItems) {
            b.addLineItems(lineItem(line, currency));
        }
        for (JsonNode tax : order.path("taxLines")) {
            b.addTaxes(taxLine(tax, currency));
        }
        for (JsonNode refund : order.path("refunds")) {
            Money amount = ShopifyJson.shopMoney(refund.path("totalRefundedSet"), currency);
            if (amount.isPositive()) {
                var r = Refund.builder().externalId(refund.path("id").asText()).amount(amount)
                        .createdAt(ShopifyJson.instant(refund, "createdAt").orElseThrow()).raw(refund);
                ShopifyJson.text(refund, "note").ifPresent(r::reason);
                b.addRefunds(r.build());
            }
        }
        for (JsonNode transaction : order.path("transactions")) {
            if (!"SUCCESS".equals(transaction.path("status").asText("SUCCESS"))) {
                continue;
            }
            for (JsonNode fee : transaction.path("fees")) {
                b.addFees(fee(fee, currency));
            }
        }
        return b.raw(withLineItems(order, lineItems)).build();
    }

    private static JsonNode withLineItems(JsonNode order, List<JsonNode> lineItems) {
        if (!(order instanceof ObjectNode)) {
            return order;
        }
        ObjectNode copy = ((ObjectNode) order).deepCopy();
        ArrayNode nodes = copy.putObject("lineItems").putArray("nodes");
        lineItems.forEach(nodes::add);
        return copy;
    }

    private static Optional<CustomerRef> buyer(JsonNode order) {
        JsonNode customer = order.path("customer");
        Optional<String> id = ShopifyJson.text(customer, "id");
        Optional<String> email = ShopifyJson.text(order, "email").or(() -> ShopifyJson.text(customer, "email"));
        if (id.isEmpty() && email.isEmpty()) {
            return Optional.empty();
        }
        var c = CustomerRef.builder().platform(Platform.SHOPIFY);
        id.ifPresent(c::externalId);
        email.ifPresent(c::email);
        ShopifyJson.text(customer, "displayName").ifPresent(c::name);
        return Optional.of(c.build());
    }

    private static LineItem lineItem(JsonNode line, Currency currency) {
        Money discount = ShopifyJson.shopMoney(line.path("totalDiscountSet"), currency);
        var l = LineItem.builder()
                .externalId(line.path("id").asText())
                .title(line.path("title").asText(line.path("name").asText("")))
                .quantity(line.path("quantity").asInt())
                .unitPrice(ShopifyJson.shopMoney(line.path("originalUnitPriceSet"), currency))
                .raw(line);
        ShopifyJson.text(line, "sku").ifPresent(l::sku);
        ShopifyJson.text(line.path("product"), "id").ifPresent(l::listingExternalId);
        if (discount.isPositive()) {
            l.discount(discount);
        }
        return l.build();
    }

    private static TaxLine taxLine(JsonNode tax, Currency currency) {
        var t = TaxLine.builder()
                .amount(ShopifyJson.shopMoney(tax.path("priceSet"), currency))
                .collectedBy(tax.path("channelLiable").asBoolean(false) ? TaxCollector.MARKETPLACE : TaxCollector.SELLER)
                .raw(tax);
        ShopifyJson.text(tax, "title").ifPresent(t::title);
        if (tax.hasNonNull("rate")) {
            t.rate(new BigDecimal(tax.get("rate").asText()));
        }
        return t.build();
    }

    private static Fee fee(JsonNode fee, Currency currency) {
        Money amount = ShopifyJson.money(fee.path("amount"), currency);
        var f = Fee.builder()
                .kind(feeKind(fee.path("type").asText("")))
                .amount(amount)
                .raw(fee);
        ShopifyJson.text(fee, "rateName").ifPresent(f::description);
        JsonNode tax = fee.path("taxAmount");
        if (tax.hasNonNull("amount")) {
            Money taxMoney = ShopifyJson.money(tax, amount.currency());
            if (!taxMoney.isZero() && taxMoney.currency().equals(amount.currency())) {
                f.tax(taxMoney);
            }
        }
        return f.build();
    }

    private static FeeKind feeKind(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.contains("processing") || t.contains("payment")) {
            return FeeKind.PAYMENT_PROCESSING;
        }
        if (t.contains("currency") || t.contains("conversion")) {
            return FeeKind.CURRENCY_CONVERSION;
        }
        return FeeKind.TRANSACTION;
    }

    /**
     * The normalized status from {@code cancelledAt} and {@code displayFinancialStatus}.
     *
     * @param order the order JSON
     * @return the status
     */
    static OrderStatus status(JsonNode order) {
        if (order.hasNonNull("cancelledAt")) {
            return OrderStatus.CANCELLED;
        }
        switch (order.path("displayFinancialStatus").asText("").toUpperCase(Locale.ROOT)) {
            case "PAID":
                return OrderStatus.PAID;
            case "PARTIALLY_REFUNDED":
                return OrderStatus.PARTIALLY_REFUNDED;
            case "REFUNDED":
                return OrderStatus.REFUNDED;
            case "VOIDED":
                return OrderStatus.CANCELLED;
            default:
                return OrderStatus.PENDING; // PENDING, AUTHORIZED, PARTIALLY_PAID, EXPIRED
        }
    }
}
