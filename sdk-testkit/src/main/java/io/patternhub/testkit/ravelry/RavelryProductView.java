package io.patternhub.testkit.ravelry;

import java.util.List;
import java.util.Optional;

/**
 * A product as the Ravelry sandbox holds it, for assertions.
 *
 * @param id          the product id
 * @param storeId     its store
 * @param title       the title
 * @param sku         the SKU (Ravelry sets a default on creation)
 * @param price       the decimal price, when set
 * @param currency    the currency, when set
 * @param free        whether it is free
 * @param active      whether it is on sale
 * @param source      what it was created from, e.g. {@code pattern_id=123}
 * @param attachments its attachments that are not deleted, ready or still processing
 */
public record RavelryProductView(long id, long storeId, String title, String sku, Optional<String> price,
        Optional<String> currency, boolean free, boolean active, String source, List<RavelryAttachmentView> attachments) {
    public RavelryProductView {
        attachments = List.copyOf(attachments);
    }

    /** The attachments a client can see (processing finished). */
    public List<RavelryAttachmentView> readyAttachments() {
        return attachments.stream().filter(RavelryAttachmentView::ready).toList();
    }
}
