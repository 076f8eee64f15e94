package io.patternhub.shopify;

import static io.patternhub.shopify.ShopifyTestSupport.draft;
import static io.patternhub.shopify.ShopifyTestSupport.pdf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.CapabilityNotSupportedException;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.storefront.Capability;
import io.patternhub.core.storefront.FileHosting;
import io.patternhub.core.storefront.ListingUpdate;
import io.patternhub.testkit.shopify.SandboxProduct;
import io.patternhub.testkit.shopify.ShopifySandbox;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShopifyListingsAndFilesTest {
    ShopifySandbox shop;
    ShopifyStorefront store;

    @BeforeEach
    void start() {
        shop = ShopifyTestSupport.roomySandbox();
        store = ShopifyTestSupport.storefront(shop).build();
    }

    @AfterEach
    void stop() {
        store.close();
        shop.close();
    }

    @Test
    void createListingWritesAProductWithSkuPriceDescriptionTagsAndStatus() {
        Listing created = store.createListing(draft("PH-RAGLAN", "Raglan Tee", "12.50"));

        SandboxProduct p = shop.product(created.externalId()).orElseThrow();
        assertThat(p.title()).isEqualTo("Raglan Tee");
        assertThat(p.handle()).isEqualTo("ph-raglan");
        assertThat(p.descriptionHtml()).isEqualTo("<p>A PDF sewing pattern: Raglan Tee</p>");
        assertThat(p.tags()).containsExactly("sewing pattern", "pdf");
        assertThat(p.status()).isEqualTo("DRAFT");
        assertThat(p.variants()).singleElement().satisfies(v -> {
            assertThat(v.sku()).isEqualTo("PH-RAGLAN");
            assertThat(v.price()).isEqualByComparingTo("12.50");
        });
        assertThat(created.sku()).contains("PH-RAGLAN");
        assertThat(created.price()).isEqualTo(Money.of("12.50", "USD"));
        assertThat(created.state()).isEqualTo(ListingState.DRAFT);
    }

    @Test
    void createListingIsIdempotentBySkuAndByHandle() {
        Listing first = store.createListing(draft("PH-1", "Wrap Dress", "9.00"));
        Listing again = store.createListing(draft("PH-1", "Wrap Dress (renamed)", "11.00"));
        assertThat(again.externalId()).isEqualTo(first.externalId());
        assertThat(shop.products()).hasSize(1);
        assertThat(shop.products().get(0).title()).isEqualTo("Wrap Dress");

        // A product holding the derived handle without a SKU (an interrupted earlier create) is adopted.
        ShopifyStorefront other = ShopifyTestSupport.storefront(shop).build();
        assertThat(other.listingBySku("PH-1")).map(Listing::externalId).contains(first.externalId());
        assertThat(other.listingBySku("NOPE")).isEmpty();
        other.close();
    }

    @Test
    void updateChangesOnlyWhatIsGivenAndKeepsTheVariant() {
        Listing created = store.createListing(draft("PH-2", "Tote", "5.00"));
        String variantId = shop.product(created.externalId()).orElseThrow().variants().get(0).id();

        Listing updated = store.updateListing(created.externalId(), ListingUpdate.builder()
                .price(Money.of("7.25", "USD")).description("<p>new</p>").tags(List.of("bag")).build());

        SandboxProduct p = shop.product(created.externalId()).orElseThrow();
        assertThat(p.title()).isEqualTo("Tote");
        assertThat(p.descriptionHtml()).isEqualTo("<p>new</p>");
        assertThat(p.tags()).containsExactly("bag");
        assertThat(p.variants()).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo(variantId);
            assertThat(v.sku()).isEqualTo("PH-2");
            assertThat(v.price()).isEqualByComparingTo("7.25");
        });
        assertThat(updated.price()).isEqualTo(Money.of("7.25", "USD"));
    }

    @Test
    void activateAndDeactivateSetShopifyStatus() {
        Listing created = store.createListing(draft("PH-3", "Beanie", "4.00"));
        assertThat(store.activate(created.externalId()).state()).isEqualTo(ListingState.ACTIVE);
        assertThat(shop.product(created.externalId()).orElseThrow().status()).isEqualTo("ACTIVE");
        assertThat(store.deactivate(created.externalId()).state()).isEqualTo(ListingState.INACTIVE);
        assertThat(shop.product(created.externalId()).orElseThrow().status()).isEqualTo("ARCHIVED");
        store.updateListing(created.externalId(), ListingUpdate.state(ListingState.DRAFT));
        assertThat(shop.product(created.externalId()).orElseThrow().status()).isEqualTo("DRAFT");
    }

    @Test
    void listingsPageThroughEveryProduct() {
        for (int i = 0; i < 60; i++) {
            store.createListing(draft("SKU-" + i, "Pattern " + i, "3.00"));
        }
        assertThat(store.listings().map(l -> l.sku().orElseThrow()).distinct().count()).isEqualTo(60);
    }

    @Test
    void badInputGetsTypedErrors() {
        assertThatThrownBy(() -> store.createListing(draft("PH-EUR", "Euro", "1.00").toBuilder()
                .price(Money.of("1.00", "EUR")).build())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("shop currency");
        assertThatThrownBy(() -> store.listing("gid://shopify/Product/999999")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.updateListing("gid://shopify/Product/999999", ListingUpdate.builder()
                .title("x").build())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Product does not exist");
        assertThatThrownBy(() -> store.updateListing("gid://shopify/Product/1", ListingUpdate.builder()
                .contentHash("abc").build())).isInstanceOf(InvalidRequestException.class);
        assertThat(shop.products()).isEmpty();
    }

    @Test
    void hostFileStagesStreamsAndCreatesTheFileIdempotently() throws Exception {
        PatternFile file = pdf("raglan-a4.pdf", "%PDF-1.7 raglan pattern pages ".repeat(2000));
        ListingFile hosted = store.hostFile(file);

        assertThat(shop.stagedUploads()).singleElement().satisfies(u -> {
            assertThat(u.resource()).isEqualTo("FILE");
            assertThat(u.httpMethod()).isEqualTo("POST");
            assertThat(u.receivedBytes()).isEqualTo(file.sizeBytes());
            assertThat(u.sha256()).contains(file.sha256());
        });
        assertThat(shop.files()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo(hosted.externalId());
            assertThat(f.filename()).isEqualTo("raglan-a4.pdf");
            assertThat(f.contentType()).isEqualTo("FILE");
            assertThat(f.mimeType()).isEqualTo("application/pdf");
            assertThat(f.sha256()).isEqualTo(file.sha256());
        });
        byte[] stored = shop.fileContent(hosted.externalId()).orElseThrow();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)))
                .isEqualTo(file.sha256());
        assertThat(hosted.url()).isPresent();

        ListingFile again = store.hostFile(file);
        assertThat(again.externalId()).isEqualTo(hosted.externalId());
        assertThat(shop.stagedUploads()).hasSize(1);
        assertThat(shop.files()).hasSize(1);

        store.hostFile(pdf("raglan-a4.pdf", "a corrected version"));
        assertThat(shop.files()).hasSize(2);
    }

    @Test
    void capabilitiesSayPlainlyThatShopifyHasNoDigitalDownloads() {
        assertThat(store.capabilities().digitalFiles()).isFalse();
        assertThat(store.capabilities().fileHosting()).isEqualTo(FileHosting.DELIVERED_BY_HUB);
        assertThat(store.capabilities().supports(Capability.WEBHOOKS)).isTrue();
        assertThat(store.capabilities().supports(Capability.PAYOUTS)).isTrue();
        assertThatThrownBy(() -> store.attachFile("gid://shopify/Product/1", pdf("a.pdf", "x")))
                .isInstanceOf(CapabilityNotSupportedException.class)
                .hasMessageContaining("no digital-download API")
                .hasMessageContaining("buyer access");
        assertThat(shop.stagedUploads()).isEmpty();
    }
}
