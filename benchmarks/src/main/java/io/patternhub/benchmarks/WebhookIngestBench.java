package io.patternhub.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.core.webhook.WebhookHeaders;
import io.patternhub.core.webhook.WebhookVerifier;
import io.patternhub.hub.ingest.InboxReceipt;
import io.patternhub.hub.ingest.OrderIngest;
import io.patternhub.hub.ingest.WebhookInbox;
import io.patternhub.hub.store.HubStore;
import io.patternhub.shopify.ShopifyStorefront;
import io.patternhub.testkit.shopify.OrderSeed;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.webhook.SignedWebhook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhook ingest on SQLite: Shopify {@code orders/paid} deliveries through {@link WebhookInbox#receive}
 * (HMAC verify, parse, deduplicate, durable insert in its own transaction) against HMAC verify plus
 * Jackson parse alone, over the same signed deliveries. One delivery in ten is a redelivery of an earlier
 * one. Arguments: {@code [deliveries]} (default 20,000).
 */
public final class WebhookIngestBench {
    private static final String TOKEN = "shpat_bench";

    private WebhookIngestBench() {
    }

    /**
     * Runs the benchmark and prints both rates and their ratio.
     *
     * @param args optional number of deliveries
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        int deliveries = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        try (ShopifySandbox shop = ShopifySandbox.builder().accessToken(TOKEN).build().start()) {
            List<WebhookRequest> requests = deliveries(shop, deliveries);
            WebhookVerifier verifier = WebhookVerifier.shopify(shop.clientSecret());
            ObjectMapper json = PatternHubJson.newMapper();

            // Warm both paths up on a throwaway store so the JIT has compiled them before timing.
            runInbox(shop, requests.subList(0, Math.min(3_000, requests.size())));
            runBaseline(verifier, json, requests);

            long baselineNanos = runBaseline(verifier, json, requests);
            long inboxNanos = runInbox(shop, requests);
            double baselineRate = rate(requests.size(), baselineNanos);
            double inboxRate = rate(requests.size(), inboxNanos);
            System.out.printf("webhook ingest: %d deliveries%n", requests.size());
            System.out.printf("  HMAC + parse alone:                        %,.0f /s%n", baselineRate);
            System.out.printf("  inbox (verify+parse+dedup+SQLite store):   %,.0f /s%n", inboxRate);
            System.out.printf("  ratio inbox / baseline: %.3f (target: >= 5,000/s absolute)%n", inboxRate / baselineRate);
        }
    }

    private static List<WebhookRequest> deliveries(ShopifySandbox shop, int count) {
        List<String> orders = shop.seedOrders(OrderSeed.builder().count(Math.min(500, count)).build());
        List<String> payloads = orders.stream().map(shop::orderWebhookPayload).toList();
        List<WebhookRequest> requests = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            if (i % 10 == 9) {
                requests.add(requests.get(i / 2)); // a platform redelivery: same webhook id and body
                continue;
            }
            SignedWebhook signed = shop.signedWebhook("ORDERS_PAID", payloads.get(i % payloads.size()));
            requests.add(WebhookRequest.of(signed.headers(), signed.body(), now));
        }
        return requests;
    }

    private static long runBaseline(WebhookVerifier verifier, ObjectMapper json, List<WebhookRequest> requests)
            throws Exception {
        long sink = 0;
        long start = System.nanoTime();
        for (WebhookRequest r : requests) {
            verifier.verify(WebhookHeaders.ofMultimap(r.headers()), r.body());
            sink += json.readTree(r.body()).size();
        }
        long elapsed = System.nanoTime() - start;
        if (sink == 0) {
            throw new IllegalStateException("parsed nothing");
        }
        return elapsed;
    }

    private static long runInbox(ShopifySandbox shop, List<WebhookRequest> requests) throws Exception {
        Path dir = Files.createTempDirectory("bench-inbox");
        try (HubStore store = HubStore.openSqlite(dir.resolve("hub.db"));
             ShopifyStorefront storefront = ShopifyStorefront.builder().shopDomain(shop.shopDomain())
                     .baseUrl(shop.baseUrl()).accessToken(TOKEN).clientSecret(shop.clientSecret()).build()) {
            WebhookInbox inbox = WebhookInbox.builder(store, OrderIngest.builder(store).build())
                    .storefront("shopify", storefront).build();
            int stored = 0;
            long start = System.nanoTime();
            for (WebhookRequest r : requests) {
                InboxReceipt receipt = inbox.receive("shopify", r);
                stored += receipt.stored();
            }
            long elapsed = System.nanoTime() - start;
            long unique = requests.stream().distinct().count();
            if (stored != unique || inbox.pendingCount() != unique) {
                throw new IllegalStateException("stored " + stored + " of " + unique + " unique deliveries");
            }
            return elapsed;
        }
    }

    private static double rate(int count, long nanos) {
        return count * 1e9 / nanos;
    }
}
