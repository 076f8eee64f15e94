package io.patternhub.core.paging;

import java.util.List;
import java.util.Optional;

/**
 * One page of a cursor list (Shopify GraphQL {@code pageInfo{hasNextPage,endCursor}}).
 *
 * @param items       the items on this page
 * @param nextCursor  the cursor of the next page, when there is one
 * @param <T>         the item type
 */
public record CursorPage<T>(List<T> items, Optional<String> nextCursor) {
    public CursorPage {
        items = List.copyOf(items);
        nextCursor = nextCursor.filter(c -> !c.isEmpty());
    }

    /**
     * A page as GraphQL connections describe it.
     *
     * @param hasNextPage whether the platform says more pages follow
     * @param endCursor   the cursor after the last item; ignored when {@code hasNextPage} is false
     */
    public static <T> CursorPage<T> of(List<T> items, boolean hasNextPage, String endCursor) {
        return new CursorPage<>(items, hasNextPage ? Optional.ofNullable(endCursor) : Optional.empty());
    }

    /** The last page. */
    public static <T> CursorPage<T> last(List<T> items) {
        return new CursorPage<>(items, Optional.empty());
    }
}
