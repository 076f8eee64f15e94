package io.patternhub.hub.insights;

import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.PatternHubStyle;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How insights are computed. Every value has a documented default; {@code InsightsSettings.defaults()}
 * is a sound start for a small pattern shop.
 */
@Value.Immutable
@PatternHubStyle
public interface InsightsSettings {

    /** First day analysed; defaults to the day of the first counted order. */
    Optional<LocalDate> startDate();

    /** Last day analysed; defaults to the day of the last counted order. */
    Optional<LocalDate> endDate();

    /** The zone that turns order instants into days. Default UTC. */
    @Value.Default
    default ZoneId zone() {
        return ZoneOffset.UTC;
    }

    /** Weight of the newest day in the exponentially weighted moving average of velocity. Default 0.1. */
    @Value.Default
    default double ewmaAlpha() {
        return 0.1;
    }

    /** Days over which the plain (unsmoothed) velocity is averaged. Default 28. */
    @Value.Default
    default int velocityWindowDays() {
        return 28;
    }

    /** Weeks at the end of the window compared against the baseline. Default 4. */
    @Value.Default
    default int trendRecentWeeks() {
        return 4;
    }

    /** Weeks before the recent window that form each item's own baseline. Default 12. */
    @Value.Default
    default int trendBaselineWeeks() {
        return 12;
    }

    /** Fewest units (in the recent window for a rise, expected there for a fall) before a trend can be called. Default 10. */
    @Value.Default
    default int trendMinCount() {
        return 10;
    }

    /** Smallest rate ratio (recent over baseline) that counts as a rise; its inverse counts as a fall. Default 1.5. */
    @Value.Default
    default double trendMinGrowth() {
        return 1.5;
    }

    /** Family-wise significance level, split over every item tested (Bonferroni). Default 0.01. */
    @Value.Default
    default double significance() {
        return 0.01;
    }

    /** Weeks forecast, 4 to 12. Default 8. */
    @Value.Default
    default int forecastWeeks() {
        return 8;
    }

    /** Weeks held back at the end to measure forecast accuracy, 1 to 12. Default 4. */
    @Value.Default
    default int holdoutWeeks() {
        return 4;
    }

    /** Coverage of the prediction interval, e.g. 0.8 for an 80% interval. Default 0.8. */
    @Value.Default
    default double intervalLevel() {
        return 0.8;
    }

    /** Simulated future paths behind each prediction interval. Default 400. */
    @Value.Default
    default int simulationPaths() {
        return 400;
    }

    /** Seed of the interval simulation, so a report is reproducible. Default 42. */
    @Value.Default
    default long simulationSeed() {
        return 42L;
    }

    /** Full weeks in a row a pattern must sell at least {@link #sequelUnitsPerWeek()} to suggest a sequel. Default 8. */
    @Value.Default
    default int sequelWeeks() {
        return 8;
    }

    /** Weekly units a pattern must hold to suggest a sequel. Default 20. */
    @Value.Default
    default double sequelUnitsPerWeek() {
        return 20;
    }

    /** Rate after a file update over the rate before, at or below which sales count as collapsed. Default 0.5. */
    @Value.Default
    default double collapseRatio() {
        return 0.5;
    }

    /** Days before and after a file update that are compared. Default 28. */
    @Value.Default
    default int collapseWindowDays() {
        return 28;
    }

    /** Style words looked for in titles and tags (lower case). */
    @Value.Default
    default List<String> styleWords() {
        return List.of("cottagecore", "boho", "vintage", "minimalist", "oversized", "raglan", "wrap", "puff",
                "cable", "fair-isle", "lace", "granny", "amigurumi", "scandi", "retro", "classic", "ripple");
    }

    /** Colour words looked for in titles and tags (lower case). */
    @Value.Default
    default List<String> colourWords() {
        return List.of("red", "blue", "green", "yellow", "orange", "purple", "pink", "black", "white", "grey",
                "gray", "brown", "beige", "cream", "navy", "teal", "sage", "mustard", "rust", "ocean", "lilac",
                "burgundy", "olive", "coral");
    }

    /** Patterns drawn in the velocity chart, the fastest first. Default 8. */
    @Value.Default
    default int chartTopPatterns() {
        return 8;
    }

    @Value.Check
    default void check() {
        if (startDate().isPresent() && endDate().isPresent() && endDate().get().isBefore(startDate().get())) {
            throw invalid("endDate", "must not be before startDate (" + startDate().get() + "), was " + endDate().get());
        }
        if (!(ewmaAlpha() > 0 && ewmaAlpha() <= 1)) {
            throw invalid("ewmaAlpha", "must be in (0, 1], was " + ewmaAlpha());
        }
        requireAtLeast("velocityWindowDays", velocityWindowDays(), 1);
        requireAtLeast("trendRecentWeeks", trendRecentWeeks(), 1);
        requireAtLeast("trendBaselineWeeks", trendBaselineWeeks(), 2);
        requireAtLeast("trendMinCount", trendMinCount(), 1);
        if (!(trendMinGrowth() > 1)) {
            throw invalid("trendMinGrowth", "must be above 1, was " + trendMinGrowth());
        }
        if (!(significance() > 0 && significance() < 0.5)) {
            throw invalid("significance", "must be in (0, 0.5), was " + significance());
        }
        if (forecastWeeks() < 4 || forecastWeeks() > 12) {
            throw invalid("forecastWeeks", "must be 4 to 12, was " + forecastWeeks());
        }
        if (holdoutWeeks() < 1 || holdoutWeeks() > 12) {
            throw invalid("holdoutWeeks", "must be 1 to 12, was " + holdoutWeeks());
        }
        if (!(intervalLevel() >= 0.5 && intervalLevel() < 1)) {
            throw invalid("intervalLevel", "must be in [0.5, 1), was " + intervalLevel());
        }
        requireAtLeast("simulationPaths", simulationPaths(), 50);
        requireAtLeast("sequelWeeks", sequelWeeks(), 1);
        if (!(sequelUnitsPerWeek() > 0)) {
            throw invalid("sequelUnitsPerWeek", "must be positive, was " + sequelUnitsPerWeek());
        }
        if (!(collapseRatio() > 0 && collapseRatio() < 1)) {
            throw invalid("collapseRatio", "must be in (0, 1), was " + collapseRatio());
        }
        requireAtLeast("collapseWindowDays", collapseWindowDays(), 7);
        requireAtLeast("chartTopPatterns", chartTopPatterns(), 1);
    }

    private static void requireAtLeast(String field, int value, int min) {
        if (value < min) {
            throw invalid(field, "must be at least " + min + ", was " + value);
        }
    }

    private static InvalidModelException invalid(String field, String message) {
        return new InvalidModelException("InsightsSettings", field, message);
    }

    static ImmutableInsightsSettings.Builder builder() {
        return ImmutableInsightsSettings.builder();
    }

    /** Every default. */
    static InsightsSettings defaults() {
        return builder().build();
    }

    default ImmutableInsightsSettings.Builder toBuilder() {
        return ImmutableInsightsSettings.builder().from(this);
    }
}
