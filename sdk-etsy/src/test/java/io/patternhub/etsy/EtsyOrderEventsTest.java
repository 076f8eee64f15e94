package io.patternhub.etsy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.event.OrderEvent;
import io.patternhub.core.model.Money;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.core.webhook.WebhookVerifier;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.etsy.ReceiptSeed;
import io.patternhub.testkit.time.ManualClock;
import io.patternhub.testkit.webhook.SignedWebhook;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polling with a persisted cursor and a rescan window, and signed webhooks, each order state once. */
class EtsyOrderEventsTest {
    private static final String RECEIPTS = "/v3/application/shops/{shop_id}/receipts";
    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private EtsySandbox etsy;
    private EtsyStorefront store;
    private final List<OrderEvent> received = new ArrayList<>();

    @BeforeEach
    void start() {
        // The manual clock drives receipt times; the sandbox's per-second limiter would need it to tick.
        etsy = EtsySandbox.builder().clock(clock).perSecondLimit(0).perDayLimit(0).build().start();
        store = EtsyTestSupport.refreshingStorefront(etsy, clock)
                .webhookVerifier(WebhookVerifier.etsy(etsy.webhookSecret(), clock)).build();
    }

    @AfterEach
    void stop() {
        store.close();
        etsy.close();
        assertThat(etsy.responseViolations()).isEmpty();
    }

    private EtsyOrderEvents events(OrderPollStateStore state, Duration rescan) {
        return EtsyOrderEvents.builder(store).stateStore(state).rescanWindow(rescan).clock(clock).build();
    }

    private static ReceiptSeed sale(String sku) {
        return ReceiptSeed.builder("USD").transaction(sku, "Pattern " + sku, 1, "8.00").build();
    }

    @Test
    void aRefundAfterTheCursorPassedIsFoundByTheRescan(@TempDir Path dir) {
        OrderPollStateStore state = OrderPollStateStore.file(dir.resolve("etsy-poll.json"));
        long receipt = etsy.addReceipt(sale("A"));
        clock.advance(Duration.ofHours(1));
        etsy.addReceipt(sale("B")); // the newest change: the cursor moves to it, past receipt A
        clock.advance(Duration.ofMinutes(5));
        assertThat(events(state, Duration.ofDays(30)).poll(received::add)).isEqualTo(2);
        assertThat(received).extracting(OrderEvent::kind).containsOnly(OrderEvent.Kind.PAID);
        Instant cursor = state.load().cursor().orElseThrow();

        clock.advance(Duration.ofHours(2));
        etsy.refundSilently(receipt, Money.of("8.00", "USD"), "duplicate purchase");
        assertThat(etsy.receipt(receipt).orElseThrow().lastModifiedAt()).isBefore(cursor.plusSeconds(1));

        // Without a rescan window the modified filter misses the refund ...
        OrderPollStateStore copy = OrderPollStateStore.inMemory();
        copy.save(state.load());
        assertThat(events(copy, Duration.ZERO).poll(e -> { })).isZero();
        // ... with one (a new instance, reading the persisted cursor) it is found, once.
        received.clear();
        assertThat(events(state, Duration.ofDays(30)).poll(received::add)).isEqualTo(1);
        assertThat(received).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(OrderEvent.Kind.REFUNDED);
            assertThat(e.orderExternalId()).isEqualTo(String.valueOf(receipt));
            assertThat(e.order().orElseThrow().totalRefunded()).isEqualTo(Money.of("8.00", "USD"));
        });
        assertThat(events(state, Duration.ofDays(30)).poll(received::add)).isZero();
        // Hour-long tokens: refreshed (and rotated) before the first poll at +1h05 and again after +2h.
        assertThat(etsy.refreshCount()).isEqualTo(2);
    }

    @Test
    void aSilentCancellationIsFoundByTheRescan() {
        OrderPollStateStore state = OrderPollStateStore.inMemory();
        long receipt = etsy.addReceipt(sale("A"));
        EtsyOrderEvents feed = events(state, Duration.ofDays(7));
        feed.poll(received::add);
        clock.advance(Duration.ofDays(1));
        etsy.cancelSilently(receipt);
        received.clear();

        assertThat(feed.poll(received::add)).isEqualTo(1);
        assertThat(received.get(0).kind()).isEqualTo(OrderEvent.Kind.CANCELLED);
    }

    @Test
    void aThousandReceiptsArePolledInPagesAndEmittedOnce() {
        etsy.addReceipts(1_000, i -> sale("S" + i));
        clock.advance(Duration.ofMinutes(1));
        etsy.journal().clear();
        EtsyOrderEvents feed = events(OrderPollStateStore.inMemory(), Duration.ofDays(30));

        assertThat(feed.poll(received::add)).isEqualTo(1_000);
        assertThat(received.stream().map(OrderEvent::eventId).collect(Collectors.toSet())).hasSize(1_000);
        // One pass by min_last_modified and one rescan by min_created, 10 pages of 100 each.
        assertThat(etsy.journal().count("GET", RECEIPTS)).isEqualTo(20);
        assertThat(feed.poll(received::add)).isZero();
    }

    @Test
    void aWebhookReplayedFiveTimesYieldsOneOrderEvent() {
        long receipt = etsy.addReceipt(sale("A"));
        SignedWebhook webhook = etsy.orderPaidWebhook(receipt);
        EtsyOrderEvents feed = events(OrderPollStateStore.inMemory(), Duration.ofDays(30));

        int handled = 0;
        for (int i = 0; i < 5; i++) {
            handled += feed.onWebhook(request(webhook), received::add);
        }

        assertThat(handled).isEqualTo(1);
        assertThat(received).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(OrderEvent.Kind.PAID);
            assertThat(e.orderExternalId()).isEqualTo(String.valueOf(receipt));
            // resolved to the full receipt, fees included
            assertThat(e.order().orElseThrow().total()).isEqualTo(Money.of("8.00", "USD"));
            assertThat(e.order().orElseThrow().fees()).isNotEmpty();
            assertThat(e.raw().path("event_type").asText()).isEqualTo("order.paid");
        });
        // Polling afterwards sees the same state: nothing new.
        assertThat(feed.poll(received::add)).isZero();
        assertThat(received).hasSize(1);
        // The parsed events of two deliveries share their id, for consumers that deduplicate themselves.
        assertThat(store.parseWebhook(request(webhook)).get(0).eventId()).isEqualTo(received.get(0).eventId());
    }

    @Test
    void webhooksForOtherShopsOrEventTypesYieldNoEvents() {
        long receipt = etsy.addReceipt(sale("A"));
        String secret = etsy.webhookSecret();
        io.patternhub.core.webhook.StandardWebhookSigner signer =
                io.patternhub.core.webhook.StandardWebhookSigner.create(secret, clock);
        for (String body : List.of(
                "{\"event_type\":\"order.paid\",\"resource_url\":\"x/receipts/" + receipt + "\",\"shop_id\":42}",
                "{\"event_type\":\"order.shipped\",\"resource_url\":\"x/receipts/" + receipt + "\",\"shop_id\":"
                        + etsy.defaultShopId() + "}")) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            WebhookRequest req = WebhookRequest.of(signer.sign("msg_" + body.hashCode(), clock.instant(), bytes),
                    bytes, clock.instant());
            assertThat(store.parseWebhook(req)).isEmpty();
        }
        assertThat(etsy.journal().count("GET", RECEIPTS + "/{receipt_id}")).isZero();
    }

    @Test
    void aTamperedOrStaleWebhookIsRejected() {
        long receipt = etsy.addReceipt(sale("A"));
        SignedWebhook webhook = etsy.orderPaidWebhook(receipt);
        SignedWebhook tampered = webhook.withBody(webhook.bodyText().replace(String.valueOf(receipt), "1")
                .getBytes(StandardCharsets.UTF_8));
        EtsyOrderEvents feed = events(OrderPollStateStore.inMemory(), Duration.ofDays(30));

        assertThatThrownBy(() -> feed.onWebhook(request(tampered), received::add))
                .isInstanceOf(WebhookVerificationException.class);
        clock.advance(Duration.ofMinutes(10));
        assertThatThrownBy(() -> feed.onWebhook(request(webhook), received::add))
                .isInstanceOf(WebhookVerificationException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void aHandlerFailureKeepsTheEventsBeforeItAndRedeliversTheRest() {
        etsy.addReceipts(3, i -> sale("S" + i));
        clock.advance(Duration.ofMinutes(1));
        OrderPollStateStore state = OrderPollStateStore.inMemory();
        EtsyOrderEvents feed = events(state, Duration.ofDays(30));
        assertThatThrownBy(() -> feed.poll(e -> {
            if (received.size() == 1) {
                throw new IllegalStateException("handler down");
            }
            received.add(e);
        })).hasMessageContaining("handler down");
        assertThat(state.load().emitted()).hasSize(1);

        assertThat(feed.poll(received::add)).isEqualTo(2);
        assertThat(received.stream().map(OrderEvent::orderExternalId).distinct().count()).isEqualTo(3);
    }

    private WebhookRequest request(SignedWebhook webhook) {
        return WebhookRequest.of(webhook.headers(), webhook.body(), clock.instant());
    }
}
