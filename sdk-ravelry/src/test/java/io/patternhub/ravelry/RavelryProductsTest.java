package io.patternhub.ravelry;

import static io.patternhub.ravelry.RavelryTestSupport.draft;
import static io.patternhub.ravelry.RavelryTestSupport.pdf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import io.patternhub.core.storefront.ListingDraft;
import io.patternhub.core.storefront.ListingUpdate;
import io.patternhub.testkit.ravelry.RavelryProductView;
import io.patternhub.testkit.ravelry.RavelrySandbox;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stores and products against the Ravelry sandbox: list, create from a pattern, update, activate. */
class RavelryProductsTest {
    private final RavelryTestSupport support = new RavelryTestSupport();
    private RavelrySandbox ravelry;
    private RavelryStorefront store;

    @BeforeEach
    void start() {
        ravelry = RavelrySandbox.builder().attachmentReadyAfterPolls(0).build().start();
        store = support.personal(ravelry).pageSize(2).build();
    }

    @AfterEach
    void stop() {
        store.close();
        ravelry.close();
    }

    private RavelryProductView held(Listing l) {
        return ravelry.product(Long.parseLong(l.externalId())).orElseThrow();
    }

    @Test
    void listsTheAccountsStores() {
        long second = ravelry.addStore("Second Shop", "EUR");

        assertThat(store.stores()).extracting(PatternStore::id).containsExactly(ravelry.defaultStoreId(), second);
        assertThat(store.stores().get(0).name()).isEqualTo("PatternHub Sandbox Designs");
    }

    @Test
    void createsAProductFromAPatternWithTitlePriceAndSku() {
        long pattern = ravelry.addPattern("Harvest Shawl");

        Listing created = store.createListing(draft("SHAWL-01", "Harvest Shawl (PDF)", "6.50", pattern));

        RavelryProductView p = held(created);
        assertThat(p.source()).isEqualTo("pattern_id=" + pattern);
        assertThat(p.sku()).isEqualTo("SHAWL-01");
        assertThat(p.title()).isEqualTo("Harvest Shawl (PDF)");
        assertThat(p.price()).contains("6.50");
        assertThat(p.currency()).contains("USD");
        assertThat(p.active()).isFalse();
        assertThat(created.state()).isEqualTo(ListingState.INACTIVE);
        assertThat(created.price()).isEqualTo(Money.of("6.50", "USD"));
    }

    @Test
    void createIsIdempotentBySku() {
        long pattern = ravelry.addPattern("Socks");
        Listing first = store.createListing(draft("SOCK-1", "Socks", "4.00", pattern));

        Listing again = store.createListing(draft("SOCK-1", "Socks", "4.00", pattern));

        assertThat(again.externalId()).isEqualTo(first.externalId());
        assertThat(ravelry.productsWithSku("SOCK-1")).hasSize(1);
        assertThat(ravelry.journal().count("POST", "/products/create.json")).isEqualTo(1);
    }

    @Test
    void createsFromADraftPatternToo() {
        Listing created = store.createListing(ListingDraft.builder().sku("DRAFT-1").title("Test knit")
                .price(Money.of("3.00", "USD")).putPlatformAttribute("draft_pattern_id", "77").build());

        assertThat(held(created).source()).isEqualTo("draft_pattern_id=77");
    }

    @Test
    void refusesADraftWithoutExactlyOnePatternSource() {
        ListingDraft none = ListingDraft.builder().sku("X").title("X").price(Money.of("1.00", "USD")).build();
        ListingDraft two = none.toBuilder().putPlatformAttribute("pattern_id", "1")
                .putPlatformAttribute("draft_pattern_id", "2").build();

        assertThatThrownBy(() -> store.createListing(none)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("pattern_id");
        assertThatThrownBy(() -> store.createListing(two)).isInstanceOf(InvalidRequestException.class);
        assertThat(ravelry.products()).isEmpty();
    }

    @Test
    void refusesToCreateActiveOrInAnotherCurrency() {
        ListingDraft active = draft("A", "A", "1.00", 5).toBuilder().initialState(ListingState.ACTIVE).build();
        ListingDraft euro = draft("B", "B", "1.00", 5).toBuilder().price(Money.of("1.00", "EUR")).build();

        assertThatThrownBy(() -> store.createListing(active)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("attachment");
        assertThatThrownBy(() -> store.createListing(euro)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("USD");
        assertThat(ravelry.journal().size()).isZero();
    }

    @Test
    void updatesTitlePriceAndActiveState() {
        Listing created = store.createListing(draft("HAT-1", "Hat", "5.00", ravelry.addPattern("Hat")));
        String id = created.externalId();

        Listing renamed = store.updateListing(id, ListingUpdate.builder().title("Slouchy Hat")
                .price(Money.of("5.50", "USD")).build());
        assertThat(held(created).title()).isEqualTo("Slouchy Hat");
        assertThat(held(created).price()).contains("5.50");
        assertThat(renamed.price()).isEqualTo(Money.of("5.50", "USD"));

        // Ravelry activates only a product with an attachment.
        assertThatThrownBy(() -> store.activate(id)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("attachment");
        assertThat(held(created).active()).isFalse();

        store.attachFile(id, pdf("hat.pdf", "hat"));
        assertThat(store.activate(id).state()).isEqualTo(ListingState.ACTIVE);
        assertThat(held(created).active()).isTrue();
        assertThat(store.deactivate(id).state()).isEqualTo(ListingState.INACTIVE);
        assertThat(held(created).active()).isFalse();
    }

    @Test
    void refusesWhatRavelryProductsDoNotHave() {
        String id = store.createListing(draft("HAT-2", "Hat", "5.00", 9)).externalId();

        assertThatThrownBy(() -> store.updateListing(id, ListingUpdate.builder().description("x").build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("pattern");
        assertThatThrownBy(() -> store.updateListing(id, ListingUpdate.state(ListingState.DRAFT)))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> store.updateListing(id, ListingUpdate.builder()
                .putPlatformAttribute("colour", "red").build())).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void platformAttributesSetFreeAndReportingTag() {
        String id = store.createListing(draft("FREE-1", "Freebie", "2.00", 9)).externalId();

        store.updateListing(id, ListingUpdate.builder().putPlatformAttribute("free", "true")
                .putPlatformAttribute("reporting_tag", "promo").build());

        assertThat(ravelry.product(Long.parseLong(id)).orElseThrow().free()).isTrue();
        assertThat(store.listing(id).price().isZero()).isTrue();
    }

    @Test
    void listsEveryProductPageByPageAndFindsBySku() {
        for (int i = 1; i <= 5; i++) {
            store.createListing(draft("P-" + i, "Pattern " + i, i + ".00", 100 + i));
        }
        ravelry.journal().clear();

        List<String> skus = store.listings().map(l -> l.sku().orElseThrow()).collect(Collectors.toList());

        assertThat(skus).containsExactly("P-1", "P-2", "P-3", "P-4", "P-5");
        assertThat(ravelry.journal().count("GET", "/stores/{store_id}/products.json")).isEqualTo(3);
        assertThat(store.listingBySku("P-4")).map(Listing::title).contains("Pattern 4");
        assertThat(store.listingBySku("NOPE")).isEmpty();
    }
}
