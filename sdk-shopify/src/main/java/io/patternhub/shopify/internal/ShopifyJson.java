package io.patternhub.shopify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.model.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

/** Small readers for Shopify's JSON: money bags, optional text, timestamps. */
final class ShopifyJson {
    private ShopifyJson() {
    }

    /** Text of a field, absent when missing, null or blank. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    static Optional<Instant> instant(JsonNode node, String field) {
        return text(node, field).map(Instant::parse);
    }

    /** A {@code MoneyBag}'s shop money ({@code xSet{shopMoney{amount currencyCode}}}), or zero. */
    static Money shopMoney(JsonNode bag, Currency fallback) {
        return money(bag.path("shopMoney"), fallback);
    }

    /** A {@code MoneyV2} ({@code {amount, currencyCode}}); amounts are decimal strings. */
    static Money money(JsonNode moneyV2, Currency fallback) {
        Currency currency = moneyV2.hasNonNull("currencyCode") ? Money.currency(moneyV2.get("currencyCode").asText())
                : fallback;
        if (!moneyV2.hasNonNull("amount")) {
            return Money.zero(currency);
        }
        return Money.of(moneyV2.get("amount").asText(), currency);
    }
}
