package io.patternhub.core.model.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Jackson value filter that leaves a {@code raw} payload out of JSON when there is none, so a value
 * built by hand reads back equal to itself. Not part of the public API.
 */
public final class MissingNodeFilter {
    /** Jackson instantiates the filter reflectively. */
    public MissingNodeFilter() {
    }

    /** Jackson's contract: {@code true} means "exclude this value". */
    @Override
    public boolean equals(Object value) {
        return value == null || (value instanceof JsonNode node && node.isMissingNode());
    }

    @Override
    public int hashCode() {
        return 0;
    }
}
