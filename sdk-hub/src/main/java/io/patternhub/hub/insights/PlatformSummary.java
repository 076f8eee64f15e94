package io.patternhub.hub.insights;

import io.patternhub.core.Platform;
import io.patternhub.core.model.Money;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Sales, fees and advertising on one platform over the report window.
 *
 * <p>Cost per acquisition is the prorated ad spend over the orders placed on days the spend covered (an
 * order is an acquisition: platforms do not say which order an ad brought). Return on ad spend is the
 * revenue of those orders over the spend. Margin per order is revenue less platform fees per order.
 *
 * @param platform         the platform
 * @param orders           counted orders in the window
 * @param units            units sold
 * @param revenue          line revenue after line discounts, before tax, less refunds
 * @param fees             platform fees
 * @param adSpend          ad spend prorated to the window
 * @param attributedOrders orders on days covered by ad spend
 * @param cpa              cost per acquisition, when there was spend and at least one attributed order
 * @param roas             return on ad spend (revenue of attributed orders over spend), when there was spend
 * @param marginPerOrder   (revenue - fees) / orders, when there were orders
 */
public record PlatformSummary(Platform platform, long orders, long units, Money revenue, Money fees, Money adSpend,
                              long attributedOrders, Optional<Money> cpa, Optional<BigDecimal> roas,
                              Optional<Money> marginPerOrder) {
}
