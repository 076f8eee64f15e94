package io.patternhub.core.paging;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a paged list, fetched lazily: a page is requested only when iteration reaches it,
 * so {@code stream().limit(5)} costs one page. Each {@link #iterator()} (and {@link #stream()})
 * starts again from the first page. Errors from the platform surface from {@code hasNext()} as the
 * usual {@code PatternHubException}s. Build one with {@link Paging}.
 *
 * @param <T> the item type
 */
public final class PagedIterable<T> implements Iterable<T> {
    private final Supplier<? extends PageSource<T>> sources;

    private PagedIterable(Supplier<? extends PageSource<T>> sources) {
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    /** A paged iterable over the pages of a fresh source per iteration. */
    public static <T> PagedIterable<T> of(Supplier<? extends PageSource<T>> sources) {
        return new PagedIterable<>(sources);
    }

    @Override
    public Iterator<T> iterator() {
        return new ItemIterator<>(sources.get());
    }

    /** The items as a sequential stream; pages are fetched as the stream is consumed. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    /** The pages themselves, fetched lazily, for callers that process a page at a time. */
    public Iterable<List<T>> pages() {
        return () -> new PageIterator<>(sources.get());
    }

    private static final class PageIterator<T> implements Iterator<List<T>> {
        private final PageSource<T> source;
        private List<T> next;
        private boolean done;

        PageIterator(PageSource<T> source) {
            this.source = source;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                Optional<List<T>> page = source.nextPage();
                if (page.isPresent()) {
                    next = page.get();
                } else {
                    done = true;
                }
            }
            return next != null;
        }

        @Override
        public List<T> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<T> page = next;
            next = null;
            return page;
        }
    }

    private static final class ItemIterator<T> implements Iterator<T> {
        private final PageIterator<T> pages;
        private Iterator<T> current = Collections.emptyIterator();

        ItemIterator(PageSource<T> source) {
            this.pages = new PageIterator<>(source);
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                if (!pages.hasNext()) {
                    return false;
                }
                current = pages.next().iterator();
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
