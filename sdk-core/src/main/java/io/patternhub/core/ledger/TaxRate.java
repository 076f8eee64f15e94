package io.patternhub.core.ledger;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.PatternHubStyle;
import io.patternhub.core.model.RawPayload;
import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/** A tax rate defined in the ledger, referenced by journal lines through its {@link #code()}. */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableTaxRate.class)
@JsonDeserialize(as = ImmutableTaxRate.class)
public interface TaxRate extends RawPayload {

    /** The ledger's code (Xero {@code TaxType}, QuickBooks tax code id). */
    String code();

    String name();

    /** The effective rate as a fraction: {@code 0.19} for 19 %. */
    BigDecimal rate();

    /** ISO 3166-1 alpha-2 country the rate applies to, when known. */
    Optional<String> country();

    @Value.Default
    default boolean active() {
        return true;
    }

    @Value.Check
    default void check() {
        if (code().isBlank()) {
            throw new InvalidModelException("TaxRate", "code", "must not be blank");
        }
        if (rate().signum() < 0 || rate().compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidModelException("TaxRate", "rate",
                    "must be a fraction between 0 and 1 (0.19 for 19%), was " + rate().toPlainString());
        }
    }

    static ImmutableTaxRate.Builder builder() {
        return ImmutableTaxRate.builder();
    }

    default ImmutableTaxRate.Builder toBuilder() {
        return ImmutableTaxRate.builder().from(this);
    }
}
