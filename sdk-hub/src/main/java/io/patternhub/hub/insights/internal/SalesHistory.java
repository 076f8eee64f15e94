package io.patternhub.hub.insights.internal;

import io.patternhub.core.Platform;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Pattern;
import io.patternhub.hub.insights.InsightsInput;
import io.patternhub.hub.insights.InsightsSettings;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Orders turned into daily series over the report window, in the report currency. Counted orders are
 * those paid or partially refunded; lines without a SKU are counted under {@link #UNKNOWN_SKU}.
 */
public final class SalesHistory {
    /** The key of lines that carry no SKU. */
    public static final String UNKNOWN_SKU = "(no SKU)";
    private static final Set<OrderStatus> COUNTED = Set.of(OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED);

    private final LocalDate from;
    private final LocalDate to;
    private final int days;
    private final Currency currency;
    private final Map<String, Pattern> patterns = new LinkedHashMap<>();
    private final Map<String, Map<Platform, double[]>> units = new TreeMap<>();
    private final Map<String, Map<Platform, double[]>> revenue = new TreeMap<>();
    private final Map<Platform, long[]> ordersPerDay = new EnumMap<>(Platform.class);
    private final Map<Platform, BigDecimal[]> revenuePerDay = new EnumMap<>(Platform.class);
    private final Map<Platform, BigDecimal> fees = new EnumMap<>(Platform.class);
    private final Map<Platform, Long> unitsPerPlatform = new EnumMap<>(Platform.class);
    private long uncountedOrders;

    private SalesHistory(LocalDate from, LocalDate to, Currency currency) {
        this.from = from;
        this.to = to;
        this.days = (int) ChronoUnit.DAYS.between(from, to) + 1;
        this.currency = currency;
    }

    /**
     * Builds the series.
     *
     * @param input    the orders and catalog
     * @param settings window and zone
     * @return the history
     * @throws ConfigurationException if an amount is in a currency without a rate
     * @throws InvalidModelException  if no counted order falls in the window
     */
    public static SalesHistory of(InsightsInput input, InsightsSettings settings) {
        Set<String> missing = new TreeSet<>();
        for (Order order : input.orders()) {
            checkRate(input, order.currency(), missing);
            order.fees().forEach(f -> checkRate(input, f.amount().currency(), missing));
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException("Orders use " + missing + " but InsightsInput has no rate to "
                    + input.currency().getCurrencyCode() + " for them; add ratesToReportingCurrency entries",
                    ErrorContext.empty());
        }
        LocalDate first = null;
        LocalDate last = null;
        for (Order order : input.orders()) {
            if (COUNTED.contains(order.status())) {
                LocalDate day = LocalDate.ofInstant(order.createdAt(), settings.zone());
                first = first == null || day.isBefore(first) ? day : first;
                last = last == null || day.isAfter(last) ? day : last;
            }
        }
        LocalDate from = settings.startDate().orElse(first);
        LocalDate to = settings.endDate().orElse(last);
        if (from == null || to == null || to.isBefore(from)) {
            throw new InvalidModelException("InsightsInput", "orders",
                    "no paid or partially refunded order to analyse; insights need sales");
        }
        SalesHistory history = new SalesHistory(from, to, input.currency());
        input.patterns().forEach(p -> history.patterns.put(p.sku(), p));
        for (Order order : input.orders()) {
            history.add(order, input, settings);
        }
        if (history.ordersPerDay.isEmpty()) {
            throw new InvalidModelException("InsightsInput", "orders",
                    "no paid or partially refunded order between " + from + " and " + to);
        }
        return history;
    }

    private static void checkRate(InsightsInput input, Currency c, Set<String> missing) {
        if (!c.equals(input.currency()) && !input.ratesToReportingCurrency().containsKey(c)) {
            missing.add(c.getCurrencyCode());
        }
    }

    private void add(Order order, InsightsInput input, InsightsSettings settings) {
        LocalDate day = LocalDate.ofInstant(order.createdAt(), settings.zone());
        if (day.isBefore(from) || day.isAfter(to)) {
            return;
        }
        if (!COUNTED.contains(order.status())) {
            uncountedOrders++;
            return;
        }
        int d = index(day);
        Platform platform = order.platform();
        BigDecimal orderRevenue = BigDecimal.ZERO;
        for (LineItem line : order.lineItems()) {
            String sku = line.sku().filter(s -> !s.isBlank()).orElse(UNKNOWN_SKU);
            BigDecimal lineRevenue = convert(line.total(), input);
            orderRevenue = orderRevenue.add(lineRevenue);
            series(units, sku, platform)[d] += line.quantity();
            series(revenue, sku, platform)[d] += lineRevenue.doubleValue();
            unitsPerPlatform.merge(platform, (long) line.quantity(), Long::sum);
        }
        orderRevenue = orderRevenue.subtract(convert(order.totalRefunded(), input));
        ordersPerDay.computeIfAbsent(platform, p -> new long[days])[d]++;
        BigDecimal[] rev = revenuePerDay.computeIfAbsent(platform, p -> zeros(days));
        rev[d] = rev[d].add(orderRevenue);
        BigDecimal orderFees = BigDecimal.ZERO;
        for (var fee : order.fees()) {
            orderFees = orderFees.add(convert(fee.amount(), input));
        }
        fees.merge(platform, orderFees, BigDecimal::add);
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] a = new BigDecimal[n];
        java.util.Arrays.fill(a, BigDecimal.ZERO);
        return a;
    }

    private double[] series(Map<String, Map<Platform, double[]>> map, String sku, Platform platform) {
        return map.computeIfAbsent(sku, s -> new EnumMap<>(Platform.class)).computeIfAbsent(platform, p -> new double[days]);
    }

    private static BigDecimal convert(Money money, InsightsInput input) {
        if (money.currency().equals(input.currency())) {
            return money.amount();
        }
        return money.amount().multiply(input.ratesToReportingCurrency().get(money.currency()));
    }

    /** Index of a day in the series, 0 for {@link #from()}. */
    public int index(LocalDate day) {
        return (int) ChronoUnit.DAYS.between(from, day);
    }

    public LocalDate from() {
        return from;
    }

    public LocalDate to() {
        return to;
    }

    public int days() {
        return days;
    }

    public Currency currency() {
        return currency;
    }

    /** The catalog by SKU. */
    public Map<String, Pattern> patterns() {
        return patterns;
    }

    /** The title of a SKU, or the SKU when the catalog does not know it. */
    public String title(String sku) {
        Pattern p = patterns.get(sku);
        return p == null ? sku : p.title();
    }

    /** SKUs with sales in the window. */
    public Set<String> skus() {
        return units.keySet();
    }

    /** Daily units of a SKU per platform. */
    public Map<Platform, double[]> units(String sku) {
        return units.getOrDefault(sku, Map.of());
    }

    /** Daily revenue of a SKU per platform. */
    public Map<Platform, double[]> revenue(String sku) {
        return revenue.getOrDefault(sku, Map.of());
    }

    /** Daily units of a SKU on all platforms. */
    public double[] totalUnits(String sku) {
        return sum(units(sku).values());
    }

    /** Daily revenue of a SKU on all platforms. */
    public double[] totalRevenue(String sku) {
        return sum(revenue(sku).values());
    }

    /** Daily units of the whole shop. */
    public double[] shopUnits() {
        double[] out = new double[days];
        for (String sku : units.keySet()) {
            add(out, totalUnits(sku));
        }
        return out;
    }

    /** Daily units on one platform. */
    public double[] platformUnits(Platform platform) {
        double[] out = new double[days];
        for (Map<Platform, double[]> perPlatform : units.values()) {
            double[] s = perPlatform.get(platform);
            if (s != null) {
                add(out, s);
            }
        }
        return out;
    }

    /** Platforms with counted orders. */
    public Set<Platform> platforms() {
        return ordersPerDay.keySet();
    }

    public long[] ordersPerDay(Platform platform) {
        return ordersPerDay.getOrDefault(platform, new long[days]);
    }

    public BigDecimal[] revenuePerDay(Platform platform) {
        return revenuePerDay.getOrDefault(platform, zeros(days));
    }

    public BigDecimal fees(Platform platform) {
        return fees.getOrDefault(platform, BigDecimal.ZERO);
    }

    public long units(Platform platform) {
        return unitsPerPlatform.getOrDefault(platform, 0L);
    }

    /** Orders in the window that were not counted (pending, cancelled, refunded). */
    public long uncountedOrders() {
        return uncountedOrders;
    }

    private double[] sum(java.util.Collection<double[]> series) {
        double[] out = new double[days];
        series.forEach(s -> add(out, s));
        return out;
    }

    private static void add(double[] into, double[] s) {
        for (int i = 0; i < into.length; i++) {
            into[i] += s[i];
        }
    }

    /** The lower-case words of a pattern's title and tags (tags also whole). */
    public static Set<String> words(Pattern p) {
        Set<String> words = new TreeSet<>();
        for (String token : p.title().toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}-]+")) {
            if (!token.isBlank()) {
                words.add(token);
            }
        }
        for (String tag : p.tags()) {
            String t = tag.toLowerCase(java.util.Locale.ROOT).trim();
            words.add(t);
            for (String token : t.split("[^\\p{L}\\p{N}-]+")) {
                if (!token.isBlank()) {
                    words.add(token);
                }
            }
        }
        return words;
    }
}
