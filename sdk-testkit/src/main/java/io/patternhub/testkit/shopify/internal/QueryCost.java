package io.patternhub.testkit.shopify.internal;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.List;
import java.util.Map;

/**
 * Shopify's calculated query cost, approximated from its documented rules: scalars and enums cost
 * 0, objects (and interfaces, unions) 1, a connection 2 plus its page size ({@code first} or
 * {@code last}) times the cost of one node, a mutation 10. Given the result data, the same walk
 * counts the nodes actually returned: the actual cost.
 */
public final class QueryCost {
    /** What one mutation costs. */
    public static final long MUTATION = 10;

    private QueryCost() {
    }

    /**
     * The cost of an operation.
     *
     * @param schema the schema
     * @param document the validated document
     * @param operationName the operation to run, or null when the document has one
     * @param variables the variables
     * @param data the result data for the actual cost, or null for the requested cost
     * @return the cost
     * @throws IllegalArgumentException when the operation cannot be determined
     */
    public static long of(GraphQLSchema schema, Document document, String operationName, Map<String, Object> variables,
            Object data) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        OperationDefinition operation = operations.stream()
                .filter(o -> operationName == null ? operations.size() == 1 : operationName.equals(o.getName()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(operationName == null
                        ? "An operation name is required when the document has several operations"
                        : "No operation named " + operationName));
        if (operation.getOperation() == OperationDefinition.Operation.MUTATION) {
            return MUTATION;
        }
        Map<String, FragmentDefinition> fragments = new java.util.HashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        return new Walk(schema, fragments, variables).selection(operation.getSelectionSet(), schema.getQueryType(), data);
    }

    private record Walk(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, Map<String, Object> variables) {

        long selection(SelectionSet set, GraphQLType parent, Object result) {
            if (set == null) {
                return 0;
            }
            long total = 0;
            for (Selection<?> s : set.getSelections()) {
                if (s instanceof Field field) {
                    total += field(field, parent, result);
                } else if (s instanceof InlineFragment inline) {
                    GraphQLType type = inline.getTypeCondition() == null ? parent
                            : schema.getType(inline.getTypeCondition().getName());
                    total += selection(inline.getSelectionSet(), type, result);
                } else if (s instanceof FragmentSpread spread) {
                    FragmentDefinition def = fragments.get(spread.getName());
                    if (def != null) {
                        total += selection(def.getSelectionSet(), schema.getType(def.getTypeCondition().getName()),
                                result);
                    }
                }
            }
            return total;
        }

        private long field(Field field, GraphQLType parent, Object result) {
            if (!(parent instanceof GraphQLFieldsContainer container) || field.getName().startsWith("__")) {
                return 0;
            }
            GraphQLFieldDefinition def = container.getFieldDefinition(field.getName());
            if (def == null) {
                return 0;
            }
            GraphQLNamedType type = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(def.getType());
            if (type instanceof GraphQLScalarType || type instanceof GraphQLEnumType) {
                return 0;
            }
            Object value = result instanceof Map<?, ?> map ? map.get(field.getResultKey()) : null;
            boolean actual = result != null;
            if (type.getName().endsWith("Connection") && type instanceof GraphQLFieldsContainer connection) {
                return 2 + connection(field, connection, value, actual);
            }
            if (actual && value instanceof List<?> list) {
                long sum = 0;
                for (Object item : list) {
                    sum += 1 + selection(field.getSelectionSet(), type, item);
                }
                return sum;
            }
            return 1 + selection(field.getSelectionSet(), type, actual ? value : null);
        }

        private long connection(Field field, GraphQLFieldsContainer connection, Object value, boolean actual) {
            GraphQLType nodeType = nodeType(connection);
            long total = 0;
            for (Selection<?> s : field.getSelectionSet().getSelections()) {
                if (!(s instanceof Field child) || !(child.getName().equals("edges") || child.getName().equals("nodes"))) {
                    continue;
                }
                SelectionSet nodeSelection = child.getName().equals("nodes") ? child.getSelectionSet()
                        : child.getSelectionSet().getSelections().stream()
                                .filter(e -> e instanceof Field f && f.getName().equals("node"))
                                .map(e -> ((Field) e).getSelectionSet()).findFirst().orElse(null);
                if (actual) {
                    Object items = value instanceof Map<?, ?> map ? map.get(child.getResultKey()) : null;
                    if (items instanceof List<?> list) {
                        for (Object item : list) {
                            Object node = child.getName().equals("nodes") ? item
                                    : item instanceof Map<?, ?> edge ? edge.get("node") : null;
                            total += 1 + selection(nodeSelection, nodeType, node);
                        }
                    }
                } else {
                    total += pageSize(field) * (1 + selection(nodeSelection, nodeType, null));
                }
            }
            return total;
        }

        private GraphQLType nodeType(GraphQLFieldsContainer connection) {
            GraphQLFieldDefinition nodes = connection.getFieldDefinition("nodes");
            if (nodes != null) {
                return GraphQLTypeUtil.unwrapAll(nodes.getType());
            }
            GraphQLFieldDefinition edges = connection.getFieldDefinition("edges");
            GraphQLType edge = GraphQLTypeUtil.unwrapAll(edges.getType());
            return edge instanceof GraphQLCompositeType && edge instanceof GraphQLFieldsContainer c
                    ? GraphQLTypeUtil.unwrapAll(c.getFieldDefinition("node").getType()) : edge;
        }

        private long pageSize(Field field) {
            for (Argument argument : field.getArguments()) {
                if (argument.getName().equals("first") || argument.getName().equals("last")) {
                    if (argument.getValue() instanceof IntValue i) {
                        return i.getValue().longValue();
                    }
                    if (argument.getValue() instanceof VariableReference v && variables.get(v.getName()) instanceof Number n) {
                        return n.longValue();
                    }
                }
            }
            return 1;
        }
    }
}
