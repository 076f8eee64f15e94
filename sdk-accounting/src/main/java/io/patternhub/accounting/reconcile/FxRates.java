package io.patternhub.accounting.reconcile;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.Platform;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform's own exchange rates, used to convert an order's amounts into its payout's currency.
 * The engine never looks rates up elsewhere: the platform's rate is what produced the deposit.
 * Immutable and thread-safe.
 *
 * <p>A rate for one order (what the platform reported on that sale) wins over a rate for the
 * currency pair.
 */
public final class FxRates {
    private static final FxRates NONE = builder().build();

    private final Map<String, BigDecimal> perOrder;
    private final Map<String, BigDecimal> perPair;

    private FxRates(Builder b) {
        this.perOrder = Map.copyOf(b.perOrder);
        this.perPair = Map.copyOf(b.perPair);
    }

    /** No rates: every order must be in its payout's currency. */
    public static FxRates none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The rate that converts one unit of {@code from} into {@code to} for an order.
     *
     * @param channel the storefront
     * @param orderId the order's external id
     * @param from    the order's currency
     * @param to      the payout's currency
     * @return the rate; 1 when the currencies are equal; empty when unknown
     */
    public Optional<BigDecimal> rate(Platform channel, String orderId, Currency from, Currency to) {
        if (from.equals(to)) {
            return Optional.of(BigDecimal.ONE);
        }
        BigDecimal own = perOrder.get(orderKey(channel, orderId, from, to));
        return Optional.ofNullable(own != null ? own : perPair.get(pairKey(from, to)));
    }

    private static String orderKey(Platform channel, String orderId, Currency from, Currency to) {
        return channel + "/" + orderId + "/" + pairKey(from, to);
    }

    private static String pairKey(Currency from, Currency to) {
        return from.getCurrencyCode() + ">" + to.getCurrencyCode();
    }

    /** Builds {@link FxRates}. */
    public static final class Builder {
        private final Map<String, BigDecimal> perOrder = new HashMap<>();
        private final Map<String, BigDecimal> perPair = new HashMap<>();

        private Builder() {
        }

        /**
         * The rate the platform applied to one order.
         *
         * @param channel the storefront
         * @param orderId the order's external id
         * @param from    the order currency
         * @param to      the payout currency
         * @param rate    units of {@code to} per unit of {@code from}, positive
         * @return this builder
         */
        public Builder orderRate(Platform channel, String orderId, Currency from, Currency to, BigDecimal rate) {
            perOrder.put(orderKey(Objects.requireNonNull(channel), Objects.requireNonNull(orderId), from, to),
                    requirePositive(rate));
            return this;
        }

        /**
         * A rate for every order converted from one currency to another.
         *
         * @param from the order currency
         * @param to   the payout currency
         * @param rate units of {@code to} per unit of {@code from}, positive
         * @return this builder
         */
        public Builder pairRate(Currency from, Currency to, BigDecimal rate) {
            perPair.put(pairKey(Objects.requireNonNull(from), Objects.requireNonNull(to)), requirePositive(rate));
            return this;
        }

        public FxRates build() {
            return new FxRates(this);
        }

        private static BigDecimal requirePositive(BigDecimal rate) {
            if (rate == null || rate.signum() <= 0) {
                throw new ConfigurationException("an exchange rate must be positive, was " + rate, ErrorContext.empty());
            }
            return rate;
        }
    }
}
