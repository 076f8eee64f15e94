package io.patternhub.core.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/** A tax charged on an order, and who is liable for it. */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableTaxLine.class)
@JsonDeserialize(as = ImmutableTaxLine.class)
public interface TaxLine extends RawPayload {

    Money amount();

    /** The rate as a fraction ({@code 0.19} for 19 %), when the platform says. */
    Optional<BigDecimal> rate();

    /** ISO 3166-1 alpha-2 country of the tax, e.g. {@code "DE"}. */
    Optional<String> country();

    /** Region within the country (US state, Canadian province), e.g. {@code "CA"}. */
    Optional<String> region();

    /** Whether the marketplace or the seller collected it. */
    TaxCollector collectedBy();

    /** The platform's label, e.g. {@code "VAT 19%"}. */
    Optional<String> title();

    @Value.Check
    default void check() {
        rate().ifPresent(r -> {
            if (r.signum() < 0 || r.compareTo(BigDecimal.ONE) > 0) {
                throw new InvalidModelException("TaxLine", "rate",
                        "must be a fraction between 0 and 1 (0.19 for 19%), was " + r.toPlainString());
            }
        });
    }

    static ImmutableTaxLine.Builder builder() {
        return ImmutableTaxLine.builder();
    }

    default ImmutableTaxLine.Builder toBuilder() {
        return ImmutableTaxLine.builder().from(this);
    }
}
