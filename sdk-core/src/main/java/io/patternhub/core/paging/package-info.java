/**
 * Lazy pagination: {@link io.patternhub.core.paging.PagedIterable} and the
 * {@link io.patternhub.core.paging.Paging} factories for offset/limit, page-number, cursor and
 * {@code Link}-header lists.
 */
package io.patternhub.core.paging;
