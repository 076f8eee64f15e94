package io.patternhub.accounting.reconcile.report;

import io.patternhub.core.Platform;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;

/**
 * One row of a {@link SalesReport}: a platform's month in one currency. Amounts are positive for
 * what they name.
 *
 * @param platform           the storefront
 * @param month              the month
 * @param currency           the currency of every amount in the row
 * @param orders             sales in the month (the acquisitions cost per acquisition divides by)
 * @param gross              sales before discounts, excluding tax
 * @param discounts          discounts given
 * @param refunds            refunds, excluding the tax refunded
 * @param fees               platform fees by kind (negative for fee credits)
 * @param feeTax             tax charged on the platform's fees
 * @param sellerTax          tax the seller owes, net of refunds
 * @param marketplaceTax     tax the marketplace collected and remits, net of refunds
 * @param net                what the platform pays the seller: gross - discounts - refunds + sellerTax - fees - feeTax
 * @param adSpend            the ad spend given for the platform and month
 * @param costPerAcquisition ad spend divided by orders, when both are known and in this currency
 */
public record PlatformMonth(Platform platform, YearMonth month, String currency, int orders, Money gross,
                            Money discounts, Money refunds, Map<FeeKind, Money> fees, Money feeTax, Money sellerTax,
                            Money marketplaceTax, Money net, Optional<Money> adSpend,
                            Optional<Money> costPerAcquisition) {
    public PlatformMonth {
        fees = Map.copyOf(fees);
    }

    /** The sum of all fees, excluding tax on them. */
    public Money totalFees() {
        return fees.values().stream().reduce(Money.zero(gross.currency()), Money::plus);
    }

    /**
     * The fees of one kind.
     *
     * @param kind the kind
     * @return the fees, zero when none
     */
    public Money fees(FeeKind kind) {
        return fees.getOrDefault(kind, Money.zero(gross.currency()));
    }
}
