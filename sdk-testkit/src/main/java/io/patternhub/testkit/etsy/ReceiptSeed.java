package io.patternhub.testkit.etsy;

import io.patternhub.core.model.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to seed as one Etsy receipt (an order): its transactions, discount, VAT and sales tax Etsy
 * collected, shipping, processing fees, refunds, buyer e-mail. Totals are derived the way Etsy
 * reports them: {@code subtotal = sum(price * quantity)}, {@code grandtotal = subtotal - discount +
 * shipping + sales tax + VAT}. Immutable; build with {@link #builder(String)}.
 */
public final class ReceiptSeed {
    private final String currency;
    private final List<TransactionSeed> transactions;
    private final Money discount;
    private final Money salesTax;
    private final Money vat;
    private final Money shipping;
    private final Optional<Money> fees;
    private final List<RefundSeed> refunds;
    private final Optional<String> buyerEmail;
    private final long buyerUserId;
    private final Optional<Instant> createdAt;
    private final boolean paid;
    private final boolean canceled;

    private ReceiptSeed(Builder b) {
        this.currency = b.currency;
        this.transactions = List.copyOf(b.transactions);
        this.discount = b.discount;
        this.salesTax = b.salesTax;
        this.vat = b.vat;
        this.shipping = b.shipping;
        this.fees = Optional.ofNullable(b.fees);
        this.refunds = List.copyOf(b.refunds);
        this.buyerEmail = Optional.ofNullable(b.buyerEmail);
        this.buyerUserId = b.buyerUserId;
        this.createdAt = Optional.ofNullable(b.createdAt);
        this.paid = b.paid;
        this.canceled = b.canceled;
    }

    /**
     * Starts a receipt in {@code currencyCode}.
     *
     * @param currencyCode the ISO 4217 code every amount of the receipt uses
     * @return a builder
     */
    public static Builder builder(String currencyCode) {
        return new Builder(currencyCode);
    }

    public String currency() {
        return currency;
    }

    public List<TransactionSeed> transactions() {
        return transactions;
    }

    public Money discount() {
        return discount;
    }

    public Money salesTax() {
        return salesTax;
    }

    public Money vat() {
        return vat;
    }

    public Money shipping() {
        return shipping;
    }

    /** The card processing fees ({@code amount_fees}); empty for the sandbox default. */
    public Optional<Money> fees() {
        return fees;
    }

    public List<RefundSeed> refunds() {
        return refunds;
    }

    /** The buyer's e-mail; empty means Etsy reports {@code null} (the usual case). */
    public Optional<String> buyerEmail() {
        return buyerEmail;
    }

    public long buyerUserId() {
        return buyerUserId;
    }

    /** When the order was placed; empty for the sandbox clock's now. */
    public Optional<Instant> createdAt() {
        return createdAt;
    }

    public boolean paid() {
        return paid;
    }

    public boolean canceled() {
        return canceled;
    }

    /** {@code sum(unit price * quantity)} over the transactions. */
    public Money subtotal() {
        Money sum = Money.zero(java.util.Currency.getInstance(currency));
        for (TransactionSeed t : transactions) {
            sum = sum.plus(t.lineTotal());
        }
        return sum;
    }

    /** {@code subtotal - discount + shipping + sales tax + VAT}. */
    public Money grandTotal() {
        return subtotal().minus(discount).plus(shipping).plus(salesTax).plus(vat);
    }

    /** Builds a {@link ReceiptSeed}. */
    public static final class Builder {
        private final String currency;
        private final List<TransactionSeed> transactions = new ArrayList<>();
        private Money discount;
        private Money salesTax;
        private Money vat;
        private Money shipping;
        private Money fees;
        private final List<RefundSeed> refunds = new ArrayList<>();
        private String buyerEmail;
        private long buyerUserId = 5550001L;
        private Instant createdAt;
        private boolean paid = true;
        private boolean canceled;

        private Builder(String currency) {
            Money zero = Money.zero(java.util.Currency.getInstance(Objects.requireNonNull(currency, "currency")));
            this.currency = currency;
            this.discount = zero;
            this.salesTax = zero;
            this.vat = zero;
            this.shipping = zero;
        }

        /**
         * Adds a transaction.
         *
         * @param transaction the line
         * @return this builder
         */
        public Builder transaction(TransactionSeed transaction) {
            sameCurrency(Objects.requireNonNull(transaction, "transaction").unitPrice(), "unit price");
            transactions.add(transaction);
            return this;
        }

        /**
         * Adds a transaction not tied to a sandbox listing.
         *
         * @param sku the SKU, or {@code null}
         * @param title the title
         * @param quantity how many
         * @param unitPrice the price of one, e.g. {@code "7.50"}
         * @return this builder
         */
        public Builder transaction(String sku, String title, int quantity, String unitPrice) {
            return transaction(TransactionSeed.of(sku, title, quantity, Money.of(unitPrice, currency)));
        }

        /**
         * The shop discount on the whole receipt ({@code discount_amt}).
         *
         * @param amount e.g. {@code "1.00"}
         * @return this builder
         */
        public Builder discount(String amount) {
            this.discount = nonNegative(Money.of(amount, currency), "discount");
            return this;
        }

        /**
         * US sales tax Etsy collected ({@code total_tax_cost}).
         *
         * @param amount e.g. {@code "0.80"}
         * @return this builder
         */
        public Builder salesTax(String amount) {
            this.salesTax = nonNegative(Money.of(amount, currency), "sales tax");
            return this;
        }

        /**
         * VAT Etsy collected ({@code total_vat_cost}).
         *
         * @param amount e.g. {@code "2.00"}
         * @return this builder
         */
        public Builder vat(String amount) {
            this.vat = nonNegative(Money.of(amount, currency), "VAT");
            return this;
        }

        /**
         * Shipping charged ({@code total_shipping_cost}); zero for digital patterns.
         *
         * @param amount e.g. {@code "0.00"}
         * @return this builder
         */
        public Builder shipping(String amount) {
            this.shipping = nonNegative(Money.of(amount, currency), "shipping");
            return this;
        }

        /**
         * The payment's processing fees ({@code amount_fees}); otherwise 3% of the grand total
         * plus 0.25 (a sandbox default, not an Etsy fact).
         *
         * @param amount e.g. {@code "0.55"}
         * @return this builder
         */
        public Builder fees(String amount) {
            this.fees = nonNegative(Money.of(amount, currency), "fees");
            return this;
        }

        /**
         * A refund already made when the receipt is seeded.
         *
         * @param amount e.g. {@code "5.00"}
         * @param reason the reason, or {@code null}
         * @return this builder
         */
        public Builder refund(String amount, String reason) {
            refunds.add(RefundSeed.of(Money.of(amount, currency), reason));
            return this;
        }

        /**
         * The buyer's e-mail; leave unset for Etsy's usual {@code null}.
         *
         * @param email the address, or {@code null}
         * @return this builder
         */
        public Builder buyerEmail(String email) {
            this.buyerEmail = email;
            return this;
        }

        /**
         * The buyer's Etsy user id.
         *
         * @param id the id, at least 1
         * @return this builder
         */
        public Builder buyerUserId(long id) {
            if (id < 1) {
                throw new IllegalArgumentException("A buyer user id is at least 1, was " + id);
            }
            this.buyerUserId = id;
            return this;
        }

        /**
         * When the order was placed (also its first {@code updated_timestamp}).
         *
         * @param at the time
         * @return this builder
         */
        public Builder createdAt(Instant at) {
            this.createdAt = Objects.requireNonNull(at, "at");
            return this;
        }

        /**
         * Whether the order is paid ({@code true} unless set).
         *
         * @param isPaid paid or not
         * @return this builder
         */
        public Builder paid(boolean isPaid) {
            this.paid = isPaid;
            return this;
        }

        /**
         * Marks the order canceled.
         *
         * @param isCanceled canceled or not
         * @return this builder
         */
        public Builder canceled(boolean isCanceled) {
            this.canceled = isCanceled;
            return this;
        }

        /**
         * Builds the seed.
         *
         * @return the seed
         * @throws IllegalArgumentException without transactions, or when refunds exceed the grand total
         */
        public ReceiptSeed build() {
            if (transactions.isEmpty()) {
                throw new IllegalArgumentException("A receipt needs at least one transaction");
            }
            ReceiptSeed seed = new ReceiptSeed(this);
            if (seed.grandTotal().isNegative()) {
                throw new IllegalArgumentException("The discount exceeds the receipt total: " + seed.grandTotal());
            }
            Money refunded = Money.zero(java.util.Currency.getInstance(currency));
            for (RefundSeed r : refunds) {
                refunded = refunded.plus(sameCurrency(r.amount(), "refund"));
            }
            if (refunded.isGreaterThan(seed.grandTotal())) {
                throw new IllegalArgumentException("Refunds " + refunded + " exceed the grand total " + seed.grandTotal());
            }
            return seed;
        }

        private Money sameCurrency(Money m, String what) {
            if (!m.currencyCode().equals(currency)) {
                throw new IllegalArgumentException("The " + what + " is in " + m.currencyCode()
                        + " but the receipt is in " + currency);
            }
            return m;
        }

        private static Money nonNegative(Money m, String what) {
            if (m.isNegative()) {
                throw new IllegalArgumentException("The " + what + " must not be negative, was " + m);
            }
            return m;
        }
    }
}
