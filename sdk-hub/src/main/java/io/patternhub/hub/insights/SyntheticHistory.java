package io.patternhub.hub.insights;

import io.patternhub.core.Platform;
import io.patternhub.core.model.Craft;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.Pattern;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded, realistic sales history with a known ground truth, for tests and the offline demo.
 *
 * <p>Eight patterns sell on Etsy, Shopify, Ravelry and WooCommerce, one order per unit, with:
 * <ul>
 *   <li><b>weekly seasonality</b>: every pattern sells more at the weekend ({@link #WEEKDAY_FACTORS});</li>
 *   <li><b>a trending style</b>: the two "cottagecore" patterns (colour "sage") ramp from 1x to 3x their rate
 *       over 4 weeks, starting 8 weeks before the end;</li>
 *   <li><b>a collapse</b>: the cable cardigan drops to 30% of its rate the day its file update 2.0 goes live,
 *       10 weeks before the end, and its reviews turn negative;</li>
 *   <li><b>a random-walk control</b>: the crochet ripple blanket's log rate takes a Gaussian step
 *       (sd {@value #RANDOM_WALK_STEP}) each week, with no drift: no planted trend;</li>
 *   <li>steady patterns, one with a harmless file update (1.1) that must not be flagged;</li>
 *   <li>monthly ad spend on Etsy and Shopify, and about 1% cancelled or refunded orders.</li>
 * </ul>
 * Fee rates are illustrative round numbers, not any platform's tariff. Everything derives from the seed:
 * the same builder settings always give the same history.
 *
 * <pre>{@code
 * SyntheticHistory.Data data = SyntheticHistory.builder().seed(7).weeks(52).build().generate();
 * InsightsReport report = InsightsEngine.builder().build().analyze(data.input());
 * }</pre>
 */
public final class SyntheticHistory {
    /** Sales multipliers Monday to Sunday (mean 1). */
    public static final List<Double> WEEKDAY_FACTORS = List.of(0.9, 0.85, 0.9, 0.95, 1.0, 1.2, 1.2);
    /** Standard deviation of the control's weekly log-rate step. */
    public static final double RANDOM_WALK_STEP = 0.03;
    /** The planted trending style (a tag and a style word). */
    public static final String TRENDING_STYLE = "cottagecore";
    /** The colour word of the trending patterns. */
    public static final String TRENDING_COLOUR = "sage";
    /** The pattern whose sales collapse after its file update. */
    public static final String COLLAPSING_SKU = "CARDI-CABLE";
    /** The random-walk control. */
    public static final String RANDOM_WALK_SKU = "BLANKET-RIPPLE";
    /** A steady pattern that gets a harmless file update. */
    public static final String STEADY_UPDATED_SKU = "TOTE-EVERYDAY";

    private static final Currency EUR = Currency.getInstance("EUR");

    private final long seed;
    private final LocalDate start;
    private final int weeks;
    private final boolean events;

    private SyntheticHistory(Builder builder) {
        this.seed = builder.seed;
        this.start = builder.start;
        this.weeks = builder.weeks;
        this.events = builder.events;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The history and what was planted in it.
     *
     * @param input the orders, catalog, ad spend, file updates and reviews
     * @param truth the planted facts
     */
    public record Data(InsightsInput input, GroundTruth truth) {
    }

    /**
     * What the generator planted.
     *
     * @param start          the first day
     * @param end            the last day
     * @param trendingSkus   patterns of the trending style
     * @param trendStart     the day the trend's ramp starts
     * @param collapseDate   the day the collapsing pattern's update went live
     * @param randomWalkTags the control's tags (no other pattern has them)
     * @param steadySkus     patterns with a constant rate
     */
    public record GroundTruth(LocalDate start, LocalDate end, List<String> trendingSkus, LocalDate trendStart,
                              LocalDate collapseDate, List<String> randomWalkTags, List<String> steadySkus) {
    }

    private record Spec(String sku, String title, Craft craft, List<String> tags, double perDay, String price) {
    }

    private static final List<Spec> CATALOG = List.of(
            new Spec("TEE-RAGLAN", "Classic Raglan Tee", Craft.SEWING, List.of("tee", "raglan", "beginner"), 6, "9.00"),
            new Spec(STEADY_UPDATED_SKU, "Everyday Tote Bag", Craft.SEWING, List.of("bag", "tote", "beginner"), 4, "6.50"),
            new Spec("BLOUSE-CC", "Sage Cottagecore Puff Blouse", Craft.SEWING, List.of("blouse", "cottagecore", "puff sleeve"),
                    2, "12.00"),
            new Spec("DRESS-CC", "Cottagecore Apron Dress in Sage", Craft.SEWING, List.of("dress", "cottagecore", "apron"),
                    1.5, "14.00"),
            new Spec(COLLAPSING_SKU, "Mustard Cable Cardigan", Craft.KNITTING, List.of("cardigan", "cable", "worsted"), 3, "8.00"),
            new Spec("BEANIE-FI", "Fair-Isle Beanie", Craft.KNITTING, List.of("hat", "fair-isle", "colourwork"), 2.5, "5.50"),
            new Spec("SOCKS-TOEUP", "Vanilla Toe-Up Socks", Craft.KNITTING, List.of("socks", "toe-up"), 2, "4.50"),
            new Spec(RANDOM_WALK_SKU, "Teal Ripple Blanket", Craft.CROCHET, List.of("blanket", "ripple", "afghan"), 3, "7.00"));

    private static final Map<Craft, double[]> PLATFORM_SHARES = Map.of(
            Craft.SEWING, new double[] {0.5, 0.3, 0.0, 0.2},
            Craft.KNITTING, new double[] {0.35, 0.2, 0.45, 0.0},
            Craft.CROCHET, new double[] {0.35, 0.2, 0.45, 0.0});
    private static final Platform[] PLATFORMS = {Platform.ETSY, Platform.SHOPIFY, Platform.RAVELRY, Platform.WOOCOMMERCE};

    /** Generates the history; cheap enough to call per test. */
    public Data generate() {
        SplittableRandom random = new SplittableRandom(seed);
        int days = 7 * weeks;
        LocalDate end = start.plusDays(days - 1L);
        LocalDate trendStart = end.minusDays(8 * 7 - 1);
        LocalDate collapseDate = end.minusDays(10 * 7 - 1);
        double[] walk = new double[weeks];
        for (int w = 1; w < weeks; w++) {
            walk[w] = walk[w - 1] + RANDOM_WALK_STEP * random.nextGaussian();
        }
        List<Order> orders = new ArrayList<>();
        List<ReviewSentiment> reviews = new ArrayList<>();
        int sequence = 0;
        for (int d = 0; d < days; d++) {
            LocalDate day = start.plusDays(d);
            double weekday = WEEKDAY_FACTORS.get(day.getDayOfWeek().getValue() - 1);
            for (Spec spec : CATALOG) {
                double rate = spec.perDay * weekday
                        * (events ? multiplier(spec, day, trendStart, collapseDate, walk[d / 7]) : 1);
                double[] shares = PLATFORM_SHARES.get(spec.craft);
                for (int p = 0; p < PLATFORMS.length; p++) {
                    int n = poisson(rate * shares[p], random);
                    for (int k = 0; k < n; k++) {
                        orders.add(order(spec, PLATFORMS[p], day, ++sequence, random));
                        if (random.nextDouble() < 0.05) {
                            reviews.add(ReviewSentiment.of(spec.sku, sentiment(spec, events && !day.isBefore(collapseDate), random), day));
                        }
                    }
                }
            }
        }
        InsightsInput input = InsightsInput.builder()
                .currency(EUR)
                .orders(orders)
                .patterns(CATALOG.stream().map(SyntheticHistory::pattern).toList())
                .adSpend(adSpend(end))
                .addFileUpdate(FileUpdate.builder().sku(COLLAPSING_SKU).date(collapseDate).version("2.0").build())
                .addFileUpdate(FileUpdate.builder().sku(STEADY_UPDATED_SKU).date(end.minusDays(20 * 7 - 1)).version("1.1").build())
                .reviews(reviews)
                .build();
        GroundTruth truth = new GroundTruth(start, end, List.of("BLOUSE-CC", "DRESS-CC"), trendStart, collapseDate,
                List.of("blanket", "ripple", "afghan"), List.of("TEE-RAGLAN", STEADY_UPDATED_SKU, "BEANIE-FI", "SOCKS-TOEUP"));
        return new Data(input, truth);
    }

    private static double multiplier(Spec spec, LocalDate day, LocalDate trendStart, LocalDate collapseDate, double walk) {
        if (spec.tags.contains(TRENDING_STYLE) && !day.isBefore(trendStart)) {
            long since = day.toEpochDay() - trendStart.toEpochDay();
            return 1 + 2 * Math.min(1.0, since / 28.0);
        }
        if (spec.sku.equals(COLLAPSING_SKU) && !day.isBefore(collapseDate)) {
            return 0.3;
        }
        if (spec.sku.equals(RANDOM_WALK_SKU)) {
            return Math.exp(walk);
        }
        return 1;
    }

    private static Sentiment sentiment(Spec spec, boolean afterBadUpdate, SplittableRandom random) {
        double u = random.nextDouble();
        boolean broken = afterBadUpdate && spec.sku.equals(COLLAPSING_SKU);
        double positive = broken ? 0.2 : 0.7;
        double neutral = broken ? 0.2 : 0.2;
        return u < positive ? Sentiment.POSITIVE : u < positive + neutral ? Sentiment.NEUTRAL : Sentiment.NEGATIVE;
    }

    private static Order order(Spec spec, Platform platform, LocalDate day, int sequence, SplittableRandom random) {
        Money price = Money.of(spec.price, EUR);
        double r = random.nextDouble();
        OrderStatus status = r < 0.005 ? OrderStatus.CANCELLED : r < 0.01 ? OrderStatus.REFUNDED : OrderStatus.PAID;
        return Order.builder()
                .platform(platform)
                .externalId("SYN-" + platform.name() + "-" + sequence)
                .createdAt(day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(random.nextInt(86_400)))
                .addLineItem(LineItem.builder().sku(spec.sku).title(spec.title).quantity(1).unitPrice(price).build())
                .currency(EUR)
                .subtotal(price)
                .total(price)
                .fees(fees(platform, price))
                .status(status)
                .build();
    }

    private static List<Fee> fees(Platform platform, Money price) {
        // Illustrative rates only, so fee charts have shape; real fees come from the platforms.
        BigDecimal percent = switch (platform) {
            case ETSY -> new BigDecimal("0.10");
            case SHOPIFY -> new BigDecimal("0.05");
            case RAVELRY -> new BigDecimal("0.035");
            default -> new BigDecimal("0.03");
        };
        Money transaction = price.times(percent, RoundingMode.HALF_EVEN);
        Money processing = Money.of("0.25", EUR);
        return List.of(Fee.builder().kind(FeeKind.TRANSACTION).amount(transaction).build(),
                Fee.builder().kind(FeeKind.PAYMENT_PROCESSING).amount(processing).build());
    }

    private List<AdSpendEntry> adSpend(LocalDate end) {
        List<AdSpendEntry> out = new ArrayList<>();
        for (YearMonth m = YearMonth.from(start); !m.atDay(1).isAfter(end); m = m.plusMonths(1)) {
            out.add(AdSpendEntry.of(Platform.ETSY, m.atDay(1), m.atEndOfMonth(), Money.of("150.00", EUR)));
            out.add(AdSpendEntry.of(Platform.SHOPIFY, m.atDay(1), m.atEndOfMonth(), Money.of("80.00", EUR)));
        }
        return out;
    }

    private static Pattern pattern(Spec spec) {
        return Pattern.builder().sku(spec.sku).title(spec.title).craft(spec.craft).tags(spec.tags)
                .addPrice(Money.of(spec.price, EUR)).build();
    }

    /** Knuth's method; rates here are small. */
    private static int poisson(double lambda, SplittableRandom random) {
        if (lambda <= 0) {
            return 0;
        }
        double limit = Math.exp(-lambda);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    /** Builds a {@link SyntheticHistory}. */
    public static final class Builder {
        private long seed = 1;
        private LocalDate start = LocalDate.of(2025, 1, 6);
        private int weeks = 52;
        private boolean events = true;

        private Builder() {
        }

        /**
         * Whether to plant the trend, the collapse and the random walk. Without them every pattern sells at a
         * constant rate with the weekday season: plain seasonal data, e.g. to measure forecast accuracy.
         * Default {@code true}. The ground truth still names what would have been planted.
         *
         * @param events plant the events
         * @return this builder
         */
        public Builder events(boolean events) {
            this.events = events;
            return this;
        }

        /**
         * The seed every random draw derives from. Default 1.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The first day. Default Monday 2025-01-06.
         *
         * @param start the first day
         * @return this builder
         */
        public Builder start(LocalDate start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /**
         * How many weeks of history, at least 20 (the trend and collapse are planted in the last 10). Default 52.
         *
         * @param weeks the length
         * @return this builder
         */
        public Builder weeks(int weeks) {
            if (weeks < 20) {
                throw new InvalidModelException("SyntheticHistory", "weeks", "must be at least 20, was " + weeks);
            }
            this.weeks = weeks;
            return this;
        }

        public SyntheticHistory build() {
            return new SyntheticHistory(this);
        }
    }
}
