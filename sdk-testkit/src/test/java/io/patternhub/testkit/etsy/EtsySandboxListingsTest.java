package io.patternhub.testkit.etsy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.model.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EtsySandboxListingsTest {
    private EtsySandbox etsy;
    private EtsyClient client;
    private long shop;

    @BeforeEach
    void start() {
        etsy = EtsySandbox.builder().perSecondLimit(0).build().start();
        client = new EtsyClient(etsy, etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken());
        shop = etsy.defaultShopId();
    }

    @AfterEach
    void stop() {
        assertThat(etsy.responseViolations()).isEmpty();
        etsy.close();
    }

    @Test
    void createDraftListingStoresADraftDownloadListing() {
        EtsyClient.Reply r = client.postForm("/v3/application/shops/" + shop + "/listings", "quantity", "999",
                "title", "Wrap Dress PDF", "description", "Sizes 0-30", "price", "12.50", "who_made", "i_did",
                "when_made", "made_to_order", "taxonomy_id", "2078", "type", "download", "tags", "dress",
                "tags", "sewing pattern");

        assertThat(r.status()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.get("state").asText()).isEqualTo("draft");
        assertThat(body.get("listing_type").asText()).isEqualTo("download");
        assertThat(body.at("/price/amount").asLong()).isEqualTo(1250);
        assertThat(body.at("/price/divisor").asLong()).isEqualTo(100);
        assertThat(body.at("/price/currency_code").asText()).isEqualTo("USD");

        EtsyListingView listing = etsy.listing(body.get("listing_id").asLong()).orElseThrow();
        assertThat(listing.state()).isEqualTo(EtsyListingState.DRAFT);
        assertThat(listing.title()).isEqualTo("Wrap Dress PDF");
        assertThat(listing.tags()).containsExactly("dress", "sewing pattern");
        assertThat(listing.taxonomyId()).isEqualTo(2078);
        assertThat(listing.listingType()).isEqualTo("download");
        assertThat(listing.price()).isEqualTo(Money.of("12.50", "USD"));
        assertThat(listing.quantity()).isEqualTo(999);
    }

    @Test
    void updateListingChangesTitleTagsAndState() {
        long id = client.createDraft(shop, "Old title", "5.00");
        String path = "/v3/application/shops/" + shop + "/listings/" + id;

        EtsyClient.Reply r = client.patchForm(path, "title", "New title", "description", "New text", "tags", "knit",
                "tags", "shawl");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("title").asText()).isEqualTo("New title");
        assertThat(etsy.listing(id).orElseThrow().tags()).containsExactly("knit", "shawl");
        assertThat(etsy.listing(id).orElseThrow().description()).isEqualTo("New text");

        assertThat(client.patchForm(path, "state", "active").status()).isEqualTo(200);
        assertThat(etsy.listing(id).orElseThrow().state()).isEqualTo(EtsyListingState.ACTIVE);
        assertThat(client.patchForm(path, "state", "inactive").status()).isEqualTo(200);
        assertThat(etsy.listing(id).orElseThrow().state()).isEqualTo(EtsyListingState.INACTIVE);
    }

    @Test
    void updateListingInventorySetsSkuAndPrice() {
        long id = client.createDraft(shop, "Shawl", "5.00");
        EtsyClient.Reply r = client.putJson("/v3/application/listings/" + id + "/inventory",
                "{\"products\":[{\"sku\":\"SHAWL-01\",\"property_values\":[],\"offerings\":[{\"price\":7.25,"
                        + "\"quantity\":999,\"is_enabled\":true,\"readiness_state_id\":null}]}]}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/products/0/sku").asText()).isEqualTo("SHAWL-01");
        assertThat(r.json().at("/products/0/offerings/0/price/amount").asLong()).isEqualTo(725);
        EtsyListingView listing = etsy.listing(id).orElseThrow();
        assertThat(listing.sku()).contains("SHAWL-01");
        assertThat(listing.price()).isEqualTo(Money.of("7.25", "USD"));
        assertThat(etsy.listingsWithSku("SHAWL-01")).extracting(EtsyListingView::listingId).containsExactly(id);

        EtsyClient.Reply inventory = client.get("/v3/application/listings/" + id + "/inventory");
        assertThat(inventory.json().at("/products/0/offerings/0/price/amount").asLong()).isEqualTo(725);
        EtsyClient.Reply single = client.get("/v3/application/listings/" + id);
        assertThat(EtsyClient.texts(single.json().get("skus"))).containsExactly("SHAWL-01");
    }

    @Test
    void getListingsByShopPagesByStateWithSkus() {
        for (int i = 0; i < 7; i++) {
            long id = client.createDraft(shop, "Pattern " + i, "3.00");
            client.putJson("/v3/application/listings/" + id + "/inventory", "{\"products\":[{\"sku\":\"SKU-" + i
                    + "\",\"offerings\":[{\"price\":3.0,\"quantity\":1,\"is_enabled\":true,\"readiness_state_id\":null}]}]}");
        }
        EtsyClient.Reply first = client.get("/v3/application/shops/" + shop
                + "/listings?state=draft&limit=3&offset=0&sort_on=created&sort_order=asc&includes=Inventory");
        EtsyClient.Reply last = client.get("/v3/application/shops/" + shop
                + "/listings?state=draft&limit=3&offset=6&sort_on=created&sort_order=asc");

        assertThat(first.json().get("count").asInt()).isEqualTo(7);
        assertThat(first.json().get("results")).hasSize(3);
        assertThat(first.json().at("/results/0/title").asText()).isEqualTo("Pattern 0");
        assertThat(first.json().at("/results/0/inventory/products/0/sku").asText()).isEqualTo("SKU-0");
        assertThat(last.json().get("results")).hasSize(1);
        assertThat(EtsyClient.texts(last.json().at("/results/0/skus"))).containsExactly("SKU-6");
        assertThat(client.get("/v3/application/shops/" + shop + "/listings").json().get("count").asInt())
                .as("the default state is active").isZero();
    }

    @Test
    void deleteListingRemovesIt() {
        long id = client.createDraft(shop, "Gone", "1.00");
        assertThat(client.delete("/v3/application/listings/" + id).status()).isEqualTo(204);
        assertThat(etsy.listing(id)).isEmpty();
        assertThat(client.get("/v3/application/listings/" + id).status()).isEqualTo(404);
    }

    @Test
    void anotherUsersTokenCannotWriteToTheShop() {
        EtsyClient stranger = new EtsyClient(etsy, etsy.issueTokens(999L, EtsySandbox.DEFAULT_SCOPES).accessToken());
        EtsyClient.Reply r = stranger.postForm("/v3/application/shops/" + shop + "/listings", "quantity", "1",
                "title", "t", "description", "d", "price", "1.00", "who_made", "i_did", "when_made", "made_to_order",
                "taxonomy_id", "1");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).contains("does not own shop");
        assertThat(etsy.listings()).isEmpty();
    }
}
