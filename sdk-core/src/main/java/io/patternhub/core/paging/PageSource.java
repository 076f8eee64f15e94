package io.patternhub.core.paging;

import java.util.List;
import java.util.Optional;

/**
 * Fetches the pages of one iteration, in order. Stateful: {@link PagedIterable} asks its factory for
 * a new source for every {@code iterator()}. Not thread-safe.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface PageSource<T> {

    /** Fetches the next page; empty when there are no more pages. */
    Optional<List<T>> nextPage();
}
