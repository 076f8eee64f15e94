package io.patternhub.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.webhook.WebhookHeaders;
import io.patternhub.core.webhook.WebhookVerifier;
import io.patternhub.etsy.internal.ReceiptNormalizer;
import io.patternhub.hub.catalog.CatalogException;
import io.patternhub.hub.catalog.CatalogFolderReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed corpus reaches both outcomes: its valid seeds are accepted, its broken ones refused. */
class FuzzSeedsTest {
    private static byte[] seed(String path) throws IOException {
        try (InputStream in = FuzzSeedsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void standardWebhookSeeds() throws IOException {
        WebhookVerifier v = WebhookVerifier.etsy(WebhookVerifierFuzzTest.STANDARD_SECRET, WebhookVerifierFuzzTest.CLOCK);
        for (String ok : List.of("valid", "two-signatures-one-valid")) {
            Deliveries d = Deliveries.parse(seed("WebhookVerifierFuzzTestInputs/standardWebhooks/" + ok));
            assertThatCode(() -> v.verify(WebhookHeaders.of(d.headers()), d.body())).as(ok).doesNotThrowAnyException();
        }
        for (String bad : List.of("tampered-body", "stale-timestamp", "garbage-headers", "missing-headers")) {
            Deliveries d = Deliveries.parse(seed("WebhookVerifierFuzzTestInputs/standardWebhooks/" + bad));
            assertThatThrownBy(() -> v.verify(WebhookHeaders.of(d.headers()), d.body())).as(bad)
                    .isInstanceOf(WebhookVerificationException.class);
        }
    }

    @Test
    void hmacSeedsAreAcceptedByTheirPlatform() throws IOException {
        String s = WebhookVerifierFuzzTest.HMAC_SECRET;
        for (var c : List.of(List.of("shopify-valid", WebhookVerifier.shopify(s)),
                List.of("woo-valid", WebhookVerifier.wooCommerce(s)), List.of("quickbooks-valid", WebhookVerifier.quickBooks(s)),
                List.of("xero-valid", WebhookVerifier.xero(s)))) {
            Deliveries d = Deliveries.parse(seed("WebhookVerifierFuzzTestInputs/hmacBodyVerifiers/" + c.get(0)));
            assertThatCode(() -> ((WebhookVerifier) c.get(1)).verify(WebhookHeaders.of(d.headers()), d.body()))
                    .as((String) c.get(0)).doesNotThrowAnyException();
        }
    }

    @Test
    void theReceiptSeedNormalizes() throws IOException {
        JsonNode root = PatternHubJson.newMapper().readTree(seed("EtsyReceiptFuzzTestInputs/receiptJson/paid-receipt"));
        var order = new ReceiptNormalizer().toOrder(root.get("receipt"), List.of(root.get("payments").get(0)));
        assertThat(order.externalId()).isEqualTo("1001");
        assertThat(order.total().amount()).isEqualByComparingTo("9.00");
    }

    @Test
    void theValidOrderSeedsNormalize() throws IOException {
        JsonNode shopify = PatternHubJson.newMapper().readTree(seed("ShopifyOrderFuzzTestInputs/orderJson/paid-order"));
        var s = new io.patternhub.shopify.internal.OrderNormalizer().toOrder(shopify,
                OrderChecks.elements(shopify.path("lineItems").path("nodes")));
        assertThat(s.total().amount()).isEqualByComparingTo("9.72");
        assertThat(s.lineItems()).hasSize(1);

        JsonNode woo = PatternHubJson.newMapper().readTree(seed("WooCommerceOrderFuzzTestInputs/orderJson/paid-order"));
        var w = new io.patternhub.woocommerce.internal.OrderNormalizer().toOrder(woo.get("order"), List.of());
        assertThat(w.externalId()).isEqualTo("727");
        assertThat(w.lineItems()).hasSize(2); // the pattern and the positive fee

        JsonNode rav = PatternHubJson.newMapper().readTree(seed("RavelryOrderFuzzTestInputs/invoiceJson/paid-invoice"));
        var r = new io.patternhub.ravelry.internal.InvoiceNormalizer().toOrder(rav,
                id -> java.util.Optional.of("RAV-" + id), id -> java.util.Optional.empty());
        assertThat(r.total().amount()).isEqualByComparingTo("9.00");
        assertThat(r.lineItems()).hasSize(2);

        var csv = io.patternhub.hub.csv.CsvSalesImporter.builder().mapping(io.patternhub.hub.csv.CsvMappings.generic())
                .build().importFrom(new java.io.ByteArrayInputStream(seed("CsvRowsFuzzTestInputs/csvRows/generic-export")));
        assertThat(csv.orders()).isNotEmpty();
        assertThat(csv.rejected()).isEmpty();
    }

    @Test
    void theBrokenOrderSeedsAreTypedErrors() throws IOException {
        for (String bad : List.of("no-created-at", "bad-date", "bad-tax-rate")) {
            JsonNode order = PatternHubJson.newMapper().readTree(seed("ShopifyOrderFuzzTestInputs/orderJson/" + bad));
            assertThatThrownBy(() -> new io.patternhub.shopify.internal.OrderNormalizer().toOrder(order, List.of()))
                    .as(bad).isInstanceOf(io.patternhub.core.error.ApiException.class);
        }
        JsonNode zero = PatternHubJson.newMapper().readTree(seed("WooCommerceOrderFuzzTestInputs/orderJson/zero-quantity"));
        assertThatThrownBy(() -> new io.patternhub.woocommerce.internal.OrderNormalizer().toOrder(zero, List.of()))
                .isInstanceOf(io.patternhub.core.error.ApiException.class);
        assertThatThrownBy(() -> io.patternhub.hub.csv.CsvSalesImporter.builder()
                .mapping(io.patternhub.hub.csv.CsvMappings.generic()).build()
                .importFrom(new java.io.ByteArrayInputStream(seed("CsvRowsFuzzTestInputs/csvRows/missing-columns"))))
                .isInstanceOf(io.patternhub.hub.csv.CsvImportException.class);
    }

    @Test
    void thePatternSeedsParseOrAreRefused(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("a.pdf"), "%PDF".getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("pattern.yaml"), seed("PatternYamlFuzzTestInputs/patternYaml/valid"));
        assertThat(new CatalogFolderReader().readPattern(dir).sku()).isEqualTo("PH-1");
        Files.write(dir.resolve("pattern.yaml"), seed("PatternYamlFuzzTestInputs/patternYaml/path-traversal"));
        assertThatThrownBy(() -> new CatalogFolderReader().readPattern(dir)).isInstanceOf(CatalogException.class);
    }
}
