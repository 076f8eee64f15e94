package io.patternhub.core.paging;

import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.HttpTransport;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds {@link PagedIterable}s for the pagination styles the platforms use. Every style fetches a
 * page only when iteration reaches it and stops at the end the platform signals; a platform that
 * hands back the same cursor or link twice raises an {@link ApiException} instead of looping.
 */
public final class Paging {
    private Paging() {
    }

    /** Fetches one offset/limit page. */
    @FunctionalInterface
    public interface OffsetFetcher<T> {
        OffsetPage<T> fetch(long offset, int limit);
    }

    /** Fetches one page by number. */
    @FunctionalInterface
    public interface PageNumberFetcher<T> {
        NumberedPage<T> fetch(int page);
    }

    /** Fetches the page after {@code cursor} (empty for the first page). */
    @FunctionalInterface
    public interface CursorFetcher<T> {
        CursorPage<T> fetch(Optional<String> cursor);
    }

    /**
     * Offset/limit paging (Etsy): offsets 0, limit, 2*limit... until a short or empty page, or the
     * reported total is reached.
     */
    public static <T> PagedIterable<T> offsetLimit(int limit, OffsetFetcher<T> fetcher) {
        if (limit < 1) {
            throw new InvalidRequestException("page limit must be at least 1, was " + limit, ErrorContext.empty());
        }
        Objects.requireNonNull(fetcher, "fetcher");
        return PagedIterable.of(() -> new PageSource<T>() {
            private long offset;
            private boolean done;

            @Override
            public Optional<List<T>> nextPage() {
                if (done) {
                    return Optional.empty();
                }
                OffsetPage<T> page = fetcher.fetch(offset, limit);
                offset += page.items().size();
                boolean reachedTotal = page.total().isPresent() && offset >= page.total().getAsLong();
                done = page.items().size() < limit || reachedTotal;
                return page.items().isEmpty() ? Optional.empty() : Optional.of(page.items());
            }
        });
    }

    /**
     * Page-number paging (WooCommerce, Ravelry, Xero): pages {@code firstPage}, {@code firstPage+1}...
     * until the reported page count is reached or, without one, an empty page arrives.
     */
    public static <T> PagedIterable<T> pageNumber(int firstPage, PageNumberFetcher<T> fetcher) {
        Objects.requireNonNull(fetcher, "fetcher");
        return PagedIterable.of(() -> new PageSource<T>() {
            private int page = firstPage;
            private boolean done;

            @Override
            public Optional<List<T>> nextPage() {
                if (done) {
                    return Optional.empty();
                }
                NumberedPage<T> result = fetcher.fetch(page);
                int number = page++;
                done = result.items().isEmpty()
                        || (result.totalPages().isPresent() && number - firstPage + 1 >= result.totalPages().getAsInt());
                return result.items().isEmpty() ? Optional.empty() : Optional.of(result.items());
            }
        });
    }

    /** Cursor paging (Shopify GraphQL): follows each page's next cursor until there is none. */
    public static <T> PagedIterable<T> cursor(CursorFetcher<T> fetcher) {
        Objects.requireNonNull(fetcher, "fetcher");
        return PagedIterable.of(() -> new PageSource<T>() {
            private Optional<String> cursor = Optional.empty();
            private final Set<String> seen = new HashSet<>();
            private boolean done;

            @Override
            public Optional<List<T>> nextPage() {
                if (done) {
                    return Optional.empty();
                }
                CursorPage<T> page = fetcher.fetch(cursor);
                cursor = page.nextCursor();
                done = cursor.isEmpty();
                cursor.ifPresent(c -> requireNew(seen, c, "cursor"));
                return Optional.of(page.items());
            }
        });
    }

    /**
     * RFC 8288 {@code Link} header paging (WooCommerce): sends {@code first}, then GETs every
     * {@code rel="next"} URL with the same headers, until a response has no next link.
     *
     * @param items extracts the items from one response
     */
    public static <T> PagedIterable<T> linkHeader(HttpTransport transport, ApiRequest first,
            Function<ApiResponse, List<T>> items) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(items, "items");
        return PagedIterable.of(() -> new PageSource<T>() {
            private ApiRequest next = first;
            private final Set<String> seen = new HashSet<>();

            @Override
            public Optional<List<T>> nextPage() {
                if (next == null) {
                    return Optional.empty();
                }
                ApiResponse response = transport.execute(next);
                Optional<String> link = LinkHeader.next(response.headers().all("link"));
                next = link.map(url -> {
                    requireNew(seen, url, "next link");
                    // The next URL carries the query; keep method, headers and idempotency of the first request.
                    ApiRequest.Builder b = ApiRequest.builder(first.method(), url);
                    first.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
                    return b.build();
                }).orElse(null);
                return Optional.of(items.apply(response));
            }
        });
    }

    private static void requireNew(Set<String> seen, String token, String what) {
        if (!seen.add(token)) {
            throw new ApiException("The platform returned the same " + what + " twice (" + token
                    + "); stopping instead of looping forever.", ErrorContext.empty());
        }
    }
}
