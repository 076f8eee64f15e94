package io.patternhub.shopify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import java.net.URI;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/** A Shopify {@code Product} (fields of {@code ProductFields}) as a {@link Listing}. */
public final class ProductNormalizer {

    /**
     * @param product  the product JSON
     * @param currency the shop currency (variant prices carry none)
     * @return the listing; price and SKU come from the first variant (pattern products have one)
     */
    public Listing toListing(JsonNode product, Currency currency) {
        JsonNode variant = product.path("variants").path("nodes").path(0);
        List<String> tags = new ArrayList<>();
        product.path("tags").forEach(t -> tags.add(t.asText()));
        var builder = Listing.builder()
                .platform(Platform.SHOPIFY)
                .externalId(product.path("id").asText())
                .title(product.path("title").asText())
                .description(product.path("descriptionHtml").asText(""))
                .price(variant.hasNonNull("price") ? Money.of(variant.get("price").asText(), currency)
                        : Money.zero(currency))
                .state(state(product.path("status").asText()))
                .tags(tags)
                .raw(product);
        ShopifyJson.text(variant, "sku").ifPresent(builder::sku);
        ShopifyJson.text(product, "onlineStoreUrl").map(URI::create).ifPresent(builder::url);
        ShopifyJson.instant(product, "updatedAt").ifPresent(builder::updatedAt);
        return builder.build();
    }

    /**
     * Shopify's {@code ProductStatus} as a listing state.
     *
     * @param status {@code ACTIVE}, {@code DRAFT} or {@code ARCHIVED}
     * @return the state
     */
    public static ListingState state(String status) {
        switch (status.toUpperCase(Locale.ROOT)) {
            case "ACTIVE":
                return ListingState.ACTIVE;
            case "DRAFT":
                return ListingState.DRAFT;
            default:
                return ListingState.INACTIVE; // ARCHIVED: hidden, can be restored
        }
    }

    /**
     * A listing state as Shopify's {@code ProductStatus}.
     *
     * @param state the state
     * @return {@code ACTIVE}, {@code DRAFT} or {@code ARCHIVED}
     */
    public static String status(ListingState state) {
        switch (state) {
            case ACTIVE:
                return "ACTIVE";
            case DRAFT:
                return "DRAFT";
            case INACTIVE:
                return "ARCHIVED";
            default:
                throw new IllegalArgumentException(state + " cannot be set on Shopify");
        }
    }
}
