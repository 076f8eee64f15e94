package io.patternhub.testkit.etsy;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.testkit.journal.JournalEntry;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Calls every route the sandbox serves once and checks each response against Etsy's spec. */
class EtsySandboxAllRoutesTest {
    @Test
    void everyRouteAnswersWithResponsesThatConformToTheSpec() {
        try (EtsySandbox etsy = EtsySandbox.builder().perSecondLimit(0).build().start()) {
            EtsyClient c = new EtsyClient(etsy, etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES).accessToken());
            long shop = etsy.defaultShopId();
            String s = "/v3/application/shops/" + shop;
            long listing = c.createDraft(shop, "Cardigan", "6.00");
            c.putJson("/v3/application/listings/" + listing + "/inventory", "{\"products\":[{\"sku\":\"CARD-1\","
                    + "\"offerings\":[{\"price\":6.0,\"quantity\":10,\"is_enabled\":true,\"readiness_state_id\":null}]}]}");
            c.patchForm(s + "/listings/" + listing, "state", "active");
            long file = c.upload(shop, listing, "cardigan.pdf", new byte[] {'%', 'P', 'D', 'F'}, 1).json()
                    .get("listing_file_id").asLong();
            long receipt = etsy.addReceipt(ReceiptSeed.builder("USD").transaction("CARD-1", "Cardigan", 1, "6.00")
                    .salesTax("0.48").refund("1.00", "late").build());
            long tx = etsy.receipt(receipt).orElseThrow().transactions().get(0).transactionId();
            long payment = etsy.receipt(receipt).orElseThrow().paymentId().orElseThrow();
            long entry = etsy.ledgerEntries(shop).get(0).entryId();
            long now = etsy.clock().instant().getEpochSecond();

            String[] gets = {"/v3/application/openapi-ping", "/v3/application/users/me", s,
                "/v3/application/listings/" + listing, "/v3/application/listings/batch?listing_ids=" + listing,
                s + "/listings?state=active&includes=Inventory", s + "/listings/active?keywords=cardigan",
                "/v3/application/listings/" + listing + "/inventory?includes=Listing",
                s + "/listings/" + listing + "/files", s + "/listings/" + listing + "/files/" + file,
                s + "/receipts?was_paid=true", s + "/receipts/" + receipt, s + "/receipts/" + receipt + "/transactions",
                s + "/transactions?limit=5", s + "/transactions/" + tx, s + "/receipts/" + receipt + "/payments",
                s + "/payments?payment_ids=" + payment,
                s + "/payment-account/ledger-entries?min_created=" + (now - 60) + "&max_created=" + (now + 60),
                s + "/payment-account/ledger-entries/" + entry,
                s + "/payment-account/ledger-entries/payments?ledger_entry_ids=" + entry};
            for (String get : gets) {
                EtsyClient.Reply r = c.get(get);
                assertThat(r.status()).as(get + " -> " + r.body()).isEqualTo(200);
            }
            assertThat(c.get(s + "/listings/active").json().at("/results/0/listing_id").asLong()).isEqualTo(listing);
            assertThat(c.delete(s + "/listings/" + listing + "/files/" + file).status()).isEqualTo(204);
            assertThat(c.delete("/v3/application/listings/" + listing).status()).isEqualTo(204);
            assertThat(c.get("/v3/application/listings/" + listing).status()).isEqualTo(404);

            Set<String> routes = etsy.journal().entries().stream().map(JournalEntry::routeKey)
                    .collect(Collectors.toSet());
            assertThat(routes).hasSizeGreaterThanOrEqualTo(25);
            assertThat(etsy.rejectedRequests()).isEmpty();
            assertThat(etsy.responseViolations()).isEmpty();
        }
    }
}
