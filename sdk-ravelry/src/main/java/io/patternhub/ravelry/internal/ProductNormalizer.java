package io.patternhub.ravelry.internal;

import static io.patternhub.ravelry.internal.RavelryJson.id;
import static io.patternhub.ravelry.internal.RavelryJson.malformed;
import static io.patternhub.ravelry.internal.RavelryJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.model.ImmutableListing;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import java.util.Currency;
import java.util.Optional;

/**
 * Turns a Ravelry {@code Product} (list or full) into a {@link Listing} and a {@code ProductAttachment}
 * into a {@link ListingFile}.
 *
 * <ul>
 *   <li>{@code active} true is {@link ListingState#ACTIVE}, else {@link ListingState#INACTIVE}: Ravelry has
 *       no draft state (a new product stub is simply inactive).</li>
 *   <li>The price is the decimal string {@code price} in {@code currency}; a free product or a stub
 *       without a price is zero in the store's currency.</li>
 *   <li>Files come from the full product's {@code attachments}; an attachment's name and size from its
 *       {@code document} (an object, or an array whose first element is used).</li>
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class ProductNormalizer {
    private final Currency defaultCurrency;

    /**
     * @param defaultCurrency the store's currency, for products without one (free products, stubs)
     */
    public ProductNormalizer(Currency defaultCurrency) {
        this.defaultCurrency = defaultCurrency;
    }

    /**
     * Normalizes one product.
     *
     * @param product the Product JSON
     * @return the listing
     */
    public Listing toListing(JsonNode product) {
        String productId = id(product, "id").orElseThrow(() -> malformed("product without id"));
        Currency currency = text(product, "currency").map(Money::currency).orElse(defaultCurrency);
        Money price = product.path("free").asBoolean(false) ? Money.zero(currency)
                : RavelryJson.money(product.path("price"), currency).orElse(Money.zero(currency));
        ImmutableListing.Builder listing = Listing.builder()
                .platform(Platform.RAVELRY)
                .externalId(productId)
                .sku(text(product, "sku"))
                .title(text(product, "title").orElse("Ravelry product " + productId))
                .price(price)
                .state(product.path("active").asBoolean(false) ? ListingState.ACTIVE : ListingState.INACTIVE)
                .raw(product);
        for (JsonNode attachment : product.path("attachments")) {
            if (!attachment.path("deleted").asBoolean(false)) {
                listing.addFiles(toFile(attachment));
            }
        }
        RavelryJson.instant(product, "updated_at").ifPresent(listing::updatedAt);
        return listing.build();
    }

    /**
     * Normalizes one attachment.
     *
     * @param attachment the ProductAttachment JSON
     * @return the file
     */
    public ListingFile toFile(JsonNode attachment) {
        String attachmentId = id(attachment, "id").orElseThrow(() -> malformed("product attachment without id"));
        JsonNode document = document(attachment);
        var file = ListingFile.builder()
                .externalId(attachmentId)
                .name(text(document, "filename").orElse("attachment-" + attachmentId + ".pdf"))
                .raw(attachment);
        if (document.path("bytes").canConvertToLong()) {
            file.sizeBytes(document.path("bytes").asLong());
        }
        return file.build();
    }

    /** The {@code document} of an attachment (documented as "Array, Document"; seen as an object). */
    public static JsonNode document(JsonNode attachment) {
        JsonNode document = attachment.path("document");
        return document.isArray() ? document.path(0) : document;
    }

    /** The product's SKU, if set. */
    public static Optional<String> sku(JsonNode product) {
        return text(product, "sku");
    }
}
