package io.patternhub.woocommerce;

import static io.patternhub.woocommerce.WooTestSupport.FILE_HOST;
import static io.patternhub.woocommerce.WooTestSupport.draft;
import static io.patternhub.woocommerce.WooTestSupport.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingFile;
import io.patternhub.testkit.woocommerce.WooCommerceSandbox;
import io.patternhub.testkit.woocommerce.WooOrderSeed;
import io.patternhub.testkit.woocommerce.WooPermissionView;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WooDownloadsTest {
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
    void aNewFileReachesFiveThousandPastOrdersInBatchesOfAHundred() {
        Listing l = shop.createListing(draft("COAT", "15.00"));
        long productId = Long.parseLong(l.externalId());
        ListingFile a4 = shop.attachFile(l.externalId(), file("coat-a4.pdf", "1"));
        List<Long> orders = woo.addOrdersQuietly(5_000, i -> WooOrderSeed.builder("EUR")
                .status(i % 5 == 0 ? "processing" : "completed").customer(1000 + i, "b" + i + "@example.com")
                .line(productId, 1, "15.00").build());
        long unrelated = woo.addOrder(WooOrderSeed.builder("EUR").line(woo.addProduct("Other", "OTHER", "2.00"), 1,
                "2.00").build());
        assertThat(woo.permissions(orders.get(0))).extracting(WooPermissionView::downloadId)
                .containsExactly(a4.externalId());

        // A new print format: a new download id, which WooCommerce does not grant to past orders by itself.
        ListingFile a0 = shop.attachFile(l.externalId(), file("coat-a0-copyshop.pdf", "1"));
        assertThat(woo.permissions(orders.get(0))).extracting(WooPermissionView::downloadId)
                .doesNotContain(a0.externalId());
        woo.journal().clear();

        DownloadGrantReport report = shop.grantDownloadsToPastOrders(l.externalId());

        assertThat(report.ordersFound()).isEqualTo(5_000);
        assertThat(report.ordersGranted()).isEqualTo(5_000);
        assertThat(report.failures()).isEmpty();
        assertThat(report.batchCalls()).isEqualTo(100);
        assertThat(woo.journal().count("POST", "/wp-json/wc/v3/orders/batch")).isEqualTo(100);
        assertThat(woo.journal().count("GET", "/wp-json/wc/v3/orders")).isEqualTo(50);
        assertThat(woo.rejectedRequests()).isEmpty();
        for (int i = 0; i < orders.size(); i++) {
            long id = orders.get(i);
            assertThat(woo.permissions(id)).extracting(WooPermissionView::downloadId)
                    .as("order %d", id).contains(a0.externalId());
            assertThat(woo.order(id).orElseThrow().status()).isEqualTo(i % 5 == 0 ? "processing" : "completed");
        }
        assertThat(woo.permissions(unrelated)).isEmpty();
    }

    @Test
    void aNewVersionUnderTheSameDownloadIdReachesBuyersWithoutTouchingOrders() {
        Listing l = shop.createListing(draft("TOP", "5.00"));
        ListingFile v1 = shop.attachFile(l.externalId(), file("top.pdf", "1"));
        long order = woo.addOrder(WooOrderSeed.builder("EUR").customer(77, "ada@example.com")
                .line(Long.parseLong(l.externalId()), 1, "5.00").build());
        assertThat(shop.customerDownloads("77")).extracting(d -> d.path("file").path("file").asText())
                .containsExactly(FILE_HOST + "1/top.pdf");
        woo.journal().clear();

        shop.replaceFile(l.externalId(), v1.externalId(), file("top.pdf", "2"));

        List<JsonNode> downloads = shop.customerDownloads("77");
        assertThat(downloads).hasSize(1);
        assertThat(downloads.get(0).path("download_id").asText()).isEqualTo(v1.externalId());
        assertThat(downloads.get(0).path("file").path("file").asText()).isEqualTo(FILE_HOST + "2/top.pdf");
        assertThat(woo.journal().count(e -> e.path().contains("/orders"))).isZero();
        assertThat(woo.permissions(order)).hasSize(1);
    }

    @Test
    void downloadLimitAndExpiryShapeTheGrantedPermissions() {
        try (WooCommerceStorefront limited = WooTestSupport.storefront(woo).downloadLimit(3).downloadExpiryDays(14)
                .build()) {
            Listing l = limited.createListing(draft("BAG", "4.00"));
            limited.attachFile(l.externalId(), file("bag.pdf", "1"));
            long order = woo.addOrder(WooOrderSeed.builder("EUR").line(Long.parseLong(l.externalId()), 2, "4.00")
                    .build());
            WooPermissionView p = woo.permissions(order).get(0);
            assertThat(p.downloadsRemaining()).contains(6);
            assertThat(p.accessExpires()).contains(p.grantedAt().plus(java.time.Duration.ofDays(14)));
        }
    }
}
