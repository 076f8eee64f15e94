package io.patternhub.testkit.shopify.internal;

import graphql.schema.DataFetchingEnvironment;

/** A field value computed when selected, from its arguments (connections, filtered lists). */
@FunctionalInterface
public interface LazyField {
    /**
     * Computes the value.
     *
     * @param env the execution environment of the field
     * @return the value
     */
    Object get(DataFetchingEnvironment env);
}
