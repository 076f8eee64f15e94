package io.patternhub.core.paging;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One page of an offset/limit list (Etsy {@code offset}/{@code limit} with {@code count}).
 *
 * @param items the items on this page
 * @param total the total number of items across all pages, when the platform says
 * @param <T>   the item type
 */
public record OffsetPage<T>(List<T> items, OptionalLong total) {
    public OffsetPage {
        items = List.copyOf(items);
        Objects.requireNonNull(total, "total");
    }

    /** A page without a total: the end is the first page shorter than the limit. */
    public static <T> OffsetPage<T> of(List<T> items) {
        return new OffsetPage<>(items, OptionalLong.empty());
    }

    /** A page with the platform's total count. */
    public static <T> OffsetPage<T> of(List<T> items, long total) {
        return new OffsetPage<>(items, OptionalLong.of(total));
    }
}
