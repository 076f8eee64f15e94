package io.patternhub.hub.ingest;

import io.patternhub.core.model.Money;
import java.util.Optional;

/**
 * One stored order line.
 *
 * @param lineNo            position in the order, from 0
 * @param externalId        the platform's line id
 * @param sku               the SKU bought, when the platform reported it
 * @param listingExternalId the listing bought from
 * @param title             the line title
 * @param quantity          how many
 * @param unitPrice         price of one, before discount
 * @param discount          discount on the line
 */
public record OrderLineRecord(int lineNo, Optional<String> externalId, Optional<String> sku,
                              Optional<String> listingExternalId, String title, int quantity, Money unitPrice,
                              Optional<Money> discount) {
}
