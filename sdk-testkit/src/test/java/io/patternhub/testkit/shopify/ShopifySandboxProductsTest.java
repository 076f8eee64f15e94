package io.patternhub.testkit.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShopifySandboxProductsTest {
    static final String PRODUCT_SET = """
            mutation Set($input: ProductSetInput!) {
              productSet(input: $input, synchronous: true) {
                product { id handle title descriptionHtml tags status
                  variants(first: 10) { nodes { id sku price } } }
                userErrors { field message code }
              }
            }""";

    ShopifySandbox shop;
    Gql gql;

    @BeforeEach
    void start() {
        shop = ShopifySandbox.builder().accessToken("shpat_test").build().start();
        gql = new Gql(shop.graphqlUrl(), "shpat_test");
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    static Map<String, Object> input(String handle, String title, String sku, String price, String status, List<String> tags) {
        return Map.of("input", Map.of("handle", handle, "title", title, "descriptionHtml", "<p>" + title + "</p>",
                "tags", tags, "status", status,
                "productOptions", List.of(Map.of("name", "Title", "values", List.of(Map.of("name", "Default Title")))),
                "variants", List.of(Map.of("sku", sku, "price", price,
                        "optionValues", List.of(Map.of("optionName", "Title", "name", "Default Title"))))));
    }

    @Test
    void productSetCreatesThenUpdatesTheSameProductById() {
        Gql.Reply created = gql.query(PRODUCT_SET, input("tulip-dress", "Tulip Dress", "PH-1", "12.50", "ACTIVE",
                List.of("dress", "pdf")));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.errors().isMissingNode()).as(created.body().toString()).isTrue();
        JsonNode product = created.data().path("productSet").path("product");
        String id = product.path("id").asText();
        assertThat(product.path("handle").asText()).isEqualTo("tulip-dress");
        assertThat(product.path("variants").path("nodes").get(0).path("price").asText()).isEqualTo("12.50");

        Map<String, Object> update = Map.of("input", Map.of("id", id, "title", "Tulip Dress v2",
                "status", "DRAFT", "tags", List.of("dress"),
                "variants", List.of(Map.of("sku", "PH-1", "price", "14.00",
                        "optionValues", List.of(Map.of("optionName", "Title", "name", "Default Title"))))));
        Gql.Reply updated = gql.query(PRODUCT_SET, update);
        assertThat(updated.data().path("productSet").path("userErrors")).isEmpty();

        assertThat(shop.products()).hasSize(1);
        SandboxProduct stored = shop.product(id).orElseThrow();
        assertThat(stored.title()).isEqualTo("Tulip Dress v2");
        assertThat(stored.status()).isEqualTo("DRAFT");
        assertThat(stored.tags()).containsExactly("dress");
        assertThat(stored.descriptionHtml()).isEqualTo("<p>Tulip Dress</p>");
        assertThat(stored.variants()).singleElement().satisfies(v -> {
            assertThat(v.sku()).isEqualTo("PH-1");
            assertThat(v.price()).isEqualByComparingTo(new BigDecimal("14.00"));
        });
        assertThat(shop.productBySku("PH-1")).map(SandboxProduct::id).contains(id);
    }

    @Test
    void aSecondCreateWithATakenHandleIsRejectedNotDuplicated() {
        gql.query(PRODUCT_SET, input("tulip-dress", "Tulip Dress", "PH-1", "12.50", "ACTIVE", List.of()));
        Gql.Reply again = gql.query(PRODUCT_SET, input("tulip-dress", "Tulip Dress", "PH-1", "12.50", "ACTIVE", List.of()));

        JsonNode errors = again.data().path("productSet").path("userErrors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path("code").asText()).isEqualTo("HANDLE_NOT_UNIQUE");
        assertThat(again.data().path("productSet").path("product").isNull()).isTrue();
        assertThat(shop.products()).hasSize(1);
    }

    @Test
    void productsAreFoundByHandleAndBySku() {
        gql.query(PRODUCT_SET, input("tulip-dress", "Tulip Dress", "PH-1", "12.50", "ACTIVE", List.of()));
        gql.query(PRODUCT_SET, input("moss-cardigan", "Moss Cardigan", "PH-2", "9.00", "ACTIVE", List.of()));

        Gql.Reply bySku = gql.query("query($q: String) { products(first: 5, query: $q) { edges { node { handle } } } }",
                Map.of("q", "sku:PH-2"));
        assertThat(bySku.data().path("products").path("edges")).hasSize(1);
        assertThat(bySku.data().path("products").path("edges").get(0).path("node").path("handle").asText())
                .isEqualTo("moss-cardigan");

        Gql.Reply byHandle = gql.query("{ productByHandle(handle: \"tulip-dress\") { title } }");
        assertThat(byHandle.data().path("productByHandle").path("title").asText()).isEqualTo("Tulip Dress");
        Gql.Reply missing = gql.query("{ productByHandle(handle: \"nope\") { title } }");
        assertThat(missing.data().path("productByHandle").isNull()).isTrue();
    }

    @Test
    void productChangeStatusDeactivates() {
        String id = gql.query(PRODUCT_SET, input("tulip-dress", "Tulip Dress", "PH-1", "12.50", "ACTIVE", List.of()))
                .data().path("productSet").path("product").path("id").asText();
        Gql.Reply reply = gql.query("mutation($id: ID!) { productChangeStatus(productId: $id, status: ARCHIVED) "
                + "{ product { status } userErrors { message } } }", Map.of("id", id));
        assertThat(reply.data().path("productChangeStatus").path("product").path("status").asText()).isEqualTo("ARCHIVED");
        assertThat(shop.product(id).orElseThrow().status()).isEqualTo("ARCHIVED");
    }

    @Test
    void anUnknownProductIdIsAUserError() {
        Gql.Reply reply = gql.query(PRODUCT_SET, Map.of("input", Map.of("id", "gid://shopify/Product/999999",
                "title", "x")));
        assertThat(reply.data().path("productSet").path("userErrors").get(0).path("code").asText())
                .isEqualTo("PRODUCT_DOES_NOT_EXIST");
        assertThat(shop.products()).isEmpty();
    }
}
