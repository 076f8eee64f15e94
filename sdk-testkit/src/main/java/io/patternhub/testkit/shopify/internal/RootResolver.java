package io.patternhub.testkit.shopify.internal;

import graphql.schema.DataFetchingEnvironment;

/** Resolves the fields of the root types ({@code QueryRoot}, {@code Mutation}) against one sandbox's state. */
public interface RootResolver {
    /**
     * Whether {@code typeName} is a root type this resolver answers.
     *
     * @param typeName the parent type name
     * @return true for root types
     */
    boolean handles(String typeName);

    /**
     * Resolves one root field.
     *
     * @param typeName the root type
     * @param field the field name
     * @param env the execution environment (arguments, selection)
     * @return the field value: maps for objects, lists, scalars
     */
    Object resolve(String typeName, String field, DataFetchingEnvironment env);
}
