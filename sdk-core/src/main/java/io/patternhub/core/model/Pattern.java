package io.patternhub.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.net.URI;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * The hub's master record of a pattern, from which every storefront listing is derived.
 *
 * <pre>{@code
 * Pattern tee = Pattern.builder()
 *         .sku("TEE-01").title("Raglan Tee").craft(Craft.SEWING)
 *         .addPrice(Money.of("12.00", "EUR")).addPrice(Money.of("13.00", "USD"))
 *         .addFile(PatternFile.fromPath(pdf).printFormat(PrintFormat.A4).build())
 *         .build();
 * }</pre>
 */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutablePattern.class)
@JsonDeserialize(as = ImmutablePattern.class)
public interface Pattern {

    /** The seller's stock-keeping unit; the key that ties listings on every platform to this pattern. */
    String sku();

    String title();

    @Value.Default
    default String description() {
        return "";
    }

    List<String> tags();

    @Value.Default
    default Craft craft() {
        return Craft.OTHER;
    }

    /** The price in each currency the seller sells in; at most one per currency. */
    List<Money> prices();

    /** Image addresses, the cover first. */
    List<URI> images();

    /** The downloadable files, in the order buyers should see them. */
    List<PatternFile> files();

    /** The pattern's version, e.g. {@code "2.1"}. */
    @Value.Default
    default String version() {
        return "1";
    }

    /** What changed in this version (errata, new sizes), for buyers' update notices. */
    Optional<String> changeNotes();

    /**
     * The price in one currency.
     *
     * @param currency the currency
     * @return the price, or empty if the pattern has none in that currency
     */
    default Optional<Money> priceIn(Currency currency) {
        return prices().stream().filter(p -> p.currency().equals(currency)).findFirst();
    }

    @Value.Check
    default void check() {
        if (sku().isBlank()) {
            throw new InvalidModelException("Pattern", "sku", "must not be blank");
        }
        if (title().isBlank()) {
            throw new InvalidModelException("Pattern", "title", "must not be blank (sku " + sku() + ")");
        }
        Set<Currency> seen = new HashSet<>();
        for (Money price : prices()) {
            if (price.isNegative()) {
                throw new InvalidModelException("Pattern", "prices", "must not be negative: " + price);
            }
            if (!seen.add(price.currency())) {
                throw new InvalidModelException("Pattern", "prices", "two prices in " + price.currencyCode());
            }
        }
        Set<String> names = new HashSet<>();
        for (PatternFile file : files()) {
            if (!names.add(file.name())) {
                throw new InvalidModelException("Pattern", "files", "two files named '" + file.name() + "'");
            }
        }
    }

    static ImmutablePattern.Builder builder() {
        return ImmutablePattern.builder();
    }

    default ImmutablePattern.Builder toBuilder() {
        return ImmutablePattern.builder().from(this);
    }
}
