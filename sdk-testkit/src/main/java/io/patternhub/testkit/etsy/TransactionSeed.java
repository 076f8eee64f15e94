package io.patternhub.testkit.etsy;

import io.patternhub.core.model.Money;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One line of a seeded receipt: a digital transaction.
 *
 * @param sku the SKU Etsy reports on the transaction ({@code null} for none)
 * @param title the transaction title
 * @param quantity how many, at least 1
 * @param unitPrice the price of one, in the receipt's currency
 * @param listingId the listing sold, when it should point at a sandbox listing
 */
public record TransactionSeed(String sku, String title, int quantity, Money unitPrice, OptionalLong listingId) {
    public TransactionSeed {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(listingId, "listingId");
        if (quantity < 1) {
            throw new IllegalArgumentException("A transaction quantity is at least 1, was " + quantity);
        }
        if (unitPrice.isNegative()) {
            throw new IllegalArgumentException("A transaction price must not be negative, was " + unitPrice);
        }
    }

    /**
     * A transaction not tied to a sandbox listing.
     *
     * @param sku the SKU, or {@code null}
     * @param title the title
     * @param quantity how many
     * @param unitPrice the price of one
     * @return the seed
     */
    public static TransactionSeed of(String sku, String title, int quantity, Money unitPrice) {
        return new TransactionSeed(sku, title, quantity, unitPrice, OptionalLong.empty());
    }

    /**
     * A copy that points at a sandbox listing.
     *
     * @param id the listing id
     * @return the copy
     */
    public TransactionSeed forListing(long id) {
        return new TransactionSeed(sku, title, quantity, unitPrice, OptionalLong.of(id));
    }

    /** {@code unitPrice * quantity}. */
    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}
