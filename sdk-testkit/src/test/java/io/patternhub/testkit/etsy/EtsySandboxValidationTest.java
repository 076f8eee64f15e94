package io.patternhub.testkit.etsy;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.testkit.etsy.internal.EtsySpec;
import io.patternhub.testkit.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox enforces Etsy's OpenAPI description on requests, and its own responses conform to it. */
class EtsySandboxValidationTest {
    private EtsySandbox etsy;
    private EtsyClient client;
    private String listings;

    @BeforeEach
    void start() {
        etsy = EtsySandbox.builder().perSecondLimit(0).build().start();
        client = new EtsyClient(etsy, etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken());
        listings = "/v3/application/shops/" + etsy.defaultShopId() + "/listings";
    }

    @AfterEach
    void stop() {
        etsy.close();
    }

    @Test
    void missingRequiredWhoMadeIsRejectedBySpecValidationBeforeTheHandler() {
        EtsyClient.Reply r = client.postForm(listings, "quantity", "1", "title", "t", "description", "d", "price",
                "4.00", "when_made", "made_to_order", "taxonomy_id", "1", "type", "download");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().fieldNames()).toIterable().containsExactly("error");
        assertThat(r.json().get("error").asText()).contains("who_made");
        JournalEntry rejected = singleRejection();
        assertThat(rejected.handled()).isFalse();
        assertThat(rejected.validationErrors()).anySatisfy(e -> assertThat(e.message()).contains("who_made"));
        assertThat(etsy.listings()).isEmpty();
    }

    @Test
    void wrongTypeForPriceIsRejected() {
        EtsyClient.Reply r = client.postForm(listings, "quantity", "1", "title", "t", "description", "d", "price",
                "cheap", "who_made", "i_did", "when_made", "made_to_order", "taxonomy_id", "1");

        assertThat(r.status()).isEqualTo(400);
        assertThat(singleRejection().validationErrors()).isNotEmpty();
        assertThat(etsy.listings()).isEmpty();
    }

    @Test
    void enumOutsideTheSpecIsRejected() {
        EtsyClient.Reply r = client.postForm(listings, "quantity", "1", "title", "t", "description", "d", "price",
                "1.00", "who_made", "a_robot", "when_made", "made_to_order", "taxonomy_id", "1");

        assertThat(r.status()).isEqualTo(400);
        assertThat(singleRejection().validationErrors()).isNotEmpty();
    }

    @Test
    void pageLimitAboveOneHundredIsRejected() {
        EtsyClient.Reply r = client.get("/v3/application/shops/" + etsy.defaultShopId() + "/receipts?limit=500");

        assertThat(r.status()).isEqualTo(400);
        assertThat(singleRejection().validationErrors()).anySatisfy(e -> assertThat(e.field()).isEqualTo("limit"));
    }

    @Test
    void nonNumericPathIdIsRejected() {
        assertThat(client.get("/v3/application/listings/abc").status()).isEqualTo(400);
        assertThat(singleRejection().validationErrors()).isNotEmpty();
    }

    @Test
    void inventoryWithoutRequiredOfferingFieldsIsRejected() {
        long id = client.createDraft(etsy.defaultShopId(), "Shawl", "5.00");
        EtsyClient.Reply r = client.putJson("/v3/application/listings/" + id + "/inventory",
                "{\"products\":[{\"sku\":\"S\",\"offerings\":[{\"price\":\"free\"}]}]}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(singleRejection().validationErrors()).isNotEmpty();
        assertThat(etsy.listing(id).orElseThrow().sku()).isEmpty();
    }

    @Test
    void theResponseValidatorCatchesAResponseThatBreaksTheSpec() {
        String bad = "{\"listing_id\":0,\"state\":\"flying\",\"price\":{\"amount\":\"ten\",\"divisor\":100,"
                + "\"currency_code\":\"USD\"}}";
        List<String> problems = EtsySpec.shared().validateResponse("GET", "/v3/application/listings/5", 200,
                bad.getBytes(StandardCharsets.UTF_8));

        assertThat(problems).isNotEmpty();
        assertThat(String.join("\n", problems)).contains("state").contains("listing_id");
    }

    @Test
    void theResponseValidatorAcceptsEtsysErrorShape() {
        assertThat(EtsySpec.shared().validateResponse("GET", "/v3/application/listings/5", 404,
                "{\"error\":\"Listing 5 not found\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(EtsySpec.shared().validateResponse("GET", "/v3/application/listings/5", 404,
                "{\"message\":7}".getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }

    private JournalEntry singleRejection() {
        List<JournalEntry> rejected = etsy.rejectedRequests();
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).status()).isEqualTo(400);
        return rejected.get(0);
    }
}
