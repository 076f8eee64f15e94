package io.patternhub.hub.insights;

import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.Pattern;
import io.patternhub.core.model.PatternHubStyle;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Everything insights reads, as plain values: a store (or a CSV import) fills it through a thin adapter.
 *
 * <p>Amounts are reported in {@link #currency()}. Orders or fees in another currency need a rate in
 * {@link #ratesToReportingCurrency()} (one unit of that currency in the reporting currency); the engine
 * refuses input with a currency it cannot convert rather than silently dropping sales.
 */
@Value.Immutable
@PatternHubStyle
public interface InsightsInput {

    /** The currency every amount in the report is in. */
    Currency currency();

    /** Fixed conversion rates: one unit of the key currency is worth this much of {@link #currency()}. */
    Map<Currency, BigDecimal> ratesToReportingCurrency();

    /** Orders from every platform; pending, cancelled and fully refunded orders are not counted as sales. */
    List<Order> orders();

    /** The master catalog: titles, tags and crafts that trends are computed over, keyed by SKU. */
    List<Pattern> patterns();

    /** Ad spend the seller recorded. */
    List<AdSpendEntry> adSpend();

    /** Days new file versions went live. */
    List<FileUpdate> fileUpdates();

    /** Review verdicts, where the seller has them. */
    List<ReviewSentiment> reviews();

    @Value.Check
    default void check() {
        Set<String> skus = new HashSet<>();
        for (Pattern p : patterns()) {
            if (!skus.add(p.sku())) {
                throw new InvalidModelException("InsightsInput", "patterns", "two patterns with SKU " + p.sku());
            }
        }
        ratesToReportingCurrency().forEach((c, rate) -> {
            if (rate.signum() <= 0) {
                throw new InvalidModelException("InsightsInput", "ratesToReportingCurrency",
                        "rate for " + c + " must be positive, was " + rate);
            }
        });
    }

    static ImmutableInsightsInput.Builder builder() {
        return ImmutableInsightsInput.builder();
    }
}
