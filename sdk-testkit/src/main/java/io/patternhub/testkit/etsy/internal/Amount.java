package io.patternhub.testkit.etsy.internal;

import io.patternhub.core.model.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An amount in Etsy's wire form: an integer {@code amount} over a {@code divisor}, in a currency.
 * The divisor is 10^(the currency's minor digits). Not public API.
 *
 * @param minor the amount in minor units
 * @param currency the ISO 4217 code
 */
public record Amount(long minor, String currency) {
    static Amount of(Money money) {
        return new Amount(money.toMinorUnits(), money.currencyCode());
    }

    static Amount zero(String currency) {
        return new Amount(0, currency);
    }

    static long divisorOf(String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.TEN.pow(digits).longValueExact();
    }

    long divisor() {
        return divisorOf(currency);
    }

    Money toMoney() {
        return Money.ofMinor(minor, currency);
    }

    Amount plus(long more) {
        return new Amount(Math.addExact(minor, more), currency);
    }

    /** Etsy's Money object. */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("amount", minor);
        m.put("divisor", divisor());
        m.put("currency_code", currency);
        return m;
    }
}
