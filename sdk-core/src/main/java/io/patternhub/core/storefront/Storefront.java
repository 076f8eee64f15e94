package io.patternhub.core.storefront;

import io.patternhub.core.Platform;
import io.patternhub.core.error.CapabilityNotSupportedException;
import io.patternhub.core.event.StorefrontEvent;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.model.Payout;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One connected shop on one platform (an Etsy shop, a Shopify store, a WooCommerce site, a Ravelry
 * pattern store), through one uniform interface.
 *
 * <p>What a platform cannot do is stated by {@link #capabilities()}; the operations it lacks throw
 * {@link CapabilityNotSupportedException} with the reason (the defaults here do exactly that), never
 * silently succeed. Streams page lazily: nothing is fetched until they are consumed, and each page is
 * fetched only when the previous one is used up. Implementations are thread-safe.
 */
public interface Storefront {

    Platform platform();

    Capabilities capabilities();

    // ---- listings

    /** Every listing of the shop, fetched page by page. */
    Stream<Listing> listings();

    /**
     * The listing carrying a SKU, if any. The default scans {@link #listings()}; adapters with a SKU
     * search override it.
     *
     * @param sku the SKU
     * @return the first listing with that SKU
     */
    default Optional<Listing> listingBySku(String sku) {
        try (Stream<Listing> all = listings()) {
            return all.filter(l -> l.sku().filter(sku::equals).isPresent()).findFirst();
        }
    }

    /**
     * Creates a listing, idempotently by SKU: if a listing with the draft's SKU exists, it is returned
     * unchanged instead of creating a duplicate.
     *
     * @param draft what to create
     * @return the created (or existing) listing
     * @throws CapabilityNotSupportedException if the platform or the app cannot write listings
     */
    default Listing createListing(ListingDraft draft) {
        throw notImplemented(Capability.WRITE_LISTINGS, "createListing");
    }

    /**
     * Changes the fields present in the update.
     *
     * @param externalId the listing's platform id
     * @param update     what to change
     * @return the listing after the change
     * @throws CapabilityNotSupportedException if the platform or the app cannot write listings
     */
    default Listing updateListing(String externalId, ListingUpdate update) {
        throw notImplemented(Capability.WRITE_LISTINGS, "updateListing");
    }

    /**
     * Puts a listing on sale.
     *
     * @param externalId the listing's platform id
     * @return the listing after the change
     */
    default Listing activate(String externalId) {
        return updateListing(externalId, ListingUpdate.state(ListingState.ACTIVE));
    }

    /**
     * Takes a listing off sale without deleting it.
     *
     * @param externalId the listing's platform id
     * @return the listing after the change
     */
    default Listing deactivate(String externalId) {
        return updateListing(externalId, ListingUpdate.state(ListingState.INACTIVE));
    }

    // ---- files

    /**
     * The files attached to a listing.
     *
     * @param listingId the listing's platform id
     * @return the files, in the platform's order
     * @throws CapabilityNotSupportedException if the platform has no digital files
     */
    default List<ListingFile> files(String listingId) {
        throw notImplemented(Capability.DIGITAL_FILES, "files");
    }

    /**
     * Uploads (or links) a file to a listing. The content is streamed from {@link PatternFile#openContent()}.
     *
     * @param listingId the listing's platform id
     * @param file      the file
     * @return the attached file as the platform reports it
     * @throws CapabilityNotSupportedException if the platform has no digital files or a limit is exceeded
     */
    default ListingFile attachFile(String listingId, PatternFile file) {
        throw notImplemented(Capability.DIGITAL_FILES, "attachFile");
    }

    /**
     * Replaces one file with a new version. The default attaches the new file first and then removes
     * the old one (Etsy has no replace operation), so a failure never leaves the listing without a
     * file; if the removal fails, both files remain and the error says so.
     *
     * @param listingId the listing's platform id
     * @param oldFileId the platform id of the file to replace
     * @param file      the new file
     * @return the new file as the platform reports it
     */
    default ListingFile replaceFile(String listingId, String oldFileId, PatternFile file) {
        ListingFile added = attachFile(listingId, file);
        removeFile(listingId, oldFileId);
        return added;
    }

    /**
     * Removes a file from a listing.
     *
     * @param listingId the listing's platform id
     * @param fileId    the file's platform id
     * @throws CapabilityNotSupportedException if the platform has no digital files
     */
    default void removeFile(String listingId, String fileId) {
        throw notImplemented(Capability.DIGITAL_FILES, "removeFile");
    }

    // ---- orders and payouts

    /**
     * The orders matching a query, fetched page by page as the stream is consumed.
     *
     * @param query which orders
     * @return the orders
     */
    Stream<Order> orders(OrderQuery query);

    /**
     * One order.
     *
     * @param externalId the order's platform id
     * @return the order
     * @throws io.patternhub.core.error.NotFoundException if there is no such order
     */
    Order order(String externalId);

    /**
     * The payouts matching a query, fetched page by page.
     *
     * @param query which payouts
     * @return the payouts
     * @throws CapabilityNotSupportedException if the platform does not report payouts
     */
    default Stream<Payout> payouts(PayoutQuery query) {
        throw notImplemented(Capability.PAYOUTS, "payouts");
    }

    // ---- webhooks

    /**
     * Verifies a webhook delivery's signature and parses it into events.
     *
     * @param request the delivery as received
     * @return the events it carries (a delivery may carry none the hub cares about)
     * @throws io.patternhub.core.error.WebhookVerificationException if verification fails: answer 401
     * @throws CapabilityNotSupportedException if the platform has no webhooks
     */
    default List<StorefrontEvent> parseWebhook(WebhookRequest request) {
        throw notImplemented(Capability.WEBHOOKS, "parseWebhook");
    }

    /**
     * The error a default method throws: the platform's own reason when {@link #capabilities()} says
     * the capability is missing, else that this adapter does not implement the operation.
     */
    private CapabilityNotSupportedException notImplemented(Capability capability, String operation) {
        capabilities().require(capability);
        return new CapabilityNotSupportedException(platform(), capability.label(),
                "this adapter does not implement " + operation);
    }
}
