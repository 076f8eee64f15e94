package io.patternhub.testkit.shopify;

/**
 * The cost bucket as Shopify reports it in {@code extensions.cost.throttleStatus}.
 *
 * @param maximumAvailable the bucket size in points
 * @param currentlyAvailable the points available now
 * @param restoreRate points restored per second
 */
public record ShopifyThrottleStatus(double maximumAvailable, double currentlyAvailable, double restoreRate) {
}
