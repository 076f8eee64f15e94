package io.patternhub.hub.ingest;

import io.patternhub.core.Platform;
import java.time.Instant;
import java.util.Optional;

/**
 * A buyer as the hub stores them. After erasure {@link #erasedAt()} is set and every personal field
 * is empty (the external id is replaced by a pseudonym).
 *
 * @param id             the hub's customer id
 * @param platform       where they bought
 * @param externalId     the platform's customer id (a pseudonym once erased)
 * @param email          their email, when the platform shared it
 * @param name           their name, when known
 * @param country        ISO 3166-1 alpha-2 country, when known
 * @param createdAt      first seen
 * @param lastActivityAt last order activity (drives retention)
 * @param erasedAt       when their personal data was erased
 */
public record CustomerRecord(String id, Platform platform, Optional<String> externalId, Optional<String> email,
                             Optional<String> name, Optional<String> country, Instant createdAt,
                             Instant lastActivityAt, Optional<Instant> erasedAt) {
}
