package io.patternhub.testkit.woocommerce;

import java.util.List;

/**
 * A product as the sandbox holds it.
 *
 * @param id             the product id
 * @param name           the name
 * @param sku            the SKU ({@code ""} when none)
 * @param status         {@code draft}, {@code pending}, {@code private} or {@code publish}
 * @param regularPrice   the price as WooCommerce stores it
 * @param virtual        whether it is virtual
 * @param downloadable   whether it is downloadable
 * @param downloads      its downloadable files, in order
 * @param downloadLimit  downloads per purchase, -1 for unlimited
 * @param downloadExpiry days of access, -1 for never
 */
public record WooProductView(long id, String name, String sku, String status, String regularPrice, boolean virtual,
        boolean downloadable, List<Download> downloads, int downloadLimit, int downloadExpiry) {

    public WooProductView {
        downloads = List.copyOf(downloads);
    }

    /**
     * One downloadable file.
     *
     * @param id   the download id
     * @param name the file name
     * @param file the file URL
     */
    public record Download(String id, String name, String file) {
    }
}
