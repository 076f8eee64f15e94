package io.patternhub.ravelry;

import static io.patternhub.ravelry.RavelryTestSupport.draft;
import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.event.OrderEvent;
import io.patternhub.testkit.ravelry.InvoiceSeed;
import io.patternhub.testkit.ravelry.RavelrySandbox;
import io.patternhub.testkit.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polling from a persisted {@code min_paid_date} cursor with a rescan window, each order state once. */
class RavelryOrderEventsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final RavelryTestSupport support = new RavelryTestSupport();
    private final ManualClock clock = ManualClock.at(T0);
    private RavelrySandbox ravelry;
    private RavelryStorefront store;
    private long product;
    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        ravelry = RavelrySandbox.builder().clock(clock).build().start();
        store = support.personal(ravelry).purchasesPageSize(5).build();
        product = Long.parseLong(store.createListing(draft("SHAWL-1", "Shawl", "6.00", 42)).externalId());
    }

    @AfterEach
    void stop() {
        store.close();
        ravelry.close();
    }

    private RavelryOrderEvents events(OrderPollStateStore state) {
        return RavelryOrderEvents.builder(store).stateStore(state).clock(clock)
                .rescanWindow(Duration.ofDays(3)).initialLookback(Duration.ofDays(10)).build();
    }

    private long sale(Instant at) {
        return ravelry.addInvoice(InvoiceSeed.builder("USD").line(product, "6.00").invoiceDate(at).build());
    }

    @Test
    void emitsEachSaleOnceAndSkipsUnchangedPages() {
        for (int i = 0; i < 12; i++) {
            sale(T0.minus(Duration.ofHours(12 - i)));
        }
        RavelryOrderEvents events = events(OrderPollStateStore.inMemory());
        List<OrderEvent> got = new ArrayList<>();

        assertThat(events.poll(got::add)).isEqualTo(12);
        assertThat(events.poll(got::add)).isZero(); // from the cursor less the window: a new URL, same sales
        long before304 = ravelry.notModifiedCount();
        assertThat(events.poll(got::add)).isZero();

        assertThat(got).extracting(OrderEvent::kind).containsOnly(OrderEvent.Kind.PAID);
        assertThat(got.stream().map(OrderEvent::eventId).distinct()).hasSize(12);
        // the third poll asks for the same 3 purchase pages and the product page: all answered 304
        assertThat(ravelry.notModifiedCount() - before304).isEqualTo(4);
        assertThat(store.notModifiedCount()).isEqualTo(ravelry.notModifiedCount());
    }

    @Test
    void cursorPersistsAndANewSaleIsEmittedOnce() {
        sale(T0.minus(Duration.ofHours(1)));
        OrderPollStateStore file = OrderPollStateStore.file(dir.resolve("ravelry-poll.json"));
        assertThat(events(file).poll(e -> { })).isEqualTo(1);
        assertThat(file.load().cursor()).contains(T0.minus(Duration.ofHours(1)));

        clock.advance(Duration.ofHours(2));
        long fresh = sale(clock.instant());
        List<OrderEvent> got = new ArrayList<>();
        assertThat(events(file).poll(got::add)).isEqualTo(1); // a new instance: state from the file

        assertThat(got).singleElement().satisfies(e -> assertThat(e.orderExternalId()).isEqualTo(String.valueOf(fresh)));
        assertThat(file.load().cursor()).contains(clock.instant());
        String minPaid = ravelry.journal().entries().stream().filter(e -> e.path().endsWith("/purchases.json"))
                .reduce((a, b) -> b).orElseThrow().query().get("min_paid_date").get(0);
        assertThat(minPaid).isEqualTo("2026-02-26T09:00:00+00:00"); // the saved cursor less the 3-day window
    }

    @Test
    void anInvoicePaidLaterIsEmittedWhenPaid() {
        long unpaid = ravelry.addInvoice(InvoiceSeed.builder("USD").line(product, "6.00")
                .invoiceDate(T0.minus(Duration.ofHours(4))).unpaid().build());
        sale(T0.minus(Duration.ofHours(1)));
        RavelryOrderEvents events = events(OrderPollStateStore.inMemory());
        List<OrderEvent> got = new ArrayList<>();
        assertThat(events.poll(got::add)).isEqualTo(1); // min_paid_date leaves the unpaid invoice out

        clock.advance(Duration.ofDays(1));
        ravelry.pay(unpaid, clock.instant());
        got.clear();

        assertThat(events.poll(got::add)).isEqualTo(1);
        assertThat(got).singleElement().satisfies(e -> {
            assertThat(e.orderExternalId()).isEqualTo(String.valueOf(unpaid));
            assertThat(e.kind()).isEqualTo(OrderEvent.Kind.PAID);
        });
    }

    @Test
    void rescanFindsASaleThatShowsUpLateWithinTheWindowOnly() {
        sale(T0);
        RavelryOrderEvents events = events(OrderPollStateStore.inMemory());
        events.poll(e -> { });
        // Two sales appear late, dated before the cursor: 2 hours (inside the 3-day window) and 4 days before.
        long inside = sale(T0.minus(Duration.ofHours(2)));
        sale(T0.minus(Duration.ofDays(4)));
        List<OrderEvent> got = new ArrayList<>();

        assertThat(events.poll(got::add)).isEqualTo(1);

        assertThat(got).singleElement().satisfies(e -> assertThat(e.orderExternalId())
                .isEqualTo(String.valueOf(inside)));
    }

    @Test
    void aSaleOlderThanTheRescanWindowIsNotReadAgain() {
        sale(T0.minus(Duration.ofHours(1)));
        RavelryOrderEvents events = events(OrderPollStateStore.inMemory());
        events.poll(e -> { });
        clock.advance(Duration.ofDays(5));
        sale(clock.instant());
        events.poll(e -> { });

        ravelry.journal().clear();
        events.poll(e -> { });

        String minPaid = ravelry.journal().entries().stream().filter(e -> e.path().endsWith("/purchases.json"))
                .findFirst().orElseThrow().query().get("min_paid_date").get(0);
        assertThat(Instant.parse(minPaid.replace("+00:00", "Z"))).isEqualTo(clock.instant().minus(Duration.ofDays(3)));
    }
}
