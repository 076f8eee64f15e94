package io.patternhub.testkit.shopify;

import com.fasterxml.jackson.core.type.TypeReference;
import graphql.GraphQLError;
import graphql.InvalidSyntaxError;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.testkit.shopify.internal.SandboxWiring;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The Shopify Admin GraphQL schema, version {@value #VERSION}, built from Shopify's introspection
 * result (bundled gzipped in this jar) and cached once per JVM: it is a 9 MB test fixture, too slow
 * to parse per test. The schema is executable by {@link ShopifySandbox}; its resolvers read the
 * sandbox state from the execution context, so one schema serves every sandbox.
 *
 * <p>Use it to check a client's documents:
 * <pre>{@code
 * assertThat(ShopifyAdminSchema.validate(Files.readString(doc))).isEmpty();
 * }</pre>
 */
public final class ShopifyAdminSchema {
    /** The Admin API version the bundled schema describes. */
    public static final String VERSION = "2025-01";
    private static final String RESOURCE = "admin_schema_2025-01.json.gz";

    private ShopifyAdminSchema() {
    }

    /** Lazily loaded on first use, then shared (a test fixture cache; loading takes a few seconds). */
    private static final class Holder {
        private static final GraphQLSchema SCHEMA = load();
    }

    /**
     * The schema.
     *
     * @return the executable 2025-01 Admin schema
     */
    public static GraphQLSchema schema() {
        return Holder.SCHEMA;
    }

    /**
     * Parses and validates a GraphQL document against the schema.
     *
     * @param document the GraphQL document text
     * @return the syntax or validation errors; empty when the document is valid
     */
    public static List<GraphQLError> validate(String document) {
        Document parsed;
        try {
            parsed = Parser.parse(document);
        } catch (InvalidSyntaxException e) {
            InvalidSyntaxError error = e.toInvalidSyntaxError();
            return List.of(error);
        }
        List<ValidationError> errors = graphql.ParseAndValidate.validate(schema(), parsed, Locale.ENGLISH);
        return List.copyOf(errors);
    }

    private static GraphQLSchema load() {
        Map<String, Object> introspection;
        try (InputStream raw = ShopifyAdminSchema.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("Bundled Shopify schema " + RESOURCE + " is missing from the testkit jar");
            }
            try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                introspection = PatternHubJson.newMapper().readValue(in, new TypeReference<Map<String, Object>>() { });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the bundled Shopify schema", e);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = introspection.containsKey("data")
                ? (Map<String, Object>) introspection.get("data") : introspection;
        Document sdl = new IntrospectionResultToSchema().createSchemaDefinition(data);
        TypeDefinitionRegistry registry = new SchemaParser().buildRegistry(sdl);
        return new SchemaGenerator().makeExecutableSchema(registry, SandboxWiring.runtimeWiring(registry));
    }
}
