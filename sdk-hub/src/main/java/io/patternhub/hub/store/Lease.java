package io.patternhub.hub.store;

import java.time.Instant;

/**
 * A claimed row of a {@link LeaseQueue}: held by one worker until {@link #leaseUntil()}, then free for
 * another worker if it was neither completed nor released.
 *
 * @param table      the queue's table
 * @param id         the row id
 * @param lane       the row's lane (a storefront, a platform)
 * @param token      the claim's fencing token: only its holder can complete or release the row
 * @param attempts   how many times the row has been claimed, this claim included
 * @param leaseUntil when the lease runs out
 */
public record Lease(String table, long id, String lane, String token, int attempts, Instant leaseUntil) {
}
