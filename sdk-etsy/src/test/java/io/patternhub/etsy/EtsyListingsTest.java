package io.patternhub.etsy;

import static io.patternhub.etsy.EtsyTestSupport.TAXONOMY;
import static io.patternhub.etsy.EtsyTestSupport.draft;
import static io.patternhub.etsy.EtsyTestSupport.fastStorefront;
import static io.patternhub.etsy.EtsyTestSupport.storefront;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import io.patternhub.core.storefront.ListingUpdate;
import io.patternhub.testkit.RequestMatchers;
import io.patternhub.testkit.etsy.EtsyListingState;
import io.patternhub.testkit.etsy.EtsyListingView;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.fault.FaultPlan;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing operations against the Etsy sandbox, asserting what the sandbox holds afterwards. */
class EtsyListingsTest {
    private static final String CREATE = "/v3/application/shops/{shop_id}/listings";
    private static final String INVENTORY = "/v3/application/listings/{listing_id}/inventory";
    private EtsySandbox etsy;
    private EtsyStorefront store;

    @BeforeEach
    void start() {
        etsy = EtsySandbox.builder().build().start();
        store = storefront(etsy).build();
    }

    @AfterEach
    void stop() {
        store.close();
        etsy.close();
        assertThat(etsy.responseViolations()).isEmpty();
    }

    @Test
    void createsADraftDigitalListingWithSkuAndPrice() {
        Listing created = store.createListing(draft("TEE-01", "Raglan Tee Sewing Pattern", "12.50"));

        EtsyListingView held = etsy.listing(Long.parseLong(created.externalId())).orElseThrow();
        assertThat(held.shopId()).isEqualTo(etsy.defaultShopId());
        assertThat(held.state()).isEqualTo(EtsyListingState.DRAFT);
        assertThat(held.listingType()).isEqualTo("download");
        assertThat(held.title()).isEqualTo("Raglan Tee Sewing Pattern");
        assertThat(held.taxonomyId()).isEqualTo(TAXONOMY);
        assertThat(held.whoMade()).isEqualTo("i_did");
        assertThat(held.whenMade()).isEqualTo("made_to_order");
        assertThat(held.tags()).containsExactly("sewing pattern", "pdf");
        assertThat(held.sku()).contains("TEE-01");
        assertThat(held.price()).isEqualTo(Money.of("12.50", "USD"));
        assertThat(created.sku()).contains("TEE-01");
        assertThat(created.price()).isEqualTo(Money.of("12.50", "USD"));
        assertThat(created.state()).isEqualTo(ListingState.DRAFT);
        assertThat(etsy.rejectedRequests()).isEmpty();
    }

    @Test
    void createIsIdempotentBySku() {
        Listing first = store.createListing(draft("SOCK-02", "Sock Knitting Pattern", "5.00"));
        Listing again = store.createListing(draft("SOCK-02", "Sock Knitting Pattern", "5.00"));
        // A second storefront (a restarted process) has no cache: it must find the SKU on Etsy.
        try (EtsyStorefront restarted = storefront(etsy).build()) {
            Listing third = restarted.createListing(draft("SOCK-02", "Sock Knitting Pattern", "5.00"));
            assertThat(third.externalId()).isEqualTo(first.externalId());
        }
        assertThat(again.externalId()).isEqualTo(first.externalId());
        assertThat(etsy.listingsWithSku("SOCK-02")).hasSize(1);
        assertThat(etsy.journal().count("POST", CREATE)).isEqualTo(1);
    }

    @Test
    void aCreateWhoseResponseWasLostIsFoundInsteadOfDuplicated() {
        etsy.faults().add(FaultPlan.next(1, Fault.processThenDrop()).matching(RequestMatchers.route("POST", CREATE)));

        Listing created = store.createListing(draft("HAT-03", "Beanie Pattern", "4.00"));

        assertThat(etsy.listings()).hasSize(1);
        assertThat(etsy.listingsWithSku("HAT-03")).singleElement()
                .satisfies(l -> assertThat(String.valueOf(l.listingId())).isEqualTo(created.externalId()));
        assertThat(etsy.journal().count("POST", CREATE)).isEqualTo(1);
    }

    @Test
    void aDraftLeftByAProcessKilledBeforeSettingItsSkuIsAdoptedByTheNextProcess() {
        // A 429 on the inventory PUT ends a create without retries between the listing's creation and
        // its SKU, as a SIGKILL at that point does: a SKU-less draft is left behind.
        etsy.faults().add(FaultPlan.next(2, Fault.tooManyRequests(Duration.ZERO))
                .matching(RequestMatchers.route("PUT", INVENTORY)));
        try (EtsyStorefront dying = storefront(etsy).retry(RetrySettings.none()).writeAttempts(1).build()) {
            assertThatThrownBy(() -> dying.createListing(draft("SHAWL-05", "Shawl Pattern", "7.00")))
                    .isInstanceOf(RateLimitException.class);
            // the seller's own SKU-less draft of the same title at another price: not ours to adopt
            assertThatThrownBy(() -> dying.createListing(draft("OTHER-06", "Shawl Pattern", "9.00")))
                    .isInstanceOf(RateLimitException.class);
        }
        assertThat(etsy.listings()).hasSize(2).allSatisfy(l -> assertThat(l.sku()).isEmpty());
        long leftBehind = etsy.listings().stream().filter(l -> l.price().equals(Money.of("7.00", "USD")))
                .findFirst().orElseThrow().listingId();

        try (EtsyStorefront restarted = storefront(etsy).build()) {
            Listing created = restarted.createListing(draft("SHAWL-05", "Shawl Pattern", "7.00"));
            assertThat(created.externalId()).isEqualTo(String.valueOf(leftBehind));
            assertThat(created.sku()).contains("SHAWL-05");
        }
        assertThat(etsy.listings()).hasSize(2);
        assertThat(etsy.listingsWithSku("SHAWL-05")).singleElement()
                .satisfies(l -> assertThat(l.listingId()).isEqualTo(leftBehind));
        assertThat(etsy.listings()).filteredOn(l -> l.sku().isEmpty()).singleElement()
                .satisfies(l -> assertThat(l.price()).isEqualTo(Money.of("9.00", "USD")));
        assertThat(etsy.journal().count("POST", CREATE)).as("no listing created by the restarted process")
                .isEqualTo(2);
    }

    @Test
    void aCreateThatFailedWithA5xxIsRetriedOnce() {
        etsy.faults().add(FaultPlan.next(2, Fault.serverError(503)).matching(RequestMatchers.route("POST", CREATE)));

        store.createListing(draft("BAG-04", "Tote Bag Pattern", "6.00"));

        assertThat(etsy.listingsWithSku("BAG-04")).hasSize(1);
        assertThat(etsy.listings()).hasSize(1);
    }

    @Test
    void updatesTitleDescriptionTagsAndPriceThroughTheInventory() {
        Listing created = store.createListing(draft("TEE-01", "Raglan Tee", "12.50"));
        long id = Long.parseLong(created.externalId());

        Listing updated = store.updateListing(created.externalId(), ListingUpdate.builder()
                .title("Raglan Tee v2").description("Now with sleeves").tags(List.of("raglan", "tee"))
                .price(Money.of("14.00", "USD")).build());

        EtsyListingView held = etsy.listing(id).orElseThrow();
        assertThat(held.title()).isEqualTo("Raglan Tee v2");
        assertThat(held.description()).isEqualTo("Now with sleeves");
        assertThat(held.tags()).containsExactly("raglan", "tee");
        assertThat(held.price()).isEqualTo(Money.of("14.00", "USD"));
        assertThat(held.sku()).contains("TEE-01"); // the price change kept the SKU
        assertThat(updated.price()).isEqualTo(Money.of("14.00", "USD"));
        assertThat(etsy.journal().count("PUT", "/v3/application/listings/{listing_id}/inventory")).isEqualTo(2);
        assertThat(etsy.journal().count("PATCH", "/v3/application/shops/{shop_id}/listings/{listing_id}"))
                .isEqualTo(1);
    }

    @Test
    void activatesAndDeactivates() {
        Listing created = store.createListing(draft("TEE-01", "Raglan Tee", "12.50"));
        long id = Long.parseLong(created.externalId());

        assertThat(store.activate(created.externalId()).state()).isEqualTo(ListingState.ACTIVE);
        assertThat(etsy.listing(id).orElseThrow().state()).isEqualTo(EtsyListingState.ACTIVE);
        assertThat(store.deactivate(created.externalId()).state()).isEqualTo(ListingState.INACTIVE);
        assertThat(etsy.listing(id).orElseThrow().state()).isEqualTo(EtsyListingState.INACTIVE);
        assertThatThrownBy(() -> store.updateListing(created.externalId(), ListingUpdate.state(ListingState.DRAFT)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("active or inactive");
    }

    @Test
    void listsEveryListingAcrossPagesAndStates() {
        try (EtsySandbox fast = EtsySandbox.builder().perSecondLimit(200).build().start();
             EtsyStorefront s = fastStorefront(fast, 200).pageSize(10).build()) {
            EtsySandbox etsy = fast;
            for (int i = 0; i < 23; i++) {
                s.createListing(draft("P-" + i, "Pattern number " + i, "3.00"));
            }
            s.activate(s.listingBySku("P-7").orElseThrow().externalId());
            etsy.journal().clear();

            List<Listing> all = s.listings().collect(Collectors.toList());

            assertThat(all).hasSize(23);
            assertThat(all.stream().map(l -> l.sku().orElseThrow()).collect(Collectors.toSet())).hasSize(23);
            assertThat(all.stream().filter(l -> l.state() == ListingState.ACTIVE).map(l -> l.sku().orElseThrow()))
                    .containsExactly("P-7");
            // 22 drafts in pages of 10: offsets 0, 10, 20; then one page per other state
            assertThat(etsy.journal().count(e -> e.method().equals("GET") && e.path().endsWith("/listings")
                    && e.query().getOrDefault("state", List.of()).equals(List.of("draft"))))
                    .isEqualTo(3);
            assertThat(etsy.journal().count(e -> e.query().getOrDefault("limit", List.of()).equals(List.of("10"))))
                    .isEqualTo(etsy.journal().size());
            assertThat(s.listings("draft").count()).isEqualTo(22);
        }
    }

    @Test
    void refusesAPriceInAnotherCurrencyBeforeCallingEtsy() {
        try (EtsyStorefront usd = storefront(etsy).shopCurrency("USD").build()) {
            long before = etsy.journal().size();
            assertThatThrownBy(() -> usd.createListing(draft("X", "X", "1.00").toBuilder()
                    .price(Money.of("1.00", "EUR")).build()))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("USD");
            assertThat(etsy.journal().size()).isEqualTo(before);
        }
    }

    @Test
    void capabilitiesStateWhatEtsyOffers() {
        var caps = store.capabilities();
        assertThat(caps.webhooks()).isTrue();
        assertThat(caps.webhookEventTypes()).isEqualTo(Set.of("order.paid"));
        assertThat(caps.polling()).isTrue();
        assertThat(caps.maxFilesPerListing()).hasValue(5);
        assertThat(caps.maxFileSizeBytes()).hasValue(20L * 1024 * 1024);
        assertThat(caps.reportsFees()).isTrue();
        assertThat(caps.reportsTaxes()).isTrue();
        assertThat(caps.buyerEmail()).isEqualTo(io.patternhub.core.storefront.EmailAvailability.ON_APPROVAL);
        assertThat(caps.notes().get(io.patternhub.core.storefront.Capability.WEBHOOKS)).contains("commercial");
    }
}
