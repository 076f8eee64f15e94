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
 *   <li>Fees are each payment's {@code amount_fees}, and each fee given back on a refund (its payment
 *       adjustment) a negative fee naming that refund; without adjustments, {@code adjusted_fees}.</li>
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
            order.addAllFees(fees(payment, refunds));
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

    /**
     * A payment's processing fee as charged, and each fee Etsy gave back on a refund
     * ({@code payment_adjustments[].total_fee_adjustment_amount}, in minor units) as a negative fee naming
     * that refund, matched by time and amount. Without itemized adjustments: the fee after refunds.
     */
    private static List<Fee> fees(JsonNode payment, List<Refund> refunds) {
        String of = id(payment, "payment_id").map(p -> " (payment " + p + ")").orElse("");
        Optional<Money> charged = money(payment.path("amount_fees"));
        List<Fee> credits = new ArrayList<>();
        Set<String> matched = new HashSet<>();
        for (JsonNode adjustment : payment.path("payment_adjustments")) {
            long feeBack = Math.abs(adjustment.path("total_fee_adjustment_amount").asLong(0));
            if (feeBack == 0 || charged.isEmpty()) {
                continue;
            }
            Money credit = Money.ofMinor(-feeBack, charged.get().currency());
            Optional<String> refundId = refundOf(adjustment, refunds, matched);
            credits.add(Fee.builder().kind(FeeKind.PAYMENT_PROCESSING).amount(credit).refundId(refundId)
                    .description("Etsy Payments processing fee given back on a refund" + of).raw(adjustment).build());
        }
        Optional<Money> fee = credits.isEmpty()
                ? money(payment.path("adjusted_fees")).or(() -> charged) : charged;
        List<Fee> out = new ArrayList<>(1 + credits.size());
        fee.filter(f -> !f.isZero()).ifPresent(f -> out.add(Fee.builder()
                .kind(FeeKind.PAYMENT_PROCESSING)
                .amount(f)
                .description("Etsy Payments processing fee" + of)
                .raw(payment)
                .build()));
        out.addAll(credits);
        return out;
    }

    /** The refund a payment adjustment is: same time and amount, not matched before. */
    private static Optional<String> refundOf(JsonNode adjustment, List<Refund> refunds, Set<String> matched) {
        Optional<Instant> at = epochSeconds(adjustment, "created_timestamp", "create_timestamp");
        long amount = Math.abs(adjustment.path("total_adjustment_amount").asLong(0));
        for (Refund r : refunds) {
            if (at.isPresent() && r.createdAt().equals(at.get()) && r.amount().toMinorUnits() == amount
                    && matched.add(r.externalId())) {
                return Optional.of(r.externalId());
            }
        }
        return Optional.empty(); // unmatched: booked with the sale, so nothing is lost
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
