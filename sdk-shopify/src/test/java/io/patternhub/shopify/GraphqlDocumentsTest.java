package io.patternhub.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.GraphQLError;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.shopify.internal.Documents;
import io.patternhub.testkit.shopify.ShopifyAdminSchema;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every GraphQL document the storefront sends, with the shared fragments it includes, is valid against
 * the 2025-01 Admin schema; so is every fragment, through the documents that use it.
 */
class GraphqlDocumentsTest {
    private static final Documents LOADED = Documents.load();

    static Stream<Path> files() throws IOException, URISyntaxException {
        URL dir = GraphqlDocumentsTest.class.getResource("/" + Documents.RESOURCE_DIR);
        assertThat(dir).as("the graphql resource folder is on the classpath").isNotNull();
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of(dir.toURI()))) {
            files = listed.filter(p -> p.toString().endsWith(".graphql")).sorted().toList();
        }
        return files.stream();
    }

    static Stream<String> documents() {
        return Documents.NAMES.stream();
    }

    private static String sendable(String name, String text) {
        return name.equals("OrdersBulk") ? Documents.bulkOrdersQuery(text, "updated_at:>='2025-01-01T00:00:00Z'") : text;
    }

    private static String fragmentFile(String name) throws IOException, URISyntaxException {
        return Files.readString(Path.of(GraphqlDocumentsTest.class.getResource(
                "/" + Documents.RESOURCE_DIR + "/" + name + ".graphql").toURI()), StandardCharsets.UTF_8);
    }

    @Test
    void everyDocumentAndFragmentTheCodeNamesExistsAndThereAreNoStrays() throws Exception {
        List<String> onDisk = files().map(p -> p.getFileName().toString().replace(".graphql", "")).toList();
        assertThat(onDisk).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Documents.NAMES.stream(), Documents.FRAGMENTS.stream()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void documentWithItsFragmentsIsValidAgainstTheAdminSchema(String name) {
        List<GraphQLError> errors = ShopifyAdminSchema.validate(sendable(name, LOADED.get(name)));
        assertThat(errors).as(name).isEmpty();
    }

    @Test
    void everyFragmentIsIncludedByADocumentSoItIsValidatedAndTheOrderDocumentsShareThem() {
        for (String fragment : Documents.FRAGMENTS) {
            assertThat(Documents.NAMES).as(fragment).anyMatch(d -> LOADED.get(d).contains("fragment " + fragment + " on"));
        }
        for (String document : List.of("Order", "Orders", "OrdersBulk")) {
            String text = LOADED.get(document);
            assertThat(text).as(document).contains("...OrderFields", "fragment OrderFields on Order",
                    "...LineItemFields", "fragment LineItemFields on LineItem");
            // Each fragment appended once, whatever the number of spreads.
            assertThat(text.split("fragment OrderFields on", -1)).as(document).hasSize(2);
        }
        for (String document : List.of("Product", "Products", "ProductSearch", "ProductSet")) {
            assertThat(LOADED.get(document)).as(document).contains("...ProductFields", "fragment ProductFields on Product");
        }
        assertThat(LOADED.get("OrderLineItems")).contains("fragment LineItemFields on").doesNotContain("OrderFields");
        assertThat(LOADED.get("Shop")).doesNotContain("fragment");
    }

    @Test
    void anInvalidFragmentIsRejectedInTheDocumentsThatIncludeIt() throws Exception {
        // A field Order does not have, in the shared fragment: every order document becomes invalid.
        String broken = fragmentFile("OrderFields").replace("  displayFinancialStatus\n", "  displayFinancialStatus\n  price\n");
        assertThat(broken).contains("  price\n");
        Map<String, String> fragments = Map.of("OrderFields", broken, "LineItemFields", fragmentFile("LineItemFields"));
        for (String document : List.of("Order", "Orders", "OrdersBulk")) {
            String text = Documents.withFragments(document, fragmentFile(document), fragments);
            assertThat(ShopifyAdminSchema.validate(sendable(document, text))).as(document)
                    .extracting(GraphQLError::getMessage).anySatisfy(m -> assertThat(m).contains("price"));
        }
        // A fragment on the wrong type is rejected where it is spread.
        String wrongType = fragmentFile("LineItemFields").replace("on LineItem", "on Product");
        String text = Documents.withFragments("OrderLineItems", fragmentFile("OrderLineItems"),
                Map.of("LineItemFields", wrongType));
        assertThat(ShopifyAdminSchema.validate(text)).isNotEmpty();
    }

    @Test
    void aSpreadWithoutAFragmentFileOrAFileDefiningAnotherNameFailsToLoad() throws Exception {
        assertThatThrownBy(() -> Documents.withFragments("Order", fragmentFile("Order"),
                Map.of("LineItemFields", fragmentFile("LineItemFields"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("OrderFields");
        assertThatThrownBy(() -> Documents.withFragments("OrderLineItems", fragmentFile("OrderLineItems"),
                Map.of("LineItemFields", fragmentFile("OrderFields"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must define exactly");
    }

    @Test
    void fragmentsSpreadByFragmentsAreIncludedOnceAndInlineFragmentsAreLeftAlone() {
        Map<String, String> fragments = Map.of(
                "A", "fragment A on Order { id ...B }",
                "B", "# ...NotAFragment in a comment\nfragment B on Order { name ...A ... on Order { email } }");
        String text = Documents.withFragments("Q", "query Q { order(id: \"1\") { ...A } }", fragments);
        assertThat(text).isEqualTo("query Q { order(id: \"1\") { ...A } }\n\n" + fragments.get("A") + "\n\n"
                + fragments.get("B") + "\n");
        assertThat(ShopifyAdminSchema.validate(text)).extracting(GraphQLError::getMessage)
                .as("graphql-java still sees the A/B cycle").isNotEmpty();
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
