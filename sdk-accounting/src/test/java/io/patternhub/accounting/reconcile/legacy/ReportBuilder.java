package io.patternhub.accounting.reconcile.legacy;

import io.patternhub.accounting.reconcile.AccountRole;
import io.patternhub.accounting.reconcile.report.AdSpend;
import io.patternhub.accounting.reconcile.report.PlatformMonth;
import io.patternhub.accounting.reconcile.report.SalesReport;
import io.patternhub.core.Platform;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Sums postings into report rows per platform, month and currency; the same postings the journals use. */
public final class ReportBuilder {
    private static final String MARKETPLACE_COLLECTED = "tax collected by marketplace";

    private ReportBuilder() {
    }

    public static SalesReport build(List<Posting> postings, ZoneId zone, AdSpend adSpend) {
        Map<String, Acc> byKey = new TreeMap<>();
        for (Posting p : postings) {
            YearMonth month = YearMonth.from(LocalDate.ofInstant(p.at(), zone));
            byKey.computeIfAbsent(key(p.channel(), month, p.currency()), k -> new Acc(p.channel(), month, p.currency()))
                    .add(p);
        }
        for (AdSpend.Entry e : adSpend.entries()) {
            byKey.computeIfAbsent(key(e.platform(), e.month(), e.amount().currency()),
                    x -> new Acc(e.platform(), e.month(), e.amount().currency()));
        }
        List<PlatformMonth> rows = new ArrayList<>();
        byKey.values().forEach(acc -> rows.add(acc.toRow(adSpend)));
        return SalesReport.of(rows);
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
