package io.patternhub.hub.insights.internal;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.model.Money;
import io.patternhub.hub.insights.AdSpendEntry;
import io.patternhub.hub.insights.InsightsInput;
import io.patternhub.hub.insights.PlatformSummary;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Revenue, fees, ad spend, cost per acquisition and return on ad spend per platform. */
public final class AdAnalyzer {
    private static final MathContext MC = MathContext.DECIMAL64;

    private AdAnalyzer() {
    }

    /**
     * One summary per platform with sales or spend.
     *
     * @param history the sales
     * @param input   the recorded ad spend
     * @return summaries in platform order
     * @throws ConfigurationException if ad spend is in a currency without a rate
     */
    public static List<PlatformSummary> summaries(SalesHistory history, InsightsInput input) {
        Map<Platform, BigDecimal> spend = new EnumMap<>(Platform.class);
        Map<Platform, boolean[]> covered = new EnumMap<>(Platform.class);
        for (AdSpendEntry entry : input.adSpend()) {
            LocalDate start = entry.from().isBefore(history.from()) ? history.from() : entry.from();
            LocalDate end = entry.to().isAfter(history.to()) ? history.to() : entry.to();
            if (end.isBefore(start)) {
                continue;
            }
            long overlap = ChronoUnit.DAYS.between(start, end) + 1;
            BigDecimal amount = convert(entry.amount(), input)
                    .multiply(BigDecimal.valueOf(overlap)).divide(BigDecimal.valueOf(entry.days()), MC);
            spend.merge(entry.platform(), amount, BigDecimal::add);
            boolean[] days = covered.computeIfAbsent(entry.platform(), p -> new boolean[history.days()]);
            for (int i = history.index(start); i <= history.index(end); i++) {
                days[i] = true;
            }
        }
        Set<Platform> platforms = EnumSet.noneOf(Platform.class);
        platforms.addAll(history.platforms());
        platforms.addAll(spend.keySet());
        List<PlatformSummary> out = new ArrayList<>();
        for (Platform platform : platforms) {
            out.add(summary(platform, history, spend.getOrDefault(platform, BigDecimal.ZERO), covered.get(platform)));
        }
        return out;
    }

    private static PlatformSummary summary(Platform platform, SalesHistory history, BigDecimal spend, boolean[] covered) {
        long[] orders = history.ordersPerDay(platform);
        BigDecimal[] revenuePerDay = history.revenuePerDay(platform);
        long orderCount = 0;
        long attributed = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal attributedRevenue = BigDecimal.ZERO;
        for (int i = 0; i < orders.length; i++) {
            orderCount += orders[i];
            revenue = revenue.add(revenuePerDay[i]);
            if (covered != null && covered[i]) {
                attributed += orders[i];
                attributedRevenue = attributedRevenue.add(revenuePerDay[i]);
            }
        }
        BigDecimal fees = history.fees(platform);
        Optional<Money> cpa = spend.signum() > 0 && attributed > 0
                ? Optional.of(money(spend.divide(BigDecimal.valueOf(attributed), MC), history)) : Optional.empty();
        Optional<BigDecimal> roas = spend.signum() > 0
                ? Optional.of(attributedRevenue.divide(spend, MC).setScale(2, RoundingMode.HALF_EVEN)) : Optional.empty();
        Optional<Money> margin = orderCount > 0
                ? Optional.of(money(revenue.subtract(fees).divide(BigDecimal.valueOf(orderCount), MC), history))
                : Optional.empty();
        return new PlatformSummary(platform, orderCount, history.units(platform), money(revenue, history),
                money(fees, history), money(spend, history), attributed, cpa, roas, margin);
    }

    private static Money money(BigDecimal amount, SalesHistory history) {
        return Money.of(amount, history.currency()).roundedToCurrency();
    }

    private static BigDecimal convert(Money money, InsightsInput input) {
        if (money.currency().equals(input.currency())) {
            return money.amount();
        }
        BigDecimal rate = input.ratesToReportingCurrency().get(money.currency());
        if (rate == null) {
            throw new ConfigurationException("Ad spend in " + money.currencyCode() + " but InsightsInput has no rate to "
                    + input.currency().getCurrencyCode() + "; add a ratesToReportingCurrency entry", ErrorContext.empty());
        }
        return money.amount().multiply(rate);
    }
}
