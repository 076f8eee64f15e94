/**
 * Order ingest: the {@link io.patternhub.hub.ingest.WebhookInbox} (verified events stored before the
 * delivery is acknowledged, deduplicated by event id, processed later under row leases), the
 * {@link io.patternhub.hub.ingest.OrderPoller} for platforms without webhooks (persisted cursors and
 * a rescan window), and {@link io.patternhub.hub.ingest.OrderIngest}, which stores orders and
 * customers and hands every order state change to each registered
 * {@link io.patternhub.hub.ingest.OrderChangeHandler} once.
 */
package io.patternhub.hub.ingest;
