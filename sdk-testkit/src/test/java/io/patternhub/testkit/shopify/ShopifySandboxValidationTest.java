package io.patternhub.testkit.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.GraphQLError;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShopifySandboxValidationTest {
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

    @Test
    void theSchemaAcceptsAValidDocumentAndRejectsAnInvalidOne() {
        assertThat(ShopifyAdminSchema.validate("{ shop { name myshopifyDomain } }")).isEmpty();
        List<GraphQLError> invalid = ShopifyAdminSchema.validate("{ shop { name downloadUrl } }");
        assertThat(invalid).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("downloadUrl"));
        assertThat(ShopifyAdminSchema.validate("{ shop { name ")).isNotEmpty();
    }

    @Test
    void anInvalidDocumentIsRejectedInShopifysShapeAndNothingRuns() {
        Gql.Reply reply = gql.query("mutation { productSet(input: {title: \"x\", digitalDownload: true}) { product { id } } }");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode error = reply.errors().get(0);
        assertThat(error.path("message").asText()).contains("digitalDownload");
        assertThat(error.path("locations").get(0).path("line").asInt()).isEqualTo(1);
        assertThat(error.path("extensions").path("code").asText()).isNotBlank();
        assertThat(reply.data().isMissingNode()).isTrue();
        assertThat(shop.products()).isEmpty();
    }

    @Test
    void anUndefinedFieldGetsTheUndefinedFieldCode() {
        Gql.Reply reply = gql.query("{ products(first: 1) { nodes { id downloads } } }");
        assertThat(reply.errors().get(0).path("extensions").path("code").asText()).isEqualTo("undefinedField");
    }

    @Test
    void aSyntaxErrorIsAParseError() {
        Gql.Reply reply = gql.query("{ products(first: 1) { nodes { id }");
        assertThat(reply.errors().get(0).path("extensions").path("code").asText()).isEqualTo("PARSE_ERROR");
    }

    @Test
    void aFieldTheSandboxDoesNotImplementFailsLoudly() {
        Gql.Reply reply = gql.query("{ shop { name plan { partnerDevelopment } } }");
        assertThat(reply.errors()).isNotEmpty();
        assertThat(reply.errors().get(0).path("message").asText()).contains("Shop.plan").contains("not implemented");
    }

    @Test
    void aMissingOrRevokedTokenIs401AndAnotherVersionIs404() {
        assertThat(gql.post("{\"query\":\"{ shop { name } }\"}", null).status()).isEqualTo(401);
        assertThat(gql.post("{\"query\":\"{ shop { name } }\"}", "shpat_wrong").status()).isEqualTo(401);
        shop.revokeAccessToken("shpat_test");
        assertThat(gql.query("{ shop { name } }").status()).isEqualTo(401);

        Gql other = new Gql(shop.baseUrl() + "/admin/api/2024-04/graphql.json", "shpat_test");
        shop.addAccessToken("shpat_test");
        assertThat(other.query("{ shop { name } }").status()).isEqualTo(404);
        assertThat(gql.query("{ shop { name } }").data().path("shop").path("name").asText()).isNotBlank();
    }

    @Test
    void connectionsNeedAPageSizeOfAtMost250() {
        assertThat(gql.query("{ products { nodes { id } } }").errors().get(0).path("message").asText())
                .contains("first or last");
        assertThat(gql.query("{ products(first: 251) { nodes { id } } }").errors()).isNotEmpty();
    }
}
