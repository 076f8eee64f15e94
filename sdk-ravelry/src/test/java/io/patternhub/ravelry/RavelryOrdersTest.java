package io.patternhub.ravelry;

import static io.patternhub.ravelry.RavelryTestSupport.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.storefront.Capability;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.testkit.RequestMatchers;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.ravelry.InvoiceSeed;
import io.patternhub.testkit.ravelry.RavelrySandbox;
import io.patternhub.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sales ({@code purchases.json}) against the Ravelry sandbox: normalization, paginator, ETags, errors. */
class RavelryOrdersTest {
    private static final String PURCHASES = "/stores/{store_id}/purchases.json";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final RavelryTestSupport support = new RavelryTestSupport();
    private final ManualClock clock = ManualClock.at(T0);
    private RavelrySandbox ravelry;
    private RavelryStorefront store;
    private long shawl;

    @BeforeEach
    void start() {
        ravelry = RavelrySandbox.builder().clock(clock).timeoutAbovePageSize(100).build().start();
        store = support.personal(ravelry).purchasesPageSize(10).build();
        shawl = Long.parseLong(store.createListing(draft("SHAWL-1", "Harvest Shawl", "6.00",
                ravelry.addPattern("Harvest Shawl"))).externalId());
    }

    @AfterEach
    void stop() {
        store.close();
        ravelry.close();
    }

    private List<Order> all() {
        try (var s = store.orders(OrderQuery.builder().build())) {
            return s.collect(Collectors.toList());
        }
    }

    @Test
    void normalizesAnInvoiceWithoutFeesOrTaxes() {
        long sock = Long.parseLong(store.createListing(draft("SOCK-1", "Socks", "4.00", 77)).externalId());
        long id = ravelry.addInvoice(InvoiceSeed.builder("USD").line(shawl, "6.00", "1.00").line(sock, "4.00")
                .promotion("1.00").buyer("knitter@example.com", "Kim Knitter", 4242L).country("de")
                .invoiceDate(T0).build());

        Order o = store.order(String.valueOf(id));

        assertThat(o.status()).isEqualTo(OrderStatus.PAID);
        assertThat(o.createdAt()).isEqualTo(T0);
        assertThat(o.fees()).isEmpty();
        assertThat(o.taxes()).isEmpty();
        assertThat(o.refunds()).isEmpty();
        assertThat(o.total()).isEqualTo(Money.of("9.00", "USD"));
        assertThat(o.discountsTotal()).isEqualTo(Money.of("1.00", "USD"));
        assertThat(o.lineItems()).extracting(LineItem::sku).containsExactly(java.util.Optional.of("SHAWL-1"),
                java.util.Optional.of("SOCK-1"));
        assertThat(o.lineItems().get(0).discount()).contains(Money.of("1.00", "USD"));
        assertThat(o.buyer().orElseThrow().email()).contains("knitter@example.com");
        assertThat(o.buyer().orElseThrow().externalId()).contains("4242");
        assertThat(o.buyer().orElseThrow().country()).contains("DE");
        assertThat(o.orderNumber()).isPresent();
        assertThat(o.net()).isEqualTo(o.total());
        assertThat(store.capabilities().supports(Capability.FEES)).isFalse();
        assertThat(store.capabilities().supports(Capability.TAXES)).isFalse();
    }

    @Test
    void unpaidInvoicesArePending() {
        long id = ravelry.addInvoice(InvoiceSeed.builder("USD").line(shawl, "6.00").unpaid().build());

        assertThat(store.order(String.valueOf(id)).status()).isEqualTo(OrderStatus.PENDING);
        assertThatThrownBy(() -> store.order("123456789")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void followsThePaginatorPageByPage() {
        for (int i = 0; i < 35; i++) {
            ravelry.addInvoice(InvoiceSeed.builder("USD").line(shawl, "6.00").invoiceDate(T0.plusSeconds(i)).build());
        }

        List<Order> orders = all();

        assertThat(orders).hasSize(35);
        assertThat(orders.stream().map(Order::externalId).distinct()).hasSize(35);
        assertThat(ravelry.journal().count("GET", PURCHASES)).isEqualTo(4);
        assertThat(ravelry.journal().entries().stream().filter(e -> e.path().endsWith("/purchases.json"))
                .map(e -> e.query().get("page_size").get(0)).distinct()).containsExactly("10");
    }

    @Test
    void unchangedPagesAreSkippedWithEtags() {
        for (int i = 0; i < 25; i++) {
            ravelry.addInvoice(InvoiceSeed.builder("USD").line(shawl, "6.00").invoiceDate(T0.plusSeconds(i)).build());
        }
        List<Order> first = all();

        List<Order> second = all();

        assertThat(second).isEqualTo(first);
        // 3 purchase pages and 1 product page, all unchanged: every one answered 304
        assertThat(ravelry.notModifiedCount()).isEqualTo(4);
        assertThat(store.notModifiedCount()).isEqualTo(4);

        ravelry.addInvoice(InvoiceSeed.builder("USD").line(shawl, "6.00").invoiceDate(T0.plusSeconds(100)).build());
        assertThat(all()).hasSize(26);
        // the paginator's results count changed on every purchase page: only the product page is unchanged
        assertThat(ravelry.notModifiedCount()).isEqualTo(5);
    }

    @Test
    void filtersByPaidDateFromTheQuery() {
        ravelry.addInvoice(InvoiceSeed.builder("USD").line(shawl, "6.00").invoiceDate(T0).build());
        long late = ravelry.addInvoice(InvoiceSeed.builder("USD").line(shawl, "6.00")
                .invoiceDate(T0.plus(Duration.ofDays(2))).build());

        List<Order> since = store.orders(OrderQuery.builder().updatedSince(T0.plus(Duration.ofDays(1))).build())
                .collect(Collectors.toList());

        assertThat(since).extracting(Order::externalId).containsExactly(String.valueOf(late));
        assertThat(ravelry.journal().entries().stream().filter(e -> e.path().endsWith("/purchases.json"))
                .map(e -> e.query().get("min_paid_date").get(0))).containsExactly("2026-03-02T10:00:00+00:00");
    }

    @Test
    void recoversFrom429And504() {
        ravelry.addInvoice(InvoiceSeed.builder("USD").line(shawl, "6.00").build());
        ravelry.faults().next(1, RequestMatchers.route("GET", PURCHASES), Fault.tooManyRequests(Duration.ZERO));
        ravelry.faults().next(2, RequestMatchers.route("GET", PURCHASES), Fault.serverError(504));

        assertThat(all()).hasSize(1);
        assertThat(ravelry.journal().count(e -> e.path().endsWith("/purchases.json") && e.status() == 429))
                .isEqualTo(1);
        assertThat(ravelry.journal().count(e -> e.path().endsWith("/purchases.json") && e.status() == 504))
                .isEqualTo(2);
    }

    @Test
    void aTooLargePageTimesOutWithAHint() {
        try (RavelryStorefront big = support.personal(ravelry).purchasesPageSize(250).build()) {
            assertThatThrownBy(() -> big.orders(OrderQuery.builder().build()).count())
                    .isInstanceOf(ApiException.class).hasMessageContaining("smaller pages");
        }
    }
}
