/**
 * Rate limiters for sandboxes: fixed windows (per second, per minute), rolling quotas (per day)
 * and leaky buckets charged by request cost (Shopify GraphQL), each emitting the platform's own
 * headers through {@link io.patternhub.testkit.limit.LimitHeaders}.
 */
package io.patternhub.testkit.limit;
