package io.patternhub.hub.privacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.event.PrivacyEvent;
import java.util.List;

/**
 * What the hub did for one privacy event.
 *
 * @param kind    the request kind
 * @param exports for a data request, one export per customer found
 * @param erasure for a redact request, what was erased
 */
public record PrivacyOutcome(PrivacyEvent.Kind kind, List<ObjectNode> exports, ErasureReport erasure) {
}
