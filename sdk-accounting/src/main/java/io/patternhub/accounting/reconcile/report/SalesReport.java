package io.patternhub.accounting.reconcile.report;

import io.patternhub.core.Platform;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Per platform and month: gross, discounts, refunds, fees by kind, taxes, net, and cost per acquisition
 * from the ad spend the user supplies. Built from the same postings as the journals, so the report
 * and the books agree. Rows in different currencies are never added together.
 */
public final class SalesReport {
    private final List<PlatformMonth> rows;

    private SalesReport(List<PlatformMonth> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * A report from its rows, sorted by platform, month and currency.
     *
     * @param rows the rows
     * @return the report
     */
    public static SalesReport of(List<PlatformMonth> rows) {
        List<PlatformMonth> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(PlatformMonth::platform).thenComparing(PlatformMonth::month)
                .thenComparing(PlatformMonth::currency));
        return new SalesReport(sorted);
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

}
