package io.patternhub.reliability.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.etsy.EtsyStorefront;
import io.patternhub.hub.catalog.Catalog;
import io.patternhub.hub.ingest.Orders;
import io.patternhub.hub.store.HubStore;
import io.patternhub.hub.store.Vendor;
import io.patternhub.hub.sync.SyncReport;
import io.patternhub.hub.sync.SyncTarget;
import io.patternhub.shopify.ShopifyStorefront;
import io.patternhub.testkit.etsy.EtsyListingView;
import io.patternhub.testkit.etsy.EtsySandbox;
import io.patternhub.testkit.etsy.EtsyTokens;
import io.patternhub.testkit.shopify.SandboxProduct;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hub instances on one PostgreSQL server, at once: the 10,000-delivery webhook storm split over both
 * instances' HTTP endpoints while both instances' inbox workers drain it and both run a catalog sync of
 * the same 100-pattern catalog to one Etsy and one Shopify sandbox. Nothing is pushed twice, no delivery
 * is lost or repeated, every forgery gets a 401, every order change reaches each handler exactly once.
 */
class TwoHubsOnPostgresStormTest {
    /** 10,000 in the normal build; {@code -Dreliability.long=true} makes it 100,000. */
    static final int DELIVERIES = Integer.getInteger("reliability.storm.deliveries",
            Boolean.getBoolean("reliability.long") ? 100_000 : 10_000);
    static final int CATALOG = 100;
    static final int SENDERS = 8;
    static final String SHOPIFY_TOKEN = "shpat_pg_storm";

    @TempDir
    Path dir;

    @Test
    void twoInstancesShareTheStormAndTheSyncWithNoDuplicatePushAndNoLostDelivery() throws Exception {
        long begin = System.nanoTime();
        Clock clock = Clock.systemUTC();
        StormPlan plan = new StormPlan(DELIVERIES, CATALOG, clock, 11);
        SideEffects effects = new SideEffects();
        try (EmbeddedPostgres pg = PgServer.start();
                EtsySandbox etsy = EtsySandbox.builder().perSecondLimit(1_000_000).perDayLimit(100_000_000)
                        .validateRequests(false).validateResponses(false).build().start();
                ShopifySandbox shop = ShopifySandbox.builder().accessToken(SHOPIFY_TOKEN)
                        .costBucket(1_000_000, 1_000_000).build().start()) {
            DataSource database = pg.getPostgresDatabase();
            EtsyTokens tokens = etsy.issueTokens(EtsySandbox.DEFAULT_SCOPES);
            try (HubInstance a = new HubInstance("hub-a", database, clock, effects, targets(etsy, tokens, shop));
                    HubInstance b = new HubInstance("hub-b", database, clock, effects, targets(etsy, tokens, shop))) {
                assertThat(a.store.vendor()).isEqualTo(Vendor.POSTGRESQL);
                Catalog catalog = new Catalog(a.store);
                catalog.importFolder(PgCatalog.write(dir.resolve("catalog"), CATALOG), true);

                System.out.printf("pg storm: set up (server, sandboxes, 2 instances, catalog) in %d ms%n",
                        (System.nanoTime() - begin) / 1_000_000);
                Storm storm = runAtOnce(plan, a, b);
                long checks = System.nanoTime();

                // --- the storm: every delivery answered as it should be, none lost ---
                assertThat(storm.acceptedForgeries).as("forgeries answered 200").hasValue(0);
                assertThat(storm.rejectedAuthentic).as("authentic deliveries answered 401").hasValue(0);
                assertThat(storm.otherStatus).as("deliveries answered neither 200 nor 401").hasValue(0);
                assertThat(a.answered401.get() + b.answered401.get()).isEqualTo(plan.bad);
                assertThat(a.answered200.get() + b.answered200.get()).isEqualTo(DELIVERIES - plan.bad);
                assertThat(a.stored.get() + b.stored.get()).isEqualTo(plan.uniqueValid);
                assertThat(a.duplicates.get() + b.duplicates.get()).isEqualTo(plan.redeliveries);
                assertThat(List.of(a.stored.get(), b.stored.get())).as("both endpoints stored").allMatch(n -> n > 0);
                assertThat(List.of(a.processed.get(), b.processed.get())).as("both inboxes worked").allMatch(n -> n > 0);
                assertThat(a.processed.get() + b.processed.get()).as("each event processed once").isEqualTo(plan.uniqueValid);

                HubStore store = a.store;
                assertThat(count(store, "SELECT COUNT(*) FROM webhook_inbox")).isEqualTo(plan.uniqueValid);
                assertThat(count(store, "SELECT COUNT(*) FROM webhook_inbox WHERE status <> 'DONE' OR payload IS NOT NULL"))
                        .as("inbox rows not done").isZero();
                assertThat(count(store, "SELECT COUNT(*) FROM webhook_inbox WHERE attempts <> 1"))
                        .as("inbox rows that needed a second attempt (a failed or lost claim)").isZero();

                // --- orders: exactly the unique valid ones, once, with their signed totals ---
                assertThat(new Orders(store).count()).isEqualTo(plan.orders.size());
                Map<String, StoredOrder> stored = store.inTransaction(tx -> tx.query(
                        "SELECT external_id, status, total FROM orders WHERE platform = ?",
                        rs -> new StoredOrder(rs.getString(1), OrderStatus.valueOf(rs.getString(2)), new BigDecimal(rs.getString(3))),
                        Platform.CSV)).stream().collect(Collectors.toMap(StoredOrder::externalId, o -> o));
                assertThat(stored.keySet()).as("stored orders").isEqualTo(plan.orders);
                for (String id : plan.orders) {
                    StoredOrder o = stored.get(id);
                    assertThat(o.total()).as("%s keeps its signed total", id)
                            .isEqualByComparingTo(BigDecimal.valueOf(StormPlan.cents(StormPlan.paidIndex(id)), 2));
                    assertThat(o.status()).as("status of %s", id)
                            .isEqualTo(plan.refunded.contains(id) ? OrderStatus.REFUNDED : OrderStatus.PAID);
                }
                Set<String> buyers = new HashSet<>();
                plan.orders.forEach(id -> buyers.add(StormPlan.customerOf(StormPlan.paidIndex(id))));
                assertThat(count(store, "SELECT COUNT(*) FROM customers")).as("one row per returning buyer")
                        .isEqualTo(buyers.size());
                long guests = buyers.stream().filter(StormPlan::isGuest).count();
                assertThat(guests).as("guests in the plan").isGreaterThan(100);
                assertThat(count(store, "SELECT COUNT(*) FROM customers WHERE external_id IS NULL"))
                        .as("one row per guest buyer, whatever the email's case").isEqualTo(guests);
                assertThat(count(store, "SELECT COUNT(DISTINCT LOWER(email)) FROM customers")).isEqualTo(buyers.size());
                Map<String, String> customerOfOrder = store.inTransaction(tx -> tx.query(
                        "SELECT o.external_id, LOWER(c.email) FROM orders o JOIN customers c ON c.id = o.customer_id",
                        rs -> Map.entry(rs.getString(1), rs.getString(2))))
                        .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                assertThat(customerOfOrder.keySet()).as("orders with their buyer").isEqualTo(plan.orders);
                for (String id : plan.orders) {
                    assertThat(customerOfOrder.get(id)).as("buyer of %s", id)
                            .isEqualTo(StormPlan.customerOf(StormPlan.paidIndex(id)) + "@example.com");
                }

                // --- order changes: each reached each handler exactly once ---
                List<String> changes = store.inTransaction(tx -> tx.query("SELECT id FROM order_changes",
                        rs -> rs.getString(1)));
                assertThat(effects.changeDeliveries.keySet()).containsExactlyInAnyOrderElementsOf(changes);
                assertThat(effects.changeDeliveries.values()).as("deliveries per change").allMatch(n -> n.get() == 1);
                assertThat(new HashSet<>(effects.changeDeliveredBy.values())).as("both instances delivered")
                        .containsExactlyInAnyOrder("hub-a", "hub-b");
                assertThat(count(store, "SELECT COUNT(*) FROM order_change_deliveries")).isEqualTo(2L * changes.size());
                assertThat(count(store, "SELECT COUNT(*) FROM order_change_deliveries WHERE status <> 'DONE' OR attempts <> 1"))
                        .as("handler deliveries not done at the first attempt").isZero();
                Map<String, Long> changesPerOrder = store.inTransaction(tx -> tx.query(
                        "SELECT o.external_id, COUNT(*) FROM order_changes c JOIN orders o ON o.id = c.order_id"
                                + " GROUP BY o.external_id", rs -> Map.entry(rs.getString(1), rs.getLong(2))))
                        .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                for (String id : plan.orders) {
                    if (plan.refunded.contains(id)) { // PAID is recorded only if it arrived before the refund
                        assertThat(changesPerOrder.get(id)).as("changes of refunded %s", id).isBetween(1L, 2L);
                    } else {
                        assertThat(changesPerOrder.get(id)).as("changes of %s", id).isEqualTo(1L);
                    }
                }

                // --- buyer access side effects: one entitlement, one grant, one email per kept order ---
                Map<String, List<String>> activeEntitlements = new ConcurrentHashMap<>();
                store.inTransaction(tx -> tx.query("SELECT o.external_id, e.id FROM entitlements e JOIN orders o"
                        + " ON o.id = e.order_id WHERE e.revoked_at IS NULL", rs -> Map.entry(rs.getString(1), rs.getString(2))))
                        .forEach(e -> activeEntitlements.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
                Set<String> kept = plan.orders.stream().filter(id -> !plan.refunded.contains(id)).collect(Collectors.toSet());
                assertThat(activeEntitlements.keySet()).as("orders with active access").isEqualTo(kept);
                assertThat(activeEntitlements.values()).allMatch(list -> list.size() == 1);
                for (List<String> ents : activeEntitlements.values()) {
                    assertThat(effects.grants.get(ents.get(0))).as("grants of %s", ents.get(0)).hasValue(1);
                }
                assertThat(effects.grants.values()).as("grants per entitlement").allMatch(n -> n.get() == 1);
                assertThat(effects.revokes.values()).as("revocations per entitlement").allMatch(n -> n.get() == 1);
                long sent = count(store, "SELECT COUNT(*) FROM notifications_sent WHERE state = 'SENT'");
                assertThat(effects.emails).as("emails sent = emails recorded as sent").hasValue((int) sent);
                assertThat(count(store, "SELECT COUNT(*) FROM notifications_sent n JOIN orders o"
                        + " ON n.notification_key = 'access:' || o.id WHERE n.state = 'SENT' AND o.status = 'PAID'"))
                        .as("kept orders whose buyer got the email").isEqualTo(kept.size());

                // --- the sync: exactly the catalog on both storefronts, nothing pushed twice ---
                // an instance's apply() may return while the other still holds a lease on a step; together they finish
                for (SyncReport report : List.of(storm.syncA, storm.syncB)) {
                    for (String target : List.of("etsy", "shopify")) {
                        assertThat(report.result(target).failed()).as("%s: %s", target, report).isZero();
                        assertThat(report.result(target).deadLetters()).as("%s: %s", target, report).isZero();
                    }
                }
                assertThat(storm.syncA.result("etsy").completed() + storm.syncB.result("etsy").completed()
                        + storm.syncA.result("shopify").completed() + storm.syncB.result("shopify").completed())
                        .as("pattern pushes done by either instance, each once").isEqualTo(2 * CATALOG);
                assertEtsyHoldsExactlyTheCatalog(etsy);
                assertShopifyHoldsExactlyTheCatalog(shop);
                assertThat(a.sync.plan().isEmpty()).isTrue();
                assertThat(b.sync.plan().isEmpty()).isTrue();
                assertThat(count(store, "SELECT COUNT(*) FROM outbox WHERE status <> 'DONE'")).as("outbox rows not done")
                        .isZero();

                // --- and nothing is left for either instance to do ---
                assertThat(a.inbox.processAll() + b.inbox.processAll()).isZero();
                assertThat(a.ingest.dispatchAll() + b.ingest.dispatchAll()).isZero();
                System.out.printf("pg storm: checks in %d ms%n", (System.nanoTime() - checks) / 1_000_000);
            }
        }
    }

    private record StoredOrder(String externalId, OrderStatus status, BigDecimal total) {
    }

    /** What happened while the storm and both syncs ran. */
    private record Storm(SyncReport syncA, SyncReport syncB, AtomicInteger acceptedForgeries,
                         AtomicInteger rejectedAuthentic, AtomicInteger otherStatus) {
    }

    private static Storm runAtOnce(StormPlan plan, HubInstance a, HubInstance b) throws Exception {
        AtomicInteger acceptedForgeries = new AtomicInteger();
        AtomicInteger rejectedAuthentic = new AtomicInteger();
        AtomicInteger otherStatus = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS + 2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            Future<SyncReport> syncA = pool.submit(() -> {
                go.await();
                return a.sync.apply();
            });
            Future<SyncReport> syncB = pool.submit(() -> {
                go.await();
                return b.sync.apply();
            });
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < SENDERS; t++) {
                int thread = t;
                senders.add(pool.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10)).build();
                    go.await();
                    for (int i = thread; i < plan.deliveries.size(); i += SENDERS) {
                        StormPlan.Delivery d = plan.deliveries.get(i);
                        URI endpoint = (i & 1) == 0 ? a.endpoint() : b.endpoint(); // the load balancer
                        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
                        d.headers().forEach(request::header);
                        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status == 200 && !d.authentic()) {
                            acceptedForgeries.incrementAndGet();
                        } else if (status == 401 && d.authentic()) {
                            rejectedAuthentic.incrementAndGet();
                        } else if (status != 200 && status != 401) {
                            otherStatus.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            a.startInboxWorkers(2);
            b.startInboxWorkers(2);
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : senders) {
                f.get(120, TimeUnit.SECONDS);
            }
            long sent = System.nanoTime();
            SyncReport reportA = syncA.get(120, TimeUnit.SECONDS);
            SyncReport reportB = syncB.get(120, TimeUnit.SECONDS);
            long synced = System.nanoTime();
            awaitDrained(a.store, Duration.ofSeconds(90));
            // durations for the record (README), never asserted
            System.out.printf("pg storm: %d deliveries received in %d ms, syncs done at %d ms, inbox drained at %d ms%n",
                    plan.deliveries.size(), (sent - start) / 1_000_000, (synced - start) / 1_000_000,
                    (System.nanoTime() - start) / 1_000_000);
            a.stopInboxWorkers();
            b.stopInboxWorkers();
            return new Storm(reportA, reportB, acceptedForgeries, rejectedAuthentic, otherStatus);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until the inbox and the handler deliveries have nothing pending (the workers keep running). */
    private static void awaitDrained(HubStore store, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (count(store, "SELECT (SELECT COUNT(*) FROM webhook_inbox WHERE status = 'PENDING')"
                + " + (SELECT COUNT(*) FROM order_change_deliveries WHERE status = 'PENDING')") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("inbox or handler deliveries still pending after " + atMost);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static List<SyncTarget> targets(EtsySandbox etsy, EtsyTokens tokens, ShopifySandbox shop) {
        // every instance has its own clients, as separate processes would
        EtsyStorefront etsyClient = EtsyStorefront.builder().shopId(etsy.defaultShopId()).apiKey(etsy.apiKey())
                .accessToken(tokens.accessToken()).baseUrl(etsy.baseUrl()).taxonomyId(1L).shopCurrency("USD")
                .rateLimit(RateLimitSettings.unlimited()).retry(RetrySettings.none()).writeAttempts(1).build();
        URI graphql = URI.create(shop.graphqlUrl());
        ShopifyStorefront shopifyClient = ShopifyStorefront.builder().shopDomain(shop.shopDomain())
                .baseUrl(graphql.getScheme() + "://" + graphql.getAuthority()).accessToken(SHOPIFY_TOKEN)
                .clientSecret(shop.clientSecret()).retry(RetrySettings.none()).bulkPollInterval(Duration.ofMillis(20))
                .build();
        return List.of(SyncTarget.builder("etsy", etsyClient).currency("USD").build(),
                SyncTarget.builder("shopify", shopifyClient).currency("USD").build());
    }

    private static void assertEtsyHoldsExactlyTheCatalog(EtsySandbox etsy) {
        List<EtsyListingView> listings = etsy.listings(etsy.defaultShopId());
        Map<String, Long> perSku = listings.stream().collect(Collectors.groupingBy(
                l -> l.sku().orElse("?"), Collectors.counting()));
        assertThat(perSku).hasSize(CATALOG).allSatisfy((sku, n) -> assertThat(n).as("Etsy listings of %s", sku).isOne());
        for (int i = 1; i <= CATALOG; i++) {
            assertThat(perSku).containsKey(PgCatalog.sku(i));
        }
        assertThat(listings).allSatisfy(l -> assertThat(l.files()).as("files of %s", l.sku())
                .hasSize(PgCatalog.FILES_PER_PATTERN));
        long creates = etsy.journal().count(e -> "POST".equals(e.method()) && e.path().endsWith("/listings"));
        long uploads = etsy.journal().count(e -> "POST".equals(e.method()) && e.path().endsWith("/files"));
        assertThat(creates).as("Etsy listing creates").isEqualTo(CATALOG);
        assertThat(uploads).as("Etsy file uploads").isEqualTo((long) CATALOG * PgCatalog.FILES_PER_PATTERN);
    }

    /** Shopify takes no pattern files (its capabilities say so), so the products are what a push creates. */
    private static void assertShopifyHoldsExactlyTheCatalog(ShopifySandbox shop) {
        List<SandboxProduct> products = shop.products();
        assertThat(products).as("Shopify products (one per create)").hasSize(CATALOG);
        for (int i = 1; i <= CATALOG; i++) {
            String sku = PgCatalog.sku(i);
            assertThat(products.stream().filter(p -> p.hasSku(sku)).count()).as("Shopify products with %s", sku).isOne();
        }
    }

    private static long count(HubStore store, String sql) {
        return store.inTransaction(tx -> tx.queryOne(sql, rs -> rs.getLong(1)).orElse(0L));
    }
}
