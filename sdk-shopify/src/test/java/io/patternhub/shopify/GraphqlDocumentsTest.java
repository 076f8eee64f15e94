package io.patternhub.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.GraphQLError;
import io.patternhub.shopify.internal.Documents;
import io.patternhub.testkit.shopify.ShopifyAdminSchema;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every GraphQL document the storefront sends is valid against the 2025-01 Admin schema. */
class GraphqlDocumentsTest {

    static Stream<Path> documents() throws IOException, URISyntaxException {
        URL dir = GraphqlDocumentsTest.class.getResource("/" + Documents.RESOURCE_DIR);
        assertThat(dir).as("the graphql resource folder is on the classpath").isNotNull();
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of(dir.toURI()))) {
            files = listed.filter(p -> p.toString().endsWith(".graphql")).sorted().toList();
        }
        return files.stream();
    }

    @Test
    void everyDocumentTheCodeNamesExistsAndThereAreNoStrays() throws Exception {
        List<String> onDisk = documents().map(p -> p.getFileName().toString().replace(".graphql", "")).toList();
        assertThat(onDisk).containsExactlyInAnyOrderElementsOf(Documents.NAMES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void documentIsValidAgainstTheAdminSchema(Path document) throws IOException {
        String text = Files.readString(document, StandardCharsets.UTF_8);
        if (document.getFileName().toString().equals("OrdersBulk.graphql")) {
            text = Documents.bulkOrdersQuery(text, "updated_at:>='2025-01-01T00:00:00Z'");
        }
        List<GraphQLError> errors = ShopifyAdminSchema.validate(text);
        assertThat(errors).as(document.getFileName().toString()).isEmpty();
    }

    @Test
    void theValidatorRejectsADeliberatelyInvalidDocument() {
        // productSet has no "price" field on Product, and orders' "first" wants an Int.
        String invalid = """
                query Broken {
                  products(first: "ten") { nodes { id price } }
                }""";
        List<GraphQLError> errors = ShopifyAdminSchema.validate(invalid);
        assertThat(errors).extracting(GraphQLError::getMessage)
                .anySatisfy(m -> assertThat(m).contains("price"))
                .anySatisfy(m -> assertThat(m).contains("first"));
    }

    @Test
    void theValidatorRejectsBrokenSyntax() {
        assertThat(ShopifyAdminSchema.validate("query { shop { currencyCode }")).isNotEmpty();
    }
}
