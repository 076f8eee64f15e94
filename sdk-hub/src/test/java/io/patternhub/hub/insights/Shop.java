package io.patternhub.hub.insights;

import io.patternhub.core.Platform;
import io.patternhub.core.model.Craft;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.Refund;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Hand-built orders and patterns for tests whose expected numbers are worked out by hand. */
final class Shop {
    private final List<Order> orders = new ArrayList<>();
    private int sequence;

    static Pattern pattern(String sku, String title, Craft craft, String... tags) {
        return Pattern.builder().sku(sku).title(title).craft(craft).tags(List.of(tags)).build();
    }

    /** One paid order of one unit, created at noon UTC. */
    Shop sell(Platform platform, LocalDate day, String sku, String price, String currency, String... fees) {
        return add(platform, day, sku, price, currency, OrderStatus.PAID, null, fees);
    }

    Shop add(Platform platform, LocalDate day, String sku, String price, String currency, OrderStatus status,
             String refund, String... fees) {
        Money amount = Money.of(price, currency);
        var builder = Order.builder()
                .platform(platform)
                .externalId("T-" + (++sequence))
                .createdAt(day.atTime(12, 0).toInstant(ZoneOffset.UTC))
                .addLineItem(LineItem.builder().sku(sku).title(sku).quantity(1).unitPrice(amount).build())
                .currency(amount.currency())
                .subtotal(amount)
                .total(amount)
                .status(status);
        for (String fee : fees) {
            builder.addFee(Fee.builder().kind(FeeKind.TRANSACTION).amount(Money.of(fee, currency)).build());
        }
        if (refund != null) {
            builder.addRefund(Refund.builder().externalId("R-" + sequence).amount(Money.of(refund, currency))
                    .createdAt(day.atTime(13, 0).toInstant(ZoneOffset.UTC)).build());
        }
        orders.add(builder.build());
        return this;
    }

    /** {@code perDay} paid orders of a SKU on every day from {@code from} to {@code to}, inclusive. */
    Shop daily(Platform platform, LocalDate from, LocalDate to, String sku, int perDay, String price) {
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (int i = 0; i < perDay; i++) {
                sell(platform, d, sku, price, "EUR");
            }
        }
        return this;
    }

    List<Order> orders() {
        return orders;
    }
}
