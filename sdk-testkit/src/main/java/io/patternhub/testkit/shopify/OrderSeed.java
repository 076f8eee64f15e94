package io.patternhub.testkit.shopify;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How {@link ShopifySandbox#seedOrders(OrderSeed)} generates orders: deterministic, so tests can
 * compute what to expect. Order {@code i} (0-based) is created at {@code start + i * interval},
 * in {@code currencies[i % size]}, with {@code lineItemsPerOrder} lines cycling through
 * {@code skus} at {@code unitPrice} each; every {@code discountEvery}-th order has a discount of
 * {@code discountAmount} (code {@code SEED10}), every {@code refundEvery}-th order is fully refunded
 * one hour after it was placed; tax is {@code taxRate} of each discounted line; Shopify Payments
 * takes {@code feeRate} of each charge plus {@code flatFee}, rounded to cents. Every
 * {@code anonymousEvery}-th order has no email. Immutable; build with {@link #builder()}.
 *
 * @param count how many orders
 * @param start when the first order was placed
 * @param interval time between orders
 * @param currencies currencies to cycle through
 * @param skus SKUs to cycle through
 * @param unitPrice unit price of every line
 * @param lineItemsPerOrder lines per order
 * @param taxRate tax rate as a fraction
 * @param discountEvery every n-th order gets a discount; 0 for none
 * @param discountAmount discount on a discounted order (allocated to its first line)
 * @param refundEvery every n-th order is refunded in full; 0 for none
 * @param feeRate Shopify Payments percentage fee as a fraction
 * @param flatFee Shopify Payments fixed fee per charge
 * @param anonymousEvery every n-th order has no email; 0 for none
 */
public record OrderSeed(int count, Instant start, Duration interval, List<String> currencies, List<String> skus,
        BigDecimal unitPrice, int lineItemsPerOrder, BigDecimal taxRate, int discountEvery,
        BigDecimal discountAmount, int refundEvery, BigDecimal feeRate, BigDecimal flatFee, int anonymousEvery) {
    public OrderSeed {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        Objects.requireNonNull(start, "start");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative");
        }
        currencies = List.copyOf(currencies);
        skus = List.copyOf(skus);
        if (currencies.isEmpty() || skus.isEmpty()) {
            throw new IllegalArgumentException("at least one currency and one SKU are needed");
        }
        if (lineItemsPerOrder < 1) {
            throw new IllegalArgumentException("lineItemsPerOrder must be at least 1");
        }
        if (discountEvery < 0 || refundEvery < 0 || anonymousEvery < 0) {
            throw new IllegalArgumentException("discountEvery, refundEvery and anonymousEvery must not be negative");
        }
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(taxRate, "taxRate");
        Objects.requireNonNull(discountAmount, "discountAmount");
        Objects.requireNonNull(feeRate, "feeRate");
        Objects.requireNonNull(flatFee, "flatFee");
    }

    /**
     * A builder with defaults: 10 orders an hour apart from 2025-01-01T00:00Z, USD, SKU
     * {@code PH-0001}, 12.00 per line, 1 line, 10% tax, every 5th discounted by 2.00, every 10th
     * refunded, fees 2.9% + 0.30, every 7th anonymous.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link OrderSeed}. */
    public static final class Builder {
        private int count = 10;
        private Instant start = Instant.parse("2025-01-01T00:00:00Z");
        private Duration interval = Duration.ofHours(1);
        private List<String> currencies = List.of("USD");
        private List<String> skus = List.of("PH-0001");
        private BigDecimal unitPrice = new BigDecimal("12.00");
        private int lineItemsPerOrder = 1;
        private BigDecimal taxRate = new BigDecimal("0.10");
        private int discountEvery = 5;
        private BigDecimal discountAmount = new BigDecimal("2.00");
        private int refundEvery = 10;
        private BigDecimal feeRate = new BigDecimal("0.029");
        private BigDecimal flatFee = new BigDecimal("0.30");
        private int anonymousEvery = 7;

        private Builder() {
        }

        /** @param value how many orders @return this builder */
        public Builder count(int value) {
            this.count = value;
            return this;
        }

        /** @param value when the first order was placed @return this builder */
        public Builder start(Instant value) {
            this.start = value;
            return this;
        }

        /** @param value time between orders @return this builder */
        public Builder interval(Duration value) {
            this.interval = value;
            return this;
        }

        /** @param values currencies to cycle through @return this builder */
        public Builder currencies(String... values) {
            this.currencies = List.of(values);
            return this;
        }

        /** @param values SKUs to cycle through @return this builder */
        public Builder skus(String... values) {
            this.skus = List.of(values);
            return this;
        }

        /** @param value unit price of every line @return this builder */
        public Builder unitPrice(String value) {
            this.unitPrice = new BigDecimal(value);
            return this;
        }

        /** @param value lines per order @return this builder */
        public Builder lineItemsPerOrder(int value) {
            this.lineItemsPerOrder = value;
            return this;
        }

        /** @param value tax rate as a fraction, e.g. "0.20" @return this builder */
        public Builder taxRate(String value) {
            this.taxRate = new BigDecimal(value);
            return this;
        }

        /**
         * @param every every n-th order is discounted; 0 for none
         * @param amount the discount
         * @return this builder
         */
        public Builder discountEvery(int every, String amount) {
            this.discountEvery = every;
            this.discountAmount = new BigDecimal(amount);
            return this;
        }

        /** @param every every n-th order is refunded in full; 0 for none @return this builder */
        public Builder refundEvery(int every) {
            this.refundEvery = every;
            return this;
        }

        /**
         * @param rate percentage fee as a fraction, e.g. "0.029"
         * @param flat fixed fee per charge, e.g. "0.30"
         * @return this builder
         */
        public Builder fees(String rate, String flat) {
            this.feeRate = new BigDecimal(rate);
            this.flatFee = new BigDecimal(flat);
            return this;
        }

        /** @param every every n-th order has no email; 0 for none @return this builder */
        public Builder anonymousEvery(int every) {
            this.anonymousEvery = every;
            return this;
        }

        /** @return the seed */
        public OrderSeed build() {
            return new OrderSeed(count, start, interval, currencies, skus, unitPrice, lineItemsPerOrder, taxRate,
                    discountEvery, discountAmount, refundEvery, feeRate, flatFee, anonymousEvery);
        }
    }
}
