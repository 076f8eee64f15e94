package io.patternhub.core.paging;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One page of a page-number list (WooCommerce {@code page} with {@code X-WP-TotalPages}, Ravelry
 * {@code paginator.page_count}, Xero {@code pagination.pageCount}).
 *
 * @param items      the items on this page
 * @param totalPages how many pages there are, when the platform says
 * @param <T>        the item type
 */
public record NumberedPage<T>(List<T> items, OptionalInt totalPages) {
    public NumberedPage {
        items = List.copyOf(items);
        Objects.requireNonNull(totalPages, "totalPages");
    }

    /** A page without a page count: the end is the first empty page. */
    public static <T> NumberedPage<T> of(List<T> items) {
        return new NumberedPage<>(items, OptionalInt.empty());
    }

    /** A page with the platform's page count. */
    public static <T> NumberedPage<T> of(List<T> items, int totalPages) {
        return new NumberedPage<>(items, OptionalInt.of(totalPages));
    }
}
