package io.patternhub.testkit.shopify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A product as the Shopify sandbox holds it after {@code productSet}.
 *
 * @param id the product GID, e.g. {@code gid://shopify/Product/1}
 * @param handle the unique handle
 * @param title the title
 * @param descriptionHtml the HTML description
 * @param tags the tags, in the order given
 * @param status {@code ACTIVE}, {@code ARCHIVED} or {@code DRAFT}
 * @param variants the variants (list fields are replaced by each {@code productSet}, as on Shopify)
 * @param fileIds GIDs of the files attached through {@code ProductSetInput.files}
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record SandboxProduct(String id, String handle, String title, String descriptionHtml, List<String> tags,
        String status, List<SandboxVariant> variants, List<String> fileIds, Instant createdAt, Instant updatedAt) {
    public SandboxProduct {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handle, "handle");
        title = Objects.requireNonNullElse(title, "");
        descriptionHtml = Objects.requireNonNullElse(descriptionHtml, "");
        tags = List.copyOf(tags);
        Objects.requireNonNull(status, "status");
        variants = List.copyOf(variants);
        fileIds = List.copyOf(fileIds);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * Whether one of the variants carries {@code sku}.
     *
     * @param sku the SKU
     * @return true when a variant has it
     */
    public boolean hasSku(String sku) {
        return variants.stream().anyMatch(v -> v.sku().equals(sku));
    }
}
