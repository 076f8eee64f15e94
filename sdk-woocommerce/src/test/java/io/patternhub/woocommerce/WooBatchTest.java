package io.patternhub.woocommerce;

import static io.patternhub.woocommerce.WooTestSupport.draft;
import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.model.Listing;
import io.patternhub.core.storefront.ListingDraft;
import io.patternhub.testkit.woocommerce.WooCommerceSandbox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WooBatchTest {
    private WooCommerceSandbox woo;
    private WooCommerceStorefront shop;

    @BeforeEach
    void start() {
        woo = WooTestSupport.sandbox();
        shop = WooTestSupport.storefront(woo).build();
    }

    @AfterEach
    void stop() {
        shop.close();
        woo.close();
    }

    @Test
    void aPushOfMoreThanAHundredIsSplitAndPerItemErrorsAreReported() {
        woo.addProduct("Already there", "SKU-0007", "1.00");
        List<ListingDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            drafts.add(draft(String.format("SKU-%04d", i), "3.00"));
        }
        drafts.set(42, draft("SKU-0042", "3.00").withPlatformAttributes(java.util.Map.of("regular_price", "free")));

        BatchResult<Listing> result = shop.createListings(drafts);

        assertThat(result.batchCalls()).isEqualTo(3);
        assertThat(woo.journal().count("POST", "/wp-json/wc/v3/products/batch")).isEqualTo(3);
        assertThat(result.items()).hasSize(250);
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(42);
            assertThat(f.key()).isEqualTo("SKU-0042");
            assertThat(f.error().orElseThrow().code()).isEqualTo("rest_invalid_param");
            assertThat(f.error().orElseThrow().status()).isEqualTo(400);
        });
        assertThat(result.succeeded()).hasSize(249);
        assertThat(woo.products()).hasSize(249); // 248 created + the one already there; SKU-0042 failed
        assertThat(woo.productsWithSku("SKU-0007")).hasSize(1);
        assertThat(woo.productsWithSku("SKU-0042")).isEmpty();
        assertThat(result.items().get(7).value().orElseThrow().title()).isEqualTo("Already there");
        assertThat(woo.rejectedRequests()).isEmpty();

        // Pushing the same drafts again creates nothing.
        BatchResult<Listing> again = shop.createListings(drafts.subList(0, 40));
        assertThat(again.batchCalls()).isZero();
        assertThat(woo.products()).hasSize(249);
    }
}
