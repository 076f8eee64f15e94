package io.patternhub.accounting.reconcile.report;

import io.patternhub.accounting.reconcile.AccountRole;
import io.patternhub.accounting.reconcile.internal.Posting;
import io.patternhub.core.Platform;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per platform and month: gross, discounts, refunds, fees by kind, taxes, net, and cost per acquisition
 * from the ad spend the user supplies. Built from the same postings as the journals, so the report
 * and the books agree. Rows in different currencies are never added together.
 */
public final class SalesReport {
    private static final String MARKETPLACE_COLLECTED = "tax collected by marketplace";

    private final List<PlatformMonth> rows;

    private SalesReport(List<PlatformMonth> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * Builds the report. Used by {@link io.patternhub.accounting.reconcile.Reconciler#report}.
     *
     * @param postings every posting of the orders
     * @param zone     the zone months are taken in
     * @param adSpend  the user's ad spend
     * @return the report
     */
    public static SalesReport from(List<Posting> postings, ZoneId zone, AdSpend adSpend) {
        Map<String, Acc> byKey = new TreeMap<>();
        for (Posting p : postings) {
            YearMonth month = YearMonth.from(LocalDate.ofInstant(p.at(), zone));
            byKey.computeIfAbsent(key(p.channel(), month, p.currency()), k -> new Acc(p.channel(), month, p.currency()))
                    .add(p);
        }
        adSpend.entries().forEach((k, money) -> {
            String[] parts = k.split("/");
            Platform platform = Platform.valueOf(parts[0]);
            YearMonth month = YearMonth.parse(parts[1]);
            byKey.computeIfAbsent(key(platform, month, money.currency()), x -> new Acc(platform, month, money.currency()));
        });
        List<PlatformMonth> rows = new ArrayList<>();
        byKey.values().forEach(acc -> rows.add(acc.toRow(adSpend)));
        rows.sort(Comparator.comparing(PlatformMonth::platform).thenComparing(PlatformMonth::month)
                .thenComparing(PlatformMonth::currency));
        return new SalesReport(rows);
    }

    public List<PlatformMonth> rows() {
        return rows;
    }

    /**
     * The row for a platform, month and currency.
     *
     * @param platform the storefront
     * @param month    the month
     * @param currency an ISO 4217 code
     * @return the row, when there were sales, fees or ad spend
     */
    public Optional<PlatformMonth> row(Platform platform, YearMonth month, String currency) {
        return rows.stream().filter(r -> r.platform() == platform && r.month().equals(month)
                && r.currency().equals(currency)).findFirst();
    }

    /** The report as CSV (RFC 4180, comma-separated, header first, amounts as plain decimals). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("platform,month,currency,orders,gross,discounts,refunds");
        for (FeeKind kind : FeeKind.values()) {
            sb.append(",fees_").append(kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        sb.append(",fee_tax,seller_tax,marketplace_tax,net,ad_spend,cost_per_acquisition\r\n");
        for (PlatformMonth r : rows) {
            sb.append(csv(r.platform().displayName())).append(',').append(r.month()).append(',').append(r.currency())
                    .append(',').append(r.orders()).append(',').append(plain(r.gross())).append(',')
                    .append(plain(r.discounts())).append(',').append(plain(r.refunds()));
            for (FeeKind kind : FeeKind.values()) {
                sb.append(',').append(plain(r.fees(kind)));
            }
            sb.append(',').append(plain(r.feeTax())).append(',').append(plain(r.sellerTax())).append(',')
                    .append(plain(r.marketplaceTax())).append(',').append(plain(r.net())).append(',')
                    .append(r.adSpend().map(SalesReport::plain).orElse("")).append(',')
                    .append(r.costPerAcquisition().map(SalesReport::plain).orElse("")).append("\r\n");
        }
        return sb.toString();
    }

    private static String plain(Money m) {
        return m.amount().toPlainString();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String key(Platform platform, YearMonth month, Currency currency) {
        return platform + "/" + month + "/" + currency.getCurrencyCode();
    }

    /** Sums one row's postings. */
    private static final class Acc {
        final Platform platform;
        final YearMonth month;
        final Currency currency;
        final Set<String> orders = new HashSet<>();
        final Map<AccountRole, Money> byRole = new EnumMap<>(AccountRole.class);
        Money marketplaceCollected;
        Money all;

        Acc(Platform platform, YearMonth month, Currency currency) {
            this.platform = platform;
            this.month = month;
            this.currency = currency;
            this.marketplaceCollected = Money.zero(currency);
            this.all = Money.zero(currency);
        }

        void add(Posting p) {
            if ("sale".equals(p.event()) && p.role() == AccountRole.SALES) {
                orders.add(p.orderId());
            }
            byRole.merge(p.role(), p.amount(), Money::plus);
            if (p.role() == AccountRole.MARKETPLACE_TAX && p.label().startsWith(MARKETPLACE_COLLECTED)) {
                marketplaceCollected = marketplaceCollected.minus(p.amount());
            }
            all = all.plus(p.amount());
        }

        Money role(AccountRole role) {
            return byRole.getOrDefault(role, Money.zero(currency));
        }

        PlatformMonth toRow(AdSpend adSpend) {
            Map<FeeKind, Money> fees = new EnumMap<>(FeeKind.class);
            for (FeeKind kind : FeeKind.values()) {
                Money m = role(AccountRole.fee(kind));
                if (!m.isZero()) {
                    fees.put(kind, m);
                }
            }
            Optional<Money> spend = adSpend.spend(platform, month).filter(s -> s.currency().equals(currency));
            Optional<Money> cpa = spend.filter(s -> !orders.isEmpty())
                    .map(s -> Money.of(s.amount().divide(BigDecimal.valueOf(orders.size()),
                            Math.max(0, currency.getDefaultFractionDigits()), RoundingMode.HALF_EVEN), currency));
            return new PlatformMonth(platform, month, currency.getCurrencyCode(), orders.size(),
                    role(AccountRole.SALES).negate(), role(AccountRole.DISCOUNTS), role(AccountRole.REFUNDS), fees,
                    role(AccountRole.FEE_TAX), role(AccountRole.SELLER_TAX).negate(), marketplaceCollected,
                    all.negate(), spend, cpa);
        }
    }
}
