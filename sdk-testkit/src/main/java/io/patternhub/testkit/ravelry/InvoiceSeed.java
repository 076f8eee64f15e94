package io.patternhub.testkit.ravelry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sale invoice to seed into the Ravelry sandbox: product lines, promotions, the PayPal payer and
 * when it was dated and paid. Immutable; build with {@link #builder}.
 */
public final class InvoiceSeed {
    private final String currency;
    private final List<Line> lines;
    private final Optional<Instant> invoiceDate;
    private final Optional<Instant> paidAt;
    private final boolean paid;
    private final Optional<String> email;
    private final Optional<String> name;
    private final Optional<Long> ravelryUserId;
    private final Optional<String> country;

    /**
     * One invoice line: a product ({@code productId} set, positive amount) or a promotion (negative amount).
     *
     * @param productId         the product, or empty for a promotion
     * @param amount            the amount, negative for promotions
     * @param promotionalDiscount the product's share of a promotion, when one applied
     */
    public record Line(Optional<Long> productId, BigDecimal amount, Optional<BigDecimal> promotionalDiscount) {
    }

    private InvoiceSeed(Builder b) {
        this.currency = b.currency;
        this.lines = List.copyOf(b.lines);
        this.invoiceDate = Optional.ofNullable(b.invoiceDate);
        this.paidAt = Optional.ofNullable(b.paidAt);
        this.paid = b.paid;
        this.email = Optional.ofNullable(b.email);
        this.name = Optional.ofNullable(b.name);
        this.ravelryUserId = Optional.ofNullable(b.ravelryUserId);
        this.country = Optional.ofNullable(b.country);
    }

    /**
     * Starts an invoice.
     *
     * @param currency its ISO 4217 currency
     * @return the builder
     */
    public static Builder builder(String currency) {
        return new Builder(currency);
    }

    /** The currency. */
    public String currency() {
        return currency;
    }

    /** The lines in order. */
    public List<Line> lines() {
        return lines;
    }

    /** The invoice date; the sandbox clock's now when empty. */
    public Optional<Instant> invoiceDate() {
        return invoiceDate;
    }

    /** When it was paid; the invoice date when empty and {@link #paid()}. */
    public Optional<Instant> paidAt() {
        return paidAt;
    }

    /** Whether it is paid. */
    public boolean paid() {
        return paid;
    }

    /** The PayPal payer's email. */
    public Optional<String> email() {
        return email;
    }

    /** The PayPal payer's name. */
    public Optional<String> name() {
        return name;
    }

    /** The buyer's Ravelry user id, when logged in. */
    public Optional<Long> ravelryUserId() {
        return ravelryUserId;
    }

    /** The buyer's tax country. */
    public Optional<String> country() {
        return country;
    }

    /** Builds an {@link InvoiceSeed}. */
    public static final class Builder {
        private final String currency;
        private final List<Line> lines = new ArrayList<>();
        private Instant invoiceDate;
        private Instant paidAt;
        private boolean paid = true;
        private String email = "buyer@example.com";
        private String name = "Test Buyer";
        private Long ravelryUserId;
        private String country;

        private Builder(String currency) {
            java.util.Currency.getInstance(Objects.requireNonNull(currency, "currency"));
            this.currency = currency;
        }

        /**
         * Adds a product line.
         *
         * @param productId the product
         * @param amount    its amount, e.g. {@code "6.00"}
         * @return this builder
         */
        public Builder line(long productId, String amount) {
            lines.add(new Line(Optional.of(productId), new BigDecimal(amount), Optional.empty()));
            return this;
        }

        /**
         * Adds a product line with its share of a promotion.
         *
         * @param productId the product
         * @param amount    its amount
         * @param discount  its share of the promotion (positive)
         * @return this builder
         */
        public Builder line(long productId, String amount, String discount) {
            lines.add(new Line(Optional.of(productId), new BigDecimal(amount), Optional.of(new BigDecimal(discount))));
            return this;
        }

        /**
         * Adds a promotion line.
         *
         * @param amount the discount as a positive amount (stored negative, as Ravelry does)
         * @return this builder
         */
        public Builder promotion(String amount) {
            lines.add(new Line(Optional.empty(), new BigDecimal(amount).abs().negate(), Optional.empty()));
            return this;
        }

        /**
         * The invoice date.
         *
         * @param at the date
         * @return this builder
         */
        public Builder invoiceDate(Instant at) {
            this.invoiceDate = Objects.requireNonNull(at, "at");
            return this;
        }

        /**
         * Paid at a time (default: paid at the invoice date).
         *
         * @param at when
         * @return this builder
         */
        public Builder paidAt(Instant at) {
            this.paidAt = Objects.requireNonNull(at, "at");
            this.paid = true;
            return this;
        }

        /**
         * Not paid (yet); see {@link RavelrySandbox#pay}.
         *
         * @return this builder
         */
        public Builder unpaid() {
            this.paid = false;
            this.paidAt = null;
            return this;
        }

        /**
         * The PayPal payer and, if logged in, the Ravelry user.
         *
         * @param payerEmail the email, or null
         * @param payerName  the name, or null
         * @param userId     the Ravelry user id, or null
         * @return this builder
         */
        public Builder buyer(String payerEmail, String payerName, Long userId) {
            this.email = payerEmail;
            this.name = payerName;
            this.ravelryUserId = userId;
            return this;
        }

        /**
         * The buyer's tax country.
         *
         * @param iso2 an ISO 3166-1 alpha-2 code
         * @return this builder
         */
        public Builder country(String iso2) {
            this.country = iso2;
            return this;
        }

        /**
         * Builds the seed.
         *
         * @return the seed
         */
        public InvoiceSeed build() {
            return new InvoiceSeed(this);
        }
    }
}
