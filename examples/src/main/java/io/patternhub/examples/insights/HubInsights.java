package io.patternhub.examples.insights;

import io.patternhub.core.model.Order;
import io.patternhub.examples.accounting.HubOrderSource;
import io.patternhub.hub.catalog.CatalogRepository;
import io.patternhub.hub.insights.InsightsEngine;
import io.patternhub.hub.insights.InsightsInput;
import io.patternhub.hub.insights.InsightsReport;
import io.patternhub.hub.insights.InsightsSettings;
import io.patternhub.hub.store.HubStore;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The thin adapter from the hub's store to insights: its orders and active patterns become an
 * {@link InsightsInput}. The reporting currency is the one most orders are in unless given; other
 * currencies need a rate, else the engine names the missing one.
 */
public final class HubInsights {
    private final HubStore store;

    /**
     * @param store the hub's store
     */
    public HubInsights(HubStore store) {
        this.store = store;
    }

    /**
     * Analyses the hub's orders.
     *
     * @param from     first day, if limited
     * @param to       last day, if limited
     * @param currency the reporting currency, if chosen
     * @param rates    rates from other order currencies into the reporting currency
     * @param zone     the zone that decides an order's day
     * @return the report
     */
    public InsightsReport analyze(Optional<LocalDate> from, Optional<LocalDate> to, Optional<Currency> currency,
                                  Map<Currency, BigDecimal> rates, ZoneId zone) {
        List<Order> orders = new HubOrderSource(store).placedBetween(Instant.MIN, Instant.MAX);
        Currency reporting = currency.orElseGet(() -> mostCommonCurrency(orders));
        InsightsInput input = InsightsInput.builder().currency(reporting).putAllRatesToReportingCurrency(rates)
                .orders(orders).patterns(new CatalogRepository(store).activePatterns()).build();
        var settings = InsightsSettings.builder().zone(zone);
        from.ifPresent(settings::startDate);
        to.ifPresent(settings::endDate);
        return InsightsEngine.builder().settings(settings.build()).build().analyze(input);
    }

    private static Currency mostCommonCurrency(List<Order> orders) {
        return orders.stream().collect(Collectors.groupingBy(Order::currency, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.<Currency, Long>comparingByValue()
                        .thenComparing(e -> e.getKey().getCurrencyCode(), Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse(Currency.getInstance("EUR"));
    }

}
