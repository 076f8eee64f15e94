package io.patternhub.accounting.reconcile.report;

import io.patternhub.core.Platform;
import io.patternhub.core.model.Money;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What the user spent on advertising per platform and month; the engine cannot know it. Immutable. */
public final class AdSpend {
    private static final AdSpend NONE = builder().build();

    private final Map<String, Money> spend;

    private AdSpend(Map<String, Money> spend) {
        this.spend = Map.copyOf(spend);
    }

    /** No ad spend: reports show no cost per acquisition. */
    public static AdSpend none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The spend for a platform and month.
     *
     * @param platform the storefront
     * @param month    the month
     * @return the spend, when given
     */
    public Optional<Money> spend(Platform platform, YearMonth month) {
        return Optional.ofNullable(spend.get(platform + "/" + month));
    }

    /** Every amount given, one per platform and month. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        spend.forEach((k, money) -> {
            String[] parts = k.split("/");
            out.add(new Entry(Platform.valueOf(parts[0]), YearMonth.parse(parts[1]), money));
        });
        return out;
    }

    /**
     * The spend for one platform and month.
     *
     * @param platform the storefront
     * @param month    the month
     * @param amount   the total spend
     */
    public record Entry(Platform platform, YearMonth month, Money amount) {
    }

    /** Builds {@link AdSpend}; amounts for the same platform and month add up. */
    public static final class Builder {
        private final Map<String, Money> spend = new HashMap<>();

        private Builder() {
        }

        /**
         * Adds spend.
         *
         * @param platform the storefront the ads brought buyers to
         * @param month    the month
         * @param amount   a non-negative amount
         * @return this builder
         */
        public Builder add(Platform platform, YearMonth month, Money amount) {
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(month, "month");
            if (amount.isNegative()) {
                throw new io.patternhub.core.model.InvalidModelException("AdSpend", "amount",
                        "must not be negative, was " + amount);
            }
            spend.merge(platform + "/" + month, amount, Money::plus);
            return this;
        }

        public AdSpend build() {
            return new AdSpend(spend);
        }
    }
}
