package io.patternhub.etsy.internal;

import static io.patternhub.etsy.internal.EtsyJson.epochSeconds;
import static io.patternhub.etsy.internal.EtsyJson.id;
import static io.patternhub.etsy.internal.EtsyJson.malformed;
import static io.patternhub.etsy.internal.EtsyJson.money;
import static io.patternhub.etsy.internal.EtsyJson.requiredMoney;
import static io.patternhub.etsy.internal.EtsyJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.ImmutableOrder;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Refund;
import io.patternhub.core.model.TaxCollector;
import io.patternhub.core.model.TaxLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an Etsy {@code ShopReceipt} (with its {@code transactions} and {@code refunds}) and the
 * receipt's {@code Payment}s into a normalized {@link Order}.
 *
 * <ul>
 *   <li>Money is read exactly from {@code amount/divisor}.</li>
 *   <li>{@code subtotal} is Etsy's {@code total_price} (lines before the coupon), {@code total} is
 *       {@code grandtotal}, {@code discountsTotal} is {@code discount_amt}.</li>
 *   <li>Sales tax ({@code total_tax_cost}) and VAT ({@code total_vat_cost}) are collected and remitted
 *       by Etsy, so they become {@link TaxCollector#MARKETPLACE} tax lines.</li>
 *   <li>Fees are each payment's {@code adjusted_fees} (after refunds) or else {@code amount_fees}.</li>
 *   <li>{@code buyer_email} is null unless Etsy approved the app; the buyer is then known by user id only.</li>
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class ReceiptNormalizer {

    /**
     * Normalizes one receipt.
     *
     * @param receipt  the ShopReceipt JSON
     * @param payments the receipt's Payment objects (may be empty when fees were not fetched)
     * @return the order
     */
    public Order toOrder(JsonNode receipt, List<JsonNode> payments) {
        String receiptId = id(receipt, "receipt_id").orElseThrow(() -> malformed("receipt without receipt_id"));
        Money total = requiredMoney(receipt, "grandtotal");
        Money subtotal = money(receipt.path("total_price")).orElse(total);
        Money discount = money(receipt.path("discount_amt")).orElse(Money.zero(total.currency()));
        Instant created = epochSeconds(receipt, "created_timestamp", "create_timestamp")
                .orElseThrow(() -> malformed("receipt " + receiptId + " without created_timestamp"));

        ImmutableOrder.Builder order = Order.builder()
                .platform(Platform.ETSY)
                .externalId(receiptId)
                .createdAt(created)
                .updatedAt(epochSeconds(receipt, "updated_timestamp", "update_timestamp"))
                .currency(total.currency())
                .subtotal(subtotal)
                .total(total)
                .discountsTotal(discount)
                .raw(receipt);
        buyer(receipt).ifPresent(order::buyer);
        for (JsonNode tx : receipt.path("transactions")) {
            order.addLineItems(lineItem(receiptId, tx));
        }
        taxes(receipt).forEach(order::addTaxes);
        List<Refund> refunds = refunds(receiptId, receipt);
        order.addAllRefunds(refunds);
        for (JsonNode payment : payments) {
            fee(payment).ifPresent(order::addFees);
        }
        order.status(status(receipt, total, refunds));
        return order.build();
    }

    private static Optional<CustomerRef> buyer(JsonNode receipt) {
        Optional<String> userId = id(receipt, "buyer_user_id");
        Optional<String> email = text(receipt, "buyer_email");
        if (userId.isEmpty() && email.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> country = text(receipt, "country_iso").map(c -> c.toUpperCase(Locale.ROOT))
                .filter(c -> c.matches("[A-Z]{2}"));
        return Optional.of(CustomerRef.builder()
                .platform(Platform.ETSY)
                .externalId(userId)
                .email(email)
                .name(text(receipt, "name"))
                .country(country)
                .build());
    }

    private static LineItem lineItem(String receiptId, JsonNode tx) {
        String txId = id(tx, "transaction_id").orElseThrow(
                () -> malformed("transaction of receipt " + receiptId + " without transaction_id"));
        long quantity = tx.path("quantity").asLong(0);
        if (quantity < 1 || quantity > Integer.MAX_VALUE) {
            // beyond an int was an ArithmeticException below (found by fuzzing)
            throw malformed("transaction " + txId + " has quantity " + quantity);
        }
        Optional<String> listingId = id(tx, "listing_id").filter(s -> !"0".equals(s));
        return LineItem.builder()
                .externalId(txId)
                .sku(text(tx, "sku"))
                .listingExternalId(listingId)
                .title(text(tx, "title").orElse("Etsy listing " + listingId.orElse(txId)))
                .quantity(Math.toIntExact(quantity))
                .unitPrice(requiredMoney(tx, "price"))
                .raw(tx)
                .build();
    }

    private static List<TaxLine> taxes(JsonNode receipt) {
        List<TaxLine> out = new ArrayList<>(2);
        Optional<String> country = text(receipt, "country_iso").map(c -> c.toUpperCase(Locale.ROOT));
        money(receipt.path("total_tax_cost")).filter(m -> !m.isZero()).ifPresent(m -> out.add(TaxLine.builder()
                .amount(m).collectedBy(TaxCollector.MARKETPLACE).title("Sales tax collected by Etsy")
                .country(country).region(text(receipt, "state")).build()));
        money(receipt.path("total_vat_cost")).filter(m -> !m.isZero()).ifPresent(m -> out.add(TaxLine.builder()
                .amount(m).collectedBy(TaxCollector.MARKETPLACE).title("VAT collected by Etsy")
                .country(country).build()));
        return out;
    }

    private static List<Refund> refunds(String receiptId, JsonNode receipt) {
        List<Refund> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode r : receipt.path("refunds")) {
            Optional<Money> amount = money(r.path("amount")).map(Money::abs).filter(Money::isPositive);
            if (amount.isEmpty()) {
                continue; // a zero refund moves no money
            }
            Instant at = epochSeconds(r, "created_timestamp").orElseThrow(
                    () -> malformed("refund of receipt " + receiptId + " without created_timestamp"));
            // ShopRefund has no id: derive a stable one from what identifies it.
            String base = receiptId + ":refund:" + at.getEpochSecond() + ":" + amount.get().amount().toPlainString();
            String refundId = base;
            for (int n = 2; !ids.add(refundId); n++) {
                refundId = base + "#" + n;
            }
            out.add(Refund.builder()
                    .externalId(refundId)
                    .amount(amount.get())
                    .createdAt(at)
                    .reason(text(r, "reason").or(() -> text(r, "note_from_issuer")))
                    .raw(r)
                    .build());
        }
        return out;
    }

    private static Optional<Fee> fee(JsonNode payment) {
        Optional<Money> fees = money(payment.path("adjusted_fees")).or(() -> money(payment.path("amount_fees")));
        return fees.filter(f -> !f.isZero()).map(f -> Fee.builder()
                .kind(FeeKind.PAYMENT_PROCESSING)
                .amount(f)
                .description("Etsy Payments processing fee" + id(payment, "payment_id").map(p -> " (payment " + p + ")")
                        .orElse(""))
                .raw(payment)
                .build());
    }

    private static OrderStatus status(JsonNode receipt, Money total, List<Refund> refunds) {
        String status = receipt.path("status").asText("").toLowerCase(Locale.ROOT);
        Money refunded = refunds.stream().map(Refund::amount).reduce(Money.zero(total.currency()), Money::plus);
        switch (status) {
            case "canceled":
                return OrderStatus.CANCELLED;
            case "fully refunded":
                return OrderStatus.REFUNDED;
            case "partially refunded":
                return OrderStatus.PARTIALLY_REFUNDED;
            default:
                break;
        }
        // Etsy does not always move the status when a refund is issued: the refund list is the truth.
        if (refunded.isPositive()) {
            return refunded.compareTo(total) >= 0 ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        }
        if ("open".equals(status) || "payment processing".equals(status)
                || (!receipt.path("is_paid").asBoolean(true) && !"completed".equals(status))) {
            return OrderStatus.PENDING;
        }
        return OrderStatus.PAID;
    }
}
