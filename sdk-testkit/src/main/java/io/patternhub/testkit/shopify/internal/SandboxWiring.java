package io.patternhub.testkit.shopify.internal;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.ScalarTypeDefinition;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.TypeResolver;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.ScalarWiringEnvironment;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wires the introspected Admin schema for execution: one generic data fetcher that sends root
 * fields to the sandbox's {@link RootResolver} (found in the execution context) and reads every
 * other field from the {@code Map} its parent resolved to; a field missing from that map is a
 * field the sandbox does not implement, and fails loudly instead of answering null.
 */
public final class SandboxWiring {
    /** The key under which a parent map names its concrete GraphQL type (for interfaces and unions). */
    public static final String TYPENAME = "__typename";

    private SandboxWiring() {
    }

    /**
     * The runtime wiring for {@code registry}.
     *
     * @param registry the type registry built from the introspection result
     * @return the wiring
     */
    public static RuntimeWiring runtimeWiring(TypeDefinitionRegistry registry) {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().wiringFactory(new Factory());
        for (ScalarTypeDefinition scalar : registry.scalars().values()) {
            if (!ScalarInfo.isGraphqlSpecifiedScalar(scalar.getName())) {
                wiring.scalar(passThrough(scalar.getName()));
            }
        }
        return wiring.build();
    }

    private static final class Factory implements WiringFactory {
        @Override
        public boolean providesTypeResolver(InterfaceWiringEnvironment environment) {
            return true;
        }

        @Override
        public TypeResolver getTypeResolver(InterfaceWiringEnvironment environment) {
            return SandboxWiring::resolveType;
        }

        @Override
        public boolean providesTypeResolver(UnionWiringEnvironment environment) {
            return true;
        }

        @Override
        public TypeResolver getTypeResolver(UnionWiringEnvironment environment) {
            return SandboxWiring::resolveType;
        }

        @Override
        public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
            return SandboxWiring::fetch;
        }
    }

    private static GraphQLObjectType resolveType(graphql.TypeResolutionEnvironment env) {
        Object source = env.getObject();
        if (source instanceof Map<?, ?> map && map.get(TYPENAME) instanceof String name) {
            graphql.schema.GraphQLType type = env.getSchema().getType(name);
            if (type instanceof GraphQLObjectType object) {
                return object;
            }
        }
        throw new UnsupportedOperationException("Shopify sandbox cannot tell the concrete type of " + source
                + " for " + env.getFieldType());
    }

    private static Object fetch(DataFetchingEnvironment env) {
        String parent = ((GraphQLObjectType) env.getParentType()).getName();
        String field = env.getFieldDefinition().getName();
        GraphQLContext context = env.getGraphQlContext();
        RootResolver root = context.get(RootResolver.class);
        if (root != null && root.handles(parent)) {
            return root.resolve(parent, field, env);
        }
        Object source = env.getSource();
        if (source instanceof Map<?, ?> map) {
            if (map.containsKey(field)) {
                Object value = map.get(field);
                return value instanceof LazyField lazy ? lazy.get(env) : value;
            }
            throw new UnsupportedOperationException("Field " + parent + "." + field
                    + " is not implemented by the Shopify sandbox");
        }
        throw new UnsupportedOperationException("Shopify sandbox has no value for " + parent + "." + field);
    }

    /** A scalar that passes values through: Shopify's custom scalars (Money, DateTime, URL, JSON...). */
    private static GraphQLScalarType passThrough(String name) {
        return GraphQLScalarType.newScalar().name(name).description("Shopify " + name + " (sandbox pass-through)")
                .coercing(new Coercing<Object, Object>() {
                    @Override
                    public Object serialize(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof BigDecimal decimal) {
                            return decimal.toPlainString();
                        }
                        if (value instanceof Instant instant) {
                            return instant.toString();
                        }
                        return value;
                    }

                    @Override
                    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                        return input;
                    }

                    @Override
                    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                            Locale locale) {
                        return literal(input, variables);
                    }
                }).build();
    }

    private static Object literal(Value<?> input, CoercedVariables variables) {
        if (input instanceof StringValue s) {
            return s.getValue();
        }
        if (input instanceof IntValue i) {
            return i.getValue().toString();
        }
        if (input instanceof FloatValue f) {
            return f.getValue().toPlainString();
        }
        if (input instanceof BooleanValue b) {
            return b.isValue();
        }
        if (input instanceof EnumValue e) {
            return e.getName();
        }
        if (input instanceof NullValue) {
            return null;
        }
        if (input instanceof VariableReference v) {
            return variables.get(v.getName());
        }
        if (input instanceof ArrayValue a) {
            List<Object> list = new ArrayList<>();
            a.getValues().forEach(v -> list.add(literal(v, variables)));
            return list;
        }
        if (input instanceof ObjectValue o) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (ObjectField f : o.getObjectFields()) {
                map.put(f.getName(), literal(f.getValue(), variables));
            }
            return map;
        }
        throw new IllegalArgumentException("Unsupported literal " + input);
    }
}
