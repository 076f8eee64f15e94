package io.patternhub.examples.cli.connect;

import io.patternhub.core.Platform;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.hub.sync.HubFileUrls;
import io.patternhub.hub.sync.SyncTarget;

import java.util.Map;
import java.util.Objects;

/**
 * One configured storefront: the connected client plus what the hub's sync needs to know about it.
 *
 * @param platform   the platform
 * @param id         the sync target and poll cursor name, e.g. {@code etsy}
 * @param storefront the client
 * @param currency   the currency listings are priced in on this storefront
 * @param attributes platform attributes for new listings (e.g. Ravelry's pattern source)
 * @param fileUrls   signed file URLs for a storefront that links files by URL (WooCommerce); null otherwise
 */
public record StorefrontConnection(Platform platform, String id, Storefront storefront, String currency,
                                   Map<String, String> attributes, HubFileUrls fileUrls) implements AutoCloseable {

    /** A connection to a storefront that hosts its own files (or has none). */
    public StorefrontConnection(Platform platform, String id, Storefront storefront, String currency,
                                Map<String, String> attributes) {
        this(platform, id, storefront, currency, attributes, null);
    }

    public StorefrontConnection {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(storefront, "storefront");
        Objects.requireNonNull(currency, "currency");
        attributes = Map.copyOf(attributes);
    }

    /** @return the hub sync target for this storefront */
    public SyncTarget target() {
        SyncTarget.Builder b = SyncTarget.builder(id, storefront).currency(currency);
        attributes.forEach(b::platformAttribute);
        if (fileUrls != null) {
            b.fileUrls(fileUrls);
        }
        return b.build();
    }

    @Override
    public void close() {
        if (storefront instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing an HTTP client pool; nothing useful to do if it fails
            }
        }
    }
}
