package io.patternhub.reliability.storm;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.core.webhook.StandardWebhookSigner;
import io.patternhub.hub.access.GenericOrderWebhook;
import io.patternhub.hub.ingest.InboxReceipt;
import io.patternhub.hub.ingest.OrderChange;
import io.patternhub.hub.ingest.OrderChangeHandler;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.OrderRecord;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.store.HubStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 Standard-Webhooks deliveries into the hub's inbox on a SQLite file, from four threads:
 * 20% are redeliveries of a valid one, 5% carry a bad signature (forged new orders and tampered
 * copies of real ones), all shuffled. Exactly the unique valid orders are stored with the signed
 * totals, every bad delivery is rejected (the 401 path), and none is lost.
 */
class WebhookStormTest {
    /** 10,000 in the normal build; {@code -Dreliability.long=true} makes it 100,000. */
    static final int DELIVERIES = Integer.getInteger("reliability.storm.deliveries",
            Boolean.getBoolean("reliability.long") ? 100_000 : 10_000);
    static final String SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("storm-secret-32-bytes-long-key!!".getBytes(StandardCharsets.US_ASCII));
    static final String SOURCE = "my-site";

    /** One delivery as the endpoint receives it, and what it should do. */
    private record Delivery(Map<String, String> headers, byte[] body, boolean authentic) {
    }

    @Test
    void exactlyTheUniqueValidOrdersAreStoredAndEveryForgeryIsRejected(@TempDir Path dir) throws Exception {
        int bad = DELIVERIES / 20;
        int duplicates = DELIVERIES / 5;
        int unique = DELIVERIES - bad - duplicates;
        Random random = new Random(11);
        Clock clock = Clock.systemUTC();
        StandardWebhookSigner signer = StandardWebhookSigner.create(SECRET, clock);
        StandardWebhookSigner wrongKey = StandardWebhookSigner.create("whsec_" + java.util.Base64.getEncoder()
                .encodeToString("an-attacker-guessed-this-key-32b".getBytes(StandardCharsets.US_ASCII)), clock);

        List<Delivery> valid = new ArrayList<>();
        for (int i = 0; i < unique; i++) {
            byte[] body = orderJson("S-" + i, cents(i)).getBytes(StandardCharsets.UTF_8);
            valid.add(new Delivery(signer.sign("msg_s" + i, clock.instant(), body), body, true));
        }
        List<Delivery> all = new ArrayList<>(valid);
        for (int i = 0; i < duplicates; i++) {
            all.add(valid.get(random.nextInt(unique))); // a platform redelivery: same id, same bytes
        }
        for (int i = 0; i < bad; i++) {
            if (i % 2 == 0) { // a forged new order, signed with the wrong key
                byte[] body = orderJson("F-" + i, 100).getBytes(StandardCharsets.UTF_8);
                all.add(new Delivery(wrongKey.sign("msg_f" + i, clock.instant(), body), body, false));
            } else { // a real delivery whose total was raised after signing
                Delivery real = valid.get(random.nextInt(unique));
                String text = new String(real.body(), StandardCharsets.UTF_8);
                byte[] tampered = text.replace("\"total\":\"", "\"total\":\"9").getBytes(StandardCharsets.UTF_8);
                all.add(new Delivery(real.headers(), tampered, false));
            }
        }
        Collections.shuffle(all, random);
        assertThat(all).hasSize(DELIVERIES);

        Set<String> handled = ConcurrentHashMap.newKeySet();
        AtomicInteger handlerCalls = new AtomicInteger();
        OrderChangeHandler recorder = new OrderChangeHandler() {
            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public void onOrderChange(OrderChange change) {
                handlerCalls.incrementAndGet();
                handled.add(change.order().externalId());
            }
        };
        try (HubStore store = HubStore.openSqlite(dir.resolve("hub.db"))) {
            OrderIngest ingest = OrderIngest.builder(store).handler(recorder).build();
            WebhookInbox inbox = WebhookInbox.builder(store, ingest)
                    .source(SOURCE, new GenericOrderWebhook(SECRET, clock)).build();

            AtomicInteger rejected = new AtomicInteger();
            AtomicInteger rejectedAuthentic = new AtomicInteger();
            AtomicInteger stored = new AtomicInteger();
            AtomicInteger duplicate = new AtomicInteger();
            AtomicInteger acceptedForgeries = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = thread; i < all.size(); i += 4) {
                        Delivery d = all.get(i);
                        try {
                            InboxReceipt r = inbox.receive(SOURCE,
                                    WebhookRequest.of(d.headers(), d.body(), clock.instant()));
                            stored.addAndGet(r.stored());
                            duplicate.addAndGet(r.duplicates());
                            if (!d.authentic()) {
                                acceptedForgeries.incrementAndGet();
                            }
                        } catch (WebhookVerificationException e) { // the endpoint answers 401
                            rejected.incrementAndGet();
                            if (d.authentic()) {
                                rejectedAuthentic.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();

            assertThat(acceptedForgeries).hasValue(0);
            assertThat(rejectedAuthentic).hasValue(0);
            assertThat(rejected).hasValue(bad);
            assertThat(stored).hasValue(unique);
            assertThat(duplicate).hasValue(duplicates);
            assertThat(stored.get() + duplicate.get() + rejected.get()).isEqualTo(DELIVERIES); // none lost

            assertThat(inbox.processAll()).isEqualTo(unique);
            assertThat(inbox.pendingCount()).isZero();
            ingest.dispatchAll();

            Orders orders = new Orders(store);
            assertThat(orders.count()).isEqualTo(unique);
            for (int i = 0; i < unique; i++) {
                OrderRecord o = orders.find(Platform.CSV, "S-" + i).orElseThrow();
                assertThat(o.total().amount()).as("S-%d keeps its signed total", i)
                        .isEqualByComparingTo(java.math.BigDecimal.valueOf(cents(i), 2));
            }
            assertThat(orders.find(Platform.CSV, "F-0")).isEmpty();
            assertThat(handled).hasSize(unique);
            assertThat(handlerCalls).hasValue(unique); // one change per order: duplicates caused none
        }
    }

    private static long cents(int i) {
        return 500 + (i % 997);
    }

    private static String orderJson(String id, long cents) {
        String amount = java.math.BigDecimal.valueOf(cents, 2).toPlainString();
        return "{\"order_id\":\"" + id + "\",\"status\":\"paid\",\"currency\":\"EUR\","
                + "\"created_at\":\"2026-03-01T10:00:00Z\",\"total\":\"" + amount + "\","
                + "\"customer\":{\"id\":\"c-" + id + "\",\"email\":\"" + id.toLowerCase() + "@example.com\"},"
                + "\"lines\":[{\"sku\":\"TEE-01\",\"title\":\"Tee pattern\",\"quantity\":1,\"unit_price\":\""
                + amount + "\"}]}";
    }
}
