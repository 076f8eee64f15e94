package io.patternhub.testkit.woocommerce;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An order to seed into a {@link WooCommerceSandbox}, as a checkout would create it. Amounts are
 * decimal strings in the order currency ({@code "6.00"}). Build with {@link #builder(String)}.
 *
 * @param currency   ISO 4217 code
 * @param status     {@code pending}, {@code processing}, {@code on-hold}, {@code completed}, {@code cancelled}...
 * @param customerId the WordPress user id of the buyer; 0 for a guest
 * @param email      the billing email
 * @param country    the billing country (ISO 3166-1 alpha-2), or empty
 * @param lines      the line items
 * @param taxes      the tax lines (taxes the seller collected)
 * @param fees       the fee lines (extra charges on the order)
 */
public record WooOrderSeed(String currency, String status, long customerId, String email, String country,
        List<Line> lines, List<Tax> taxes, List<FeeLine> fees) {

    public WooOrderSeed {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
        fees = List.copyOf(fees);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
    }

    /**
     * Starts a paid ({@code completed}) guest order.
     *
     * @param currency ISO 4217 code
     * @return the builder
     */
    public static Builder builder(String currency) {
        return new Builder(currency);
    }

    /**
     * One line: a product bought.
     *
     * @param productId the product
     * @param quantity  how many
     * @param unitPrice the price of one, before tax
     * @param lineTax   the tax on the line
     */
    public record Line(long productId, int quantity, BigDecimal unitPrice, BigDecimal lineTax) {
    }

    /**
     * One tax line.
     *
     * @param rateCode    e.g. {@code US-CA-STATE TAX-1}
     * @param label       e.g. {@code State Tax}
     * @param ratePercent the rate in percent, e.g. {@code 7.25}
     * @param total       the tax amount
     */
    public record Tax(String rateCode, String label, BigDecimal ratePercent, BigDecimal total) {
    }

    /**
     * One fee line.
     *
     * @param name  e.g. {@code Gift wrap}
     * @param total the amount; negative for a discount given as a fee
     */
    public record FeeLine(String name, BigDecimal total) {
    }

    /** Builds a {@link WooOrderSeed}. */
    public static final class Builder {
        private final String currency;
        private String status = "completed";
        private long customerId;
        private String email = "buyer@example.com";
        private String country = "";
        private final List<Line> lines = new ArrayList<>();
        private final List<Tax> taxes = new ArrayList<>();
        private final List<FeeLine> fees = new ArrayList<>();

        private Builder(String currency) {
            this.currency = Objects.requireNonNull(currency, "currency");
        }

        /**
         * The status; {@code completed} by default.
         *
         * @param value the WooCommerce status
         * @return this builder
         */
        public Builder status(String value) {
            this.status = Objects.requireNonNull(value, "status");
            return this;
        }

        /**
         * The buyer.
         *
         * @param id        WordPress user id (0 for a guest)
         * @param emailAddr billing email
         * @return this builder
         */
        public Builder customer(long id, String emailAddr) {
            this.customerId = id;
            this.email = Objects.requireNonNull(emailAddr, "email");
            return this;
        }

        /**
         * The billing country.
         *
         * @param code ISO 3166-1 alpha-2
         * @return this builder
         */
        public Builder country(String code) {
            this.country = Objects.requireNonNull(code, "country");
            return this;
        }

        /**
         * Adds a line without tax.
         *
         * @param productId the product
         * @param quantity  how many
         * @param unitPrice the unit price, e.g. {@code "6.00"}
         * @return this builder
         */
        public Builder line(long productId, int quantity, String unitPrice) {
            return line(productId, quantity, unitPrice, "0");
        }

        /**
         * Adds a line.
         *
         * @param productId the product
         * @param quantity  how many
         * @param unitPrice the unit price
         * @param lineTax   the tax on the whole line
         * @return this builder
         */
        public Builder line(long productId, int quantity, String unitPrice, String lineTax) {
            lines.add(new Line(productId, quantity, new BigDecimal(unitPrice), new BigDecimal(lineTax)));
            return this;
        }

        /**
         * Adds a tax line.
         *
         * @param rateCode    the rate code
         * @param label       the label
         * @param ratePercent the rate in percent
         * @param total       the amount
         * @return this builder
         */
        public Builder tax(String rateCode, String label, String ratePercent, String total) {
            taxes.add(new Tax(rateCode, label, new BigDecimal(ratePercent), new BigDecimal(total)));
            return this;
        }

        /**
         * Adds a fee line.
         *
         * @param name  the fee name
         * @param total the amount
         * @return this builder
         */
        public Builder fee(String name, String total) {
            fees.add(new FeeLine(name, new BigDecimal(total)));
            return this;
        }

        /**
         * Builds the seed.
         *
         * @return the seed
         */
        public WooOrderSeed build() {
            return new WooOrderSeed(currency, status, customerId, email, country, lines, taxes, fees);
        }
    }
}
