/**
 * What storefronts report: the sealed {@link io.patternhub.core.event.StorefrontEvent} family produced
 * from verified webhooks and from polling, each with a stable {@code eventId()} for deduplication.
 */
package io.patternhub.core.event;
