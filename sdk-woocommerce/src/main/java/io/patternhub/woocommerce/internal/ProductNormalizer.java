package io.patternhub.woocommerce.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.model.ImmutableListing;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import java.net.URI;
import java.util.Currency;
import java.util.Locale;

/** Turns WooCommerce product JSON and its {@code downloads[]} into core models. Thread-safe. */
public final class ProductNormalizer {
    private final Currency currency;

    /**
     * A normalizer for a shop's currency (products carry no currency; the shop has one).
     *
     * @param currency the shop currency
     */
    public ProductNormalizer(Currency currency) {
        this.currency = currency;
    }

    /**
     * A listing with its files.
     *
     * @param product the product JSON
     * @return the listing
     */
    public Listing toListing(JsonNode product) {
        String id = WooJson.id(product, "id").orElseThrow(() -> WooJson.malformed("product without id"));
        Money price = WooJson.money(product.path("regular_price"), currency)
                .or(() -> WooJson.money(product.path("price"), currency))
                .orElseGet(() -> Money.zero(currency));
        ImmutableListing.Builder b = Listing.builder()
                .platform(Platform.WOOCOMMERCE)
                .externalId(id)
                .sku(WooJson.text(product, "sku"))
                .title(product.path("name").asText(""))
                .description(product.path("description").asText(""))
                .price(price)
                .state(state(product.path("status").asText("")))
                .updatedAt(WooJson.gmt(product, "date_modified_gmt"))
                .raw(product);
        WooJson.text(product, "permalink").map(URI::create).ifPresent(b::url);
        product.path("tags").forEach(t -> WooJson.text(t, "name").ifPresent(b::addTags));
        product.path("downloads").forEach(d -> b.addFiles(toFile(d)));
        return b.build();
    }

    /**
     * Maps a product status: {@code publish} is on sale, {@code draft}/{@code pending} are drafts,
     * {@code private} is off sale.
     *
     * @param status WooCommerce's status
     * @return the state
     */
    public static ListingState state(String status) {
        switch (status.toLowerCase(Locale.ROOT)) {
            case "publish": return ListingState.ACTIVE;
            case "draft":
            case "pending":
            case "future":
                return ListingState.DRAFT;
            case "private": return ListingState.INACTIVE;
            case "trash": return ListingState.REMOVED;
            default: throw WooJson.malformed("unknown product status '" + status + "'");
        }
    }

    /**
     * The status for a state.
     *
     * @param state the state
     * @return WooCommerce's status
     */
    public static String status(ListingState state) {
        switch (state) {
            case ACTIVE: return "publish";
            case DRAFT: return "draft";
            case INACTIVE: return "private";
            default: throw new IllegalArgumentException("no WooCommerce status for " + state);
        }
    }

    /**
     * A downloadable file ({@code {id, name, file}}).
     *
     * @param download the download JSON
     * @return the file; its external id is the download id
     */
    public ListingFile toFile(JsonNode download) {
        String id = WooJson.text(download, "id").orElseThrow(() -> WooJson.malformed("download without id"));
        io.patternhub.core.model.ImmutableListingFile.Builder b = ListingFile.builder().externalId(id).name(download.path("name").asText("")).raw(download);
        WooJson.text(download, "file").map(URI::create).ifPresent(b::url);
        return b.build();
    }
}
