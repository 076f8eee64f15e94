package io.patternhub.woocommerce;

import static io.patternhub.woocommerce.WooTestSupport.FILE_HOST;
import static io.patternhub.woocommerce.WooTestSupport.draft;
import static io.patternhub.woocommerce.WooTestSupport.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import io.patternhub.core.storefront.ListingUpdate;
import io.patternhub.testkit.woocommerce.WooCommerceSandbox;
import io.patternhub.testkit.woocommerce.WooProductView;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WooProductsTest {
    private WooCommerceSandbox woo;
    private WooCommerceStorefront shop;

    @BeforeEach
    void start() {
        woo = WooTestSupport.sandbox();
        shop = WooTestSupport.storefront(woo).downloadLimit(5).downloadExpiryDays(30).build();
    }

    @AfterEach
    void stop() {
        shop.close();
        woo.close();
    }

    @Test
    void createsAVirtualDownloadableProductIdempotentlyBySku() {
        Listing first = shop.createListing(draft("RAGLAN-TEE", "9.50"));
        Listing again = shop.createListing(draft("RAGLAN-TEE", "9.50"));

        assertThat(again.externalId()).isEqualTo(first.externalId());
        assertThat(woo.productsWithSku("RAGLAN-TEE")).hasSize(1);
        WooProductView p = woo.product(Long.parseLong(first.externalId())).orElseThrow();
        assertThat(p.virtual()).isTrue();
        assertThat(p.downloadable()).isTrue();
        assertThat(p.regularPrice()).isEqualTo("9.50");
        assertThat(p.status()).isEqualTo("draft");
        assertThat(p.downloadLimit()).isEqualTo(5);
        assertThat(p.downloadExpiry()).isEqualTo(30);
        assertThat(first.price()).isEqualTo(Money.of("9.50", "EUR"));
        assertThat(first.state()).isEqualTo(ListingState.DRAFT);
        assertThat(woo.rejectedRequests()).isEmpty();
    }

    @Test
    void aDuplicatedSkuRefusedByWooCommerceResolvesToTheExistingProduct() {
        long existing = woo.addProduct("Shawl", "SHAWL", "6.00");
        // The lookup misses it (as after a lost response); WooCommerce then refuses the SKU.
        Listing listing = shop.createListings(List.of(draft("SHAWL", "6.00"))).succeeded().get(0);
        assertThat(listing.externalId()).isEqualTo(String.valueOf(existing));
        assertThat(woo.productsWithSku("SHAWL")).hasSize(1);
    }

    @Test
    void updatesTitlePriceAndStateAndFindsBySku() {
        Listing l = shop.createListing(draft("SKIRT", "7.00"));
        Listing updated = shop.updateListing(l.externalId(), ListingUpdate.builder().title("A-line skirt")
                .price(Money.of("8.25", "EUR")).state(ListingState.ACTIVE).contentHash("h1").build());
        assertThat(updated.title()).isEqualTo("A-line skirt");
        assertThat(updated.contentHash()).contains("h1");
        WooProductView p = woo.product(Long.parseLong(l.externalId())).orElseThrow();
        assertThat(p.regularPrice()).isEqualTo("8.25");
        assertThat(p.status()).isEqualTo("publish");

        shop.deactivate(l.externalId());
        assertThat(woo.product(Long.parseLong(l.externalId())).orElseThrow().status()).isEqualTo("private");
        assertThat(shop.listingBySku("SKIRT").orElseThrow().state()).isEqualTo(ListingState.INACTIVE);
        assertThat(shop.listingBySku("NOPE")).isEmpty();
    }

    @Test
    void refusesAnotherCurrencyAndTagsBeforeCallingWooCommerce() {
        long before = woo.journal().size();
        assertThatThrownBy(() -> shop.createListing(draft("X", "1.00").withPrice(Money.of("1.00", "USD"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("EUR");
        assertThatThrownBy(() -> shop.updateListing("5", ListingUpdate.builder().tags(List.of("knit")).build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(woo.journal().size()).isEqualTo(before);
    }

    @Test
    void listsEveryProductAcrossPagesByFollowingTheLinkHeader() {
        for (int i = 0; i < 7; i++) {
            woo.addProduct("P" + i, "SKU-" + i, "1.00");
        }
        try (WooCommerceStorefront small = WooTestSupport.storefront(woo).pageSize(3).build()) {
            List<String> skus = small.listings().map(l -> l.sku().orElseThrow()).collect(Collectors.toList());
            assertThat(skus).containsExactly("SKU-0", "SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5", "SKU-6");
        }
        assertThat(woo.journal().count("GET", "/wp-json/wc/v3/products")).isEqualTo(3);
    }

    @Test
    void attachesReplacesAndRemovesDownloadsByUrl() {
        Listing l = shop.createListing(draft("DRESS", "12.00"));
        ListingFile a4 = shop.attachFile(l.externalId(), file("dress-a4.pdf", "1"));
        ListingFile again = shop.attachFile(l.externalId(), file("dress-a4.pdf", "1"));
        ListingFile letter = shop.attachFile(l.externalId(), file("dress-letter.pdf", "1"));
        assertThat(again.externalId()).isEqualTo(a4.externalId());
        assertThat(woo.product(Long.parseLong(l.externalId())).orElseThrow().downloads()).extracting(
                WooProductView.Download::file).containsExactly(FILE_HOST + "1/dress-a4.pdf", FILE_HOST + "1/dress-letter.pdf");

        ListingFile v2 = shop.replaceFile(l.externalId(), a4.externalId(), file("dress-a4.pdf", "2"));
        assertThat(v2.externalId()).isEqualTo(a4.externalId());
        assertThat(woo.product(Long.parseLong(l.externalId())).orElseThrow().downloads()).containsExactly(
                new WooProductView.Download(a4.externalId(), "dress-a4.pdf", FILE_HOST + "2/dress-a4.pdf"),
                new WooProductView.Download(letter.externalId(), "dress-letter.pdf", FILE_HOST + "1/dress-letter.pdf"));

        shop.removeFile(l.externalId(), letter.externalId());
        assertThat(shop.files(l.externalId())).extracting(ListingFile::externalId).containsExactly(a4.externalId());
        assertThatThrownBy(() -> shop.removeFile(l.externalId(), letter.externalId()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> shop.replaceFile(l.externalId(), "nope", file("x.pdf", "1")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aFileWithoutAUrlIsRefusedByTheDefaultResolver() {
        try (WooCommerceStorefront plain = WooCommerceStorefront.builder().siteUrl(woo.baseUrl())
                .credentials(woo.consumerKey(), woo.consumerSecret()).currency("EUR").build()) {
            Listing l = plain.createListing(draft("HAT", "3.00"));
            assertThatThrownBy(() -> plain.attachFile(l.externalId(), file("hat.pdf", "1")))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("FileUrlResolver");
            assertThat(woo.product(Long.parseLong(l.externalId())).orElseThrow().downloads()).isEmpty();
        }
    }

    @Test
    void anUnknownProductIsNotFound() {
        assertThatThrownBy(() -> shop.listing("999999")).isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(((NotFoundException) e).context().platformErrorCode())
                        .contains("woocommerce_rest_product_invalid_id"));
    }
}
