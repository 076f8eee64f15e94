package io.patternhub.core.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.HttpTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every style against a server holding items 1..7, so page boundaries fall mid-list. */
class PagingTest {
    private static final List<Integer> ALL = IntStream.rangeClosed(1, 7).boxed().toList();
    private MockWebServer server;
    private HttpTransport transport;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                HttpUrl url = request.getRequestUrl();
                return switch (url.encodedPath()) {
                    case "/offset" -> offset(url);
                    case "/pages" -> pages(url);
                    case "/cursor" -> cursor(url);
                    case "/linked" -> linked(url);
                    default -> new MockResponse().setResponseCode(404);
                };
            }
        });
        server.start();
        transport = HttpTransport.builder().platform(Platform.WOOCOMMERCE).baseUrl(server.url("/").toString()).build();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static String json(List<Integer> items) {
        return items.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }

    private static List<Integer> slice(int from, int size) {
        return ALL.subList(Math.min(from, ALL.size()), Math.min(from + size, ALL.size()));
    }

    private static MockResponse offset(HttpUrl url) {
        int offset = Integer.parseInt(url.queryParameter("offset"));
        int limit = Integer.parseInt(url.queryParameter("limit"));
        return new MockResponse().setBody("{\"count\":7,\"results\":" + json(slice(offset, limit)) + "}");
    }

    private static MockResponse pages(HttpUrl url) {
        int page = Integer.parseInt(url.queryParameter("page"));
        return new MockResponse().setHeader("X-WP-TotalPages", "3").setBody(json(slice((page - 1) * 3, 3)));
    }

    private static MockResponse cursor(HttpUrl url) {
        int from = url.queryParameter("after") == null ? 0 : Integer.parseInt(url.queryParameter("after").substring(1));
        List<Integer> items = slice(from, 2);
        boolean more = from + 2 < ALL.size();
        return new MockResponse().setBody("{\"nodes\":" + json(items) + ",\"pageInfo\":{\"hasNextPage\":" + more
                + ",\"endCursor\":\"c" + (from + 2) + "\"}}");
    }

    private MockResponse linked(HttpUrl url) {
        int page = Integer.parseInt(Optional.ofNullable(url.queryParameter("page")).orElse("1"));
        MockResponse r = new MockResponse().setBody(json(slice((page - 1) * 3, 3)));
        String last = "<" + server.url("/linked?page=3&per_page=3") + ">; rel=\"last\"";
        if (page < 3) {
            r.setHeader("Link", "<" + server.url("/linked?page=" + (page + 1) + "&per_page=3") + ">; rel=\"next\", " + last);
        } else {
            r.setHeader("Link", "<" + server.url("/linked?page=1&per_page=3") + ">; rel=\"first\"");
        }
        return r;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private PagedIterable<Integer> offsetStyle() {
        return Paging.offsetLimit(3, (offset, limit) -> {
            JsonNode body = transport.execute(ApiRequest.builder(io.patternhub.core.http.HttpMethod.GET, "/offset")
                    .query("offset", offset).query("limit", limit).build()).json();
            return OffsetPage.of(ints(body.path("results")), body.path("count").asLong());
        });
    }

    private PagedIterable<Integer> pageStyle() {
        return Paging.pageNumber(1, page -> {
            ApiResponse r = transport.execute(ApiRequest.builder(io.patternhub.core.http.HttpMethod.GET, "/pages")
                    .query("page", page).build());
            return NumberedPage.of(ints(r.json()), Integer.parseInt(r.header("X-WP-TotalPages").orElseThrow()));
        });
    }

    private PagedIterable<Integer> cursorStyle() {
        return Paging.cursor(after -> {
            JsonNode body = transport.execute(ApiRequest.builder(io.patternhub.core.http.HttpMethod.GET, "/cursor")
                    .query("after", after.orElse(null)).build()).json();
            return CursorPage.of(ints(body.path("nodes")), body.path("pageInfo").path("hasNextPage").asBoolean(),
                    body.path("pageInfo").path("endCursor").asText());
        });
    }

    private PagedIterable<Integer> linkStyle() {
        return Paging.linkHeader(transport, ApiRequest.builder(io.patternhub.core.http.HttpMethod.GET, "/linked")
                .query("per_page", 3).build(), r -> ints(r.json()));
    }

    @Test
    void offsetLimitIteratesEverythingAndStopsAtTotal() {
        assertThat(offsetStyle()).containsExactlyElementsOf(ALL);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void pageNumberIteratesEverythingAndStopsAtPageCount() {
        assertThat(pageStyle().stream().toList()).containsExactlyElementsOf(ALL);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void cursorIteratesEverythingAndStopsWithoutNextPage() {
        assertThat(cursorStyle()).containsExactlyElementsOf(ALL);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void linkHeaderIteratesEverythingAndStopsWithoutNextLink() throws Exception {
        assertThat(linkStyle()).containsExactlyElementsOf(ALL);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(server.takeRequest().getPath()).isEqualTo("/linked?per_page=3");
        assertThat(server.takeRequest().getPath()).isEqualTo("/linked?page=2&per_page=3");
    }

    @Test
    void pagesAreFetchedOnlyWhenIterationReachesThem() {
        assertThat(offsetStyle().stream().limit(4).toList()).containsExactly(1, 2, 3, 4);
        assertThat(server.getRequestCount()).isEqualTo(2);

        assertThat(pageStyle().stream().limit(3).toList()).containsExactly(1, 2, 3);
        assertThat(server.getRequestCount()).isEqualTo(3);

        assertThat(cursorStyle().stream().limit(3).toList()).containsExactly(1, 2, 3);
        assertThat(server.getRequestCount()).isEqualTo(5);

        PagedIterable<Integer> linked = linkStyle();
        assertThat(server.getRequestCount()).isEqualTo(5); // creating it fetches nothing
        assertThat(linked.iterator().next()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(6);
    }

    @Test
    void eachIterationStartsAgain() {
        PagedIterable<Integer> items = cursorStyle();
        assertThat(items.stream().limit(1).toList()).containsExactly(1);
        assertThat(items.stream().limit(1).toList()).containsExactly(1);
        assertThat(items.pages()).hasSize(4).first().isEqualTo(List.of(1, 2));
    }

    @Test
    void repeatedCursorIsAnErrorNotALoop() {
        PagedIterable<Integer> stuck = Paging.cursor(after -> CursorPage.of(List.of(1), true, "same"));
        assertThatThrownBy(() -> stuck.forEach(i -> { })).isInstanceOf(ApiException.class)
                .hasMessageContaining("same cursor twice");
    }

    @Test
    void linkHeaderParsing() {
        assertThat(LinkHeader.parse(List.of("<https://s.test/p?page=2>; rel=\"next\", <https://s.test/p?page=9>; rel=last")))
                .containsEntry("next", "https://s.test/p?page=2").containsEntry("last", "https://s.test/p?page=9");
        assertThat(LinkHeader.next(List.of("<https://s.test/p?page=1>; rel=\"prev first\""))).isEmpty();
    }

    @Test
    void linkToAnotherHostIsRefused() {
        PagedIterable<Integer> evil = Paging.linkHeader(transport,
                ApiRequest.get("https://elsewhere.test/steal"), r -> List.of());
        assertThatThrownBy(() -> evil.iterator().hasNext())
                .isInstanceOf(io.patternhub.core.error.InvalidRequestException.class)
                .hasMessageContaining("credentials are only sent");
    }
}
