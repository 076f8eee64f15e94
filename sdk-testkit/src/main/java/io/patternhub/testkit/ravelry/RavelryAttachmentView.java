package io.patternhub.testkit.ravelry;

/**
 * A product attachment as the Ravelry sandbox holds it.
 *
 * @param id        the attachment id
 * @param productId its product
 * @param filename  the uploaded file name
 * @param bytes     its size
 * @param sha256    the SHA-256 of the uploaded bytes, lower-case hex
 * @param ready     whether processing finished (it shows in the product); uploads appear after a few polls
 * @param deleted   whether it was deleted
 */
public record RavelryAttachmentView(long id, long productId, String filename, long bytes, String sha256, boolean ready,
        boolean deleted) {
}
