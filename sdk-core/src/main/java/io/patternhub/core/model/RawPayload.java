package io.patternhub.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.patternhub.core.model.internal.MissingNodeFilter;
import org.immutables.value.Value;

/**
 * A value that came from a platform and keeps what the platform sent, so nothing is lost in
 * normalization. Built by hand it has no payload: {@link #raw()} is a
 * {@linkplain JsonNode#isMissingNode() missing node}, on which {@code path(...)} lookups still work.
 */
public interface RawPayload {

    /** The platform's own JSON for this object, unchanged; a missing node when built by hand. */
    @Value.Default
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = MissingNodeFilter.class)
    default JsonNode raw() {
        return MissingNode.getInstance();
    }

    /** Whether a platform payload is attached. */
    default boolean hasRaw() {
        return !raw().isMissingNode();
    }
}
