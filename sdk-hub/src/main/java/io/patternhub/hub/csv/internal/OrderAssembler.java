package io.patternhub.hub.csv.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.Platform;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.CustomerRef;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.ImmutableOrder;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Refund;
import io.patternhub.core.model.TaxLine;
import io.patternhub.hub.csv.CsvMapping;
import io.patternhub.hub.csv.RejectedRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds one {@link Order} from the good rows sharing an order id, or explains why it cannot. External
 * ids are derived from the channel and the file's own ids only, so importing the same file again gives
 * the same orders.
 */
public final class OrderAssembler {
    private final CsvMapping mapping;
    private final ObjectMapper json = PatternHubJson.newMapper();

    public OrderAssembler(CsvMapping mapping) {
        this.mapping = mapping;
    }

    /** An order, or the reason it could not be built. */
    public record Result(Order order, RejectedRow problem) {
    }

    /**
     * Builds the order of one group.
     *
     * @param rows the rows of one order id, in file order, at least one
     * @return the order, or the problem (with the line at fault)
     */
    public Result assemble(List<ParsedRow> rows) {
        ParsedRow first = rows.get(0);
        Currency currency = first.currency();
        Optional<OrderStatus> status = Optional.empty();
        for (ParsedRow row : rows) {
            if (!row.currency().equals(currency)) {
                return problem(row, mapping.currencyColumn().orElse("currency"), "the order's rows are in "
                        + currency.getCurrencyCode() + " and " + row.currency().getCurrencyCode()
                        + "; one order has one currency");
            }
            if (row.status().isPresent()) {
                if (status.isPresent() && status.get() != row.status().get()) {
                    return problem(row, mapping.statusColumn().orElseThrow(), "the order's rows disagree on the status ("
                            + status.get() + " and " + row.status().get() + ")");
                }
                status = row.status();
            }
        }
        Amount tax = orderAmount(rows, ParsedRow::tax, mapping.taxColumn());
        Amount refund = orderAmount(rows, ParsedRow::refund, mapping.refundColumn());
        Amount total = orderAmount(rows, ParsedRow::total, mapping.totalColumn());
        Map<FeeKind, Amount> fees = new EnumMap<>(FeeKind.class);
        for (Map.Entry<FeeKind, String> e : mapping.feeColumns().entrySet()) {
            fees.put(e.getKey(), orderAmount(rows, r -> Optional.ofNullable(r.fees().get(e.getKey())),
                    Optional.of(e.getValue())));
        }
        for (Amount a : allOf(tax, refund, total, fees.values())) {
            if (a.conflict != null) {
                return new Result(null, a.conflict);
            }
        }
        String orderId = first.orderId();
        String externalId = mapping.channel() + ":" + orderId;
        Instant createdAt = rows.stream().map(ParsedRow::date).min(Comparator.naturalOrder()).orElseThrow();
        Optional<String> country = firstPresent(rows, ParsedRow::buyerCountry);

        List<LineItem> lines = new ArrayList<>();
        Money discounts = Money.zero(currency);
        for (int i = 0; i < rows.size(); i++) {
            ParsedRow row = rows.get(i);
            Optional<Money> discount = row.discount().filter(d -> d.signum() > 0).map(d -> Money.of(d, currency));
            io.patternhub.core.model.ImmutableLineItem.Builder line;
            try {
                line = LineItem.builder()
                        .externalId(row.lineId().orElse(externalId + ":" + (i + 1)))
                        .sku(row.sku())
                        .listingExternalId(row.listingId())
                        .title(row.title())
                        .quantity(row.quantity())
                        .unitPrice(Money.of(row.unitPrice(), currency))
                        .discount(discount);
                LineItem built = line.build();
                if (built.total().isNegative()) {
                    return problem(row, mapping.discountColumn().orElse("discount"), "the discount "
                            + discount.orElseThrow() + " is more than the line's price " + built.unitPrice().times(built.quantity()));
                }
                lines.add(built);
            } catch (PatternHubException e) {
                return problem(row, null, e.getMessage());
            }
            discounts = discount.map(discounts::plus).orElse(discounts);
        }
        Money subtotal = lines.stream().map(LineItem::total).reduce(Money.zero(currency), Money::plus);
        Money taxAmount = Money.of(tax.value.orElse(BigDecimal.ZERO), currency);
        Money paid = total.value.map(t -> Money.of(t, currency))
                .orElseGet(() -> mapping.pricesIncludeTax() ? subtotal : subtotal.plus(taxAmount));
        Money refunded = Money.of(refund.value.orElse(BigDecimal.ZERO), currency);
        boolean refundedFlag = rows.stream().anyMatch(ParsedRow::refundedFlag);
        if (refunded.isZero() && (refundedFlag || status.orElse(null) == OrderStatus.REFUNDED)) {
            refunded = paid;
        }
        if (refunded.isGreaterThan(paid)) {
            return problem(refund.line.orElse(first), mapping.refundColumn().orElse("refund"), "the refund "
                    + refunded + " is more than the order's total " + paid);
        }
        OrderStatus finalStatus = status.orElse(OrderStatus.PAID);
        if (finalStatus == OrderStatus.PAID && refunded.isPositive()) {
            finalStatus = refunded.equals(paid) ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        }
        if (finalStatus == OrderStatus.PARTIALLY_REFUNDED && refunded.isZero()) {
            return problem(first, mapping.statusColumn().orElse("status"),
                    "the status says partially refunded but no refund amount is given");
        }

        ImmutableOrder.Builder order = Order.builder()
                .platform(Platform.CSV)
                .externalId(externalId)
                .orderNumber(first.orderNumber().orElse(orderId))
                .createdAt(createdAt)
                .currency(currency)
                .lineItems(lines)
                .discountsTotal(discounts)
                .subtotal(subtotal)
                .total(paid)
                .status(finalStatus)
                .raw(raw(rows));
        if (taxAmount.isPositive()) {
            io.patternhub.core.model.ImmutableTaxLine.Builder taxLine = TaxLine.builder().amount(taxAmount).collectedBy(mapping.taxCollectedBy());
            country.ifPresent(taxLine::country);
            order.addTaxes(taxLine.build());
        }
        fees.forEach((kind, amount) -> amount.value.filter(v -> v.signum() != 0).ifPresent(v ->
                order.addFees(Fee.builder().kind(kind).amount(Money.of(v, currency)).build())));
        if (refunded.isPositive()) {
            Instant refundedAt = firstPresent(rows, ParsedRow::refundDate).orElse(createdAt);
            order.addRefunds(Refund.builder().externalId(externalId + ":refund").amount(refunded)
                    .createdAt(refundedAt).build());
        }
        buyer(rows).ifPresent(order::buyer);
        try {
            return new Result(order.build(), null);
        } catch (PatternHubException e) {
            return problem(first, null, e.getMessage());
        }
    }

    private Optional<CustomerRef> buyer(List<ParsedRow> rows) {
        Optional<String> id = firstPresent(rows, ParsedRow::buyerId);
        Optional<String> email = firstPresent(rows, ParsedRow::buyerEmail);
        if (id.isEmpty() && email.isEmpty()) {
            // A customer reference needs an id or an email; name and country stay in the raw rows and tax line.
            return Optional.empty();
        }
        return Optional.of(CustomerRef.builder().platform(Platform.CSV).externalId(id).email(email)
                .name(firstPresent(rows, ParsedRow::buyerName))
                .country(firstPresent(rows, ParsedRow::buyerCountry)).build());
    }

    private ObjectNode raw(List<ParsedRow> rows) {
        ObjectNode raw = json.createObjectNode();
        raw.put("channel", mapping.channel());
        raw.put("mapping", mapping.name());
        ArrayNode out = raw.putArray("rows");
        for (ParsedRow row : rows) {
            ObjectNode r = out.addObject();
            r.put("line", row.line());
            ObjectNode values = r.putObject("values");
            row.values().forEach(values::put);
        }
        return raw;
    }

    /** An order-level amount over the rows, the row it was read from, or the conflict between rows. */
    private static final class Amount {
        Optional<BigDecimal> value = Optional.empty();
        Optional<ParsedRow> line = Optional.empty();
        RejectedRow conflict;
    }

    private Amount orderAmount(List<ParsedRow> rows, Function<ParsedRow, Optional<BigDecimal>> get,
                               Optional<String> column) {
        Amount amount = new Amount();
        for (ParsedRow row : rows) {
            Optional<BigDecimal> v = get.apply(row);
            if (v.isEmpty()) {
                continue;
            }
            if (amount.value.isEmpty()) {
                amount.value = v;
                amount.line = Optional.of(row);
            } else if (mapping.orderAmounts() == CsvMapping.OrderAmounts.PER_ROW) {
                amount.value = Optional.of(amount.value.get().add(v.get()));
            } else if (amount.value.get().compareTo(v.get()) != 0) {
                amount.conflict = problem(row, column.orElse(null), "the order's rows repeat this order-level amount"
                        + " with different values (" + amount.value.get().toPlainString() + " and "
                        + v.get().toPlainString() + ")").problem();
                return amount;
            }
        }
        return amount;
    }

    private static List<Amount> allOf(Amount a, Amount b, Amount c, java.util.Collection<Amount> more) {
        List<Amount> all = new ArrayList<>(List.of(a, b, c));
        all.addAll(more);
        return all;
    }

    private static <T> Optional<T> firstPresent(List<ParsedRow> rows, Function<ParsedRow, Optional<T>> get) {
        return rows.stream().map(get).flatMap(Optional::stream).findFirst();
    }

    private static Result problem(ParsedRow row, String column, String reason) {
        return new Result(null, new RejectedRow(row.line(), Optional.of(row.orderId()), Optional.ofNullable(column), reason));
    }
}
