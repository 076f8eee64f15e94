package io.patternhub.ravelry.internal;

import static io.patternhub.ravelry.internal.RavelryJson.id;
import static io.patternhub.ravelry.internal.RavelryJson.malformed;
import static io.patternhub.ravelry.internal.RavelryJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.ImmutableOrder;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a Ravelry sale {@code Invoice} from {@code purchases.json} into a normalized {@link Order}.
 *
 * <ul>
 *   <li>The order id is the invoice {@code id} (falling back to {@code invoice_number}); the order number
 *       is {@code invoice_number}; the creation time is {@code invoice_date}.</li>
 *   <li>Each invoice line with a {@code product_id} is one line item of quantity 1 at its {@code amount},
 *       with {@code promotional_discount_applied} as its discount; lines with a negative amount are
 *       promotions and count towards {@code discountsTotal} only.</li>
 *   <li>The total is the sum of all line amounts (promotions are negative), else the payments' gross.</li>
 *   <li><b>No fees and no taxes</b>: Ravelry's sale data has no fee or tax fields, so the order carries
 *       none (the capabilities say so); {@code amount_due} is kept in the raw payload only.</li>
 *   <li>No refunds either: the status is {@code PAID} when {@code paid} is true, else {@code PENDING}.</li>
 *   <li>The buyer is the PayPal payer ({@code bill_to_email}, {@code bill_to_name}) with the Ravelry user
 *       id when the buyer was logged in, and the tax {@code country}.</li>
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class InvoiceNormalizer {

    /**
     * Normalizes one invoice.
     *
     * @param invoice the Invoice (sale) JSON
     * @param skuOf   the SKU of a product id, when known
     * @param titleOf the title of a product id, when known
     * @return the order
     */
    public Order toOrder(JsonNode invoice, Function<String, Optional<String>> skuOf,
            Function<String, Optional<String>> titleOf) {
        String invoiceId = id(invoice, "id").or(() -> id(invoice, "invoice_number"))
                .orElseThrow(() -> malformed("invoice without id or invoice_number"));
        Currency currency = Money.currency(text(invoice, "currency")
                .orElseThrow(() -> malformed("invoice " + invoiceId + " without currency")));
        Instant created = RavelryJson.instant(invoice, "invoice_date")
                .orElseThrow(() -> malformed("invoice " + invoiceId + " without invoice_date"));
        Money zero = Money.zero(currency);
        Money lines = zero;
        Money promotions = zero;
        Money lineDiscounts = zero;
        ImmutableOrder.Builder order = Order.builder()
                .platform(Platform.RAVELRY)
                .externalId(invoiceId)
                .orderNumber(id(invoice, "invoice_number"))
                .createdAt(created)
                .currency(currency)
                .raw(invoice);
        int n = 0;
        for (JsonNode line : invoice.path("invoice_line_items")) {
            n++;
            Money amount = RavelryJson.money(line.path("amount"), currency).orElse(zero);
            Optional<String> productId = id(line, "product_id");
            if (amount.isNegative() || productId.isEmpty()) {
                promotions = promotions.plus(amount.abs());
                continue;
            }
            Optional<Money> discount = RavelryJson.money(line.path("promotional_discount_applied"), currency)
                    .map(Money::abs).filter(Money::isPositive);
            lines = lines.plus(amount);
            lineDiscounts = lineDiscounts.plus(discount.orElse(zero));
            order.addLineItems(LineItem.builder()
                    .externalId(id(line, "id").orElse(invoiceId + ":" + n))
                    .listingExternalId(productId)
                    .sku(productId.flatMap(skuOf))
                    .title(text(line, "title").or(() -> productId.flatMap(titleOf))
                            .orElse("Ravelry product " + productId.get()))
                    .quantity(1)
                    .unitPrice(amount)
                    .discount(discount)
                    .raw(line)
                    .build());
        }
        Money total = n > 0 ? lines.minus(promotions) : paymentsGross(invoice, currency).orElse(zero);
        if (total.isNegative()) {
            throw malformed("invoice " + invoiceId + " totals " + total);
        }
        // Promotions are spread over the lines as promotional_discount_applied: the subtotal is after them.
        Money subtotal = lineDiscounts.isZero() ? lines : lines.minus(lineDiscounts);
        order.subtotal(n > 0 ? subtotal : total)
                .total(total)
                .discountsTotal(promotions.isZero() ? lineDiscounts : promotions);
        buyer(invoice).ifPresent(order::buyer);
        order.status(invoice.path("paid").asBoolean(false) ? OrderStatus.PAID : OrderStatus.PENDING);
        return order.build();
    }

    private static Optional<Money> paymentsGross(JsonNode invoice, Currency currency) {
        BigDecimal sum = null;
        for (JsonNode p : invoice.path("payments")) {
            Optional<BigDecimal> gross = RavelryJson.decimal(p.path("gross"));
            if (gross.isPresent()) {
                sum = sum == null ? gross.get() : sum.add(gross.get());
            }
        }
        return Optional.ofNullable(sum).map(s -> Money.of(s, currency));
    }

    private static Optional<CustomerRef> buyer(JsonNode invoice) {
        Optional<String> userId = id(invoice, "ravelry_user_id");
        Optional<String> email = text(invoice, "bill_to_email");
        Optional<String> name = text(invoice, "bill_to_name").or(() -> text(invoice, "ravelry_username"));
        if (userId.isEmpty() && email.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> country = text(invoice, "country").or(() -> text(invoice, "country_from_paypal"))
                .map(c -> c.toUpperCase(Locale.ROOT)).filter(c -> c.matches("[A-Z]{2}"));
        return Optional.of(CustomerRef.builder()
                .platform(Platform.RAVELRY)
                .externalId(userId)
                .email(email)
                .name(name)
                .country(country)
                .build());
    }
}
