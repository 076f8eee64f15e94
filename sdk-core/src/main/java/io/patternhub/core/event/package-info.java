/**
 * What storefronts report: the sealed {@link io.patternhub.core.event.StorefrontEvent} family produced
 * from verified webhooks and from polling, each with a stable {@code eventId()} for deduplication; and
 * {@link io.patternhub.core.event.PolledOrderEvents}, the polling engine (persisted cursor, rescan window,
 * each order state once) behind the storefront adapters' order events.
 */
package io.patternhub.core.event;
