package io.patternhub.hub.ingest;

import io.patternhub.core.model.OrderStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * An order reached a new state. Each (order, state) pair happens once, however often or in whatever
 * order the platform reported it; {@link #id()} is stable, so a handler that must survive a crash in
 * the middle of its own work can deduplicate on it.
 *
 * @param id             stable id of this change
 * @param status         the state reached
 * @param previousStatus the state before, if the order was known
 * @param eventId        the storefront event that revealed it, if any
 * @param occurredAt     when the hub recorded it
 * @param order          the order as stored when the handler is called
 */
public record OrderChange(String id, OrderStatus status, Optional<OrderStatus> previousStatus,
                          Optional<String> eventId, Instant occurredAt, OrderRecord order) {
}
