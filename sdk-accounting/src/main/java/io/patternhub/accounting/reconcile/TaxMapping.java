package io.patternhub.accounting.reconcile;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.Platform;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which ledger tax code applies to a sale, by channel × buyer country × tax class. A rule may leave any
 * of the three open ({@code null} = any); the most specific matching rule wins (channel counts most,
 * then country, then class).
 *
 * <p>The same pattern usually needs different codes per channel: on Etsy the marketplace collects
 * VAT on digital patterns, so the seller books it outside their VAT return (e.g. Xero
 * {@code NONE}); on Shopify or WooCommerce the seller owes it, e.g. an EU OSS code at the buyer
 * country's rate. Immutable and thread-safe.
 */
public final class TaxMapping {
    /** The tax class used when none is configured for a line: digital patterns. */
    public static final String DIGITAL = "digital";

    private final List<Rule> rules;

    private TaxMapping(List<Rule> rules) {
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingInt(Rule::specificity).reversed());
        this.rules = List.copyOf(sorted);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The tax code for a sale.
     *
     * @param channel  the storefront
     * @param country  the buyer's ISO country, or {@code null} when unknown
     * @param taxClass the product tax class, e.g. {@link #DIGITAL}
     * @return the most specific matching code, or empty when no rule matches
     */
    public Optional<String> taxCodeFor(Platform channel, String country, String taxClass) {
        for (Rule rule : rules) {
            if (rule.matches(channel, country, taxClass)) {
                return Optional.of(rule.taxCode());
            }
        }
        return Optional.empty();
    }

    /** Every tax code the rules name, for checking against a ledger's tax rates. */
    public Set<String> allCodes() {
        Set<String> codes = new TreeSet<>();
        rules.forEach(r -> codes.add(r.taxCode()));
        return codes;
    }

    /**
     * One rule. {@code null} fields match anything.
     *
     * @param channel  the storefront, or null for any
     * @param country  ISO 3166-1 alpha-2 buyer country, or null for any
     * @param taxClass the product tax class, or null for any
     * @param taxCode  the ledger tax code
     */
    public record Rule(Platform channel, String country, String taxClass, String taxCode) {
        public Rule {
            Objects.requireNonNull(taxCode, "taxCode");
            if (taxCode.isBlank()) {
                throw new ConfigurationException("tax code must not be blank", ErrorContext.empty());
            }
            country = country == null ? null : country.toUpperCase(Locale.ROOT);
        }

        int specificity() {
            return (channel != null ? 4 : 0) + (country != null ? 2 : 0) + (taxClass != null ? 1 : 0);
        }

        boolean matches(Platform ch, String co, String cl) {
            return (channel == null || channel == ch)
                    && (country == null || country.equalsIgnoreCase(co))
                    && (taxClass == null || taxClass.equalsIgnoreCase(cl));
        }
    }

    /** Builds a {@link TaxMapping}. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a rule; pass {@code null} for any field that should match anything.
         *
         * @param channel  the storefront, or null
         * @param country  the buyer country, or null
         * @param taxClass the tax class, or null
         * @param taxCode  the ledger tax code
         * @return this builder
         */
        public Builder rule(Platform channel, String country, String taxClass, String taxCode) {
            rules.add(new Rule(channel, country, taxClass, taxCode));
            return this;
        }

        public TaxMapping build() {
            return new TaxMapping(rules);
        }
    }
}
