package io.patternhub.etsy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import org.junit.jupiter.api.Test;

class ListingNormalizerTest {
    private static final ObjectMapper JSON = PatternHubJson.newMapper();

    @Test
    void readsSkuAndPriceFromTheInventory() throws Exception {
        Listing l = new ListingNormalizer().toListing(JSON.readTree("""
                {"listing_id": 77, "shop_id": 5, "title": "Raglan", "description": "PDF", "state": "sold_out",
                 "url": "https://www.etsy.com/listing/77", "tags": ["sewing", "pdf"], "updated_timestamp": 1700000000,
                 "price": {"amount": 100, "divisor": 100, "currency_code": "EUR"},
                 "inventory": {"products": [
                   {"product_id": 1, "sku": "OLD", "is_deleted": true, "offerings": []},
                   {"product_id": 2, "sku": "TEE-01", "is_deleted": false,
                    "offerings": [{"offering_id": 3, "quantity": 999, "is_enabled": true, "is_deleted": false,
                                   "price": {"amount": 1250, "divisor": 100, "currency_code": "EUR"}}]}]}}
                """));
        assertThat(l.externalId()).isEqualTo("77");
        assertThat(l.sku()).contains("TEE-01");
        assertThat(l.price()).isEqualTo(Money.of("12.50", "EUR"));
        assertThat(l.state()).isEqualTo(ListingState.INACTIVE);
        assertThat(l.tags()).containsExactly("sewing", "pdf");
        assertThat(l.url()).isPresent();
    }
}
