package io.patternhub.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.examples.cli.connect.Connections;
import io.patternhub.examples.cli.connect.StorefrontConnection;
import io.patternhub.hub.store.HubStore;
import io.patternhub.testkit.shopify.OrderSeed;
import io.patternhub.testkit.shopify.ShopifySandbox;
import io.patternhub.testkit.webhook.SignedWebhook;
import io.patternhub.testkit.woocommerce.WooCommerceSandbox;
import io.patternhub.testkit.woocommerce.WooOrderSeed;
import io.patternhub.woocommerce.WooCommerceStorefront;
import io.patternhub.woocommerce.WooCommerceWebhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code patternhub serve} receiving real signed deliveries from the Shopify and WooCommerce sandboxes:
 * stored before the 200, processed by serve's worker into the hub's orders.
 */
@Timeout(90)
class CliServeWebhooksTest {
    private static final String WOO_SECRET = "woo-webhook-secret-for-serve";
    /** How long serve's background worker may take to process what was delivered. */
    private static final Duration WORKER_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void signedShopifyAndWooCommerceDeliveriesBecomeOrdersDuplicatesAndForgeriesStoreNothing() throws Exception {
        try (ShopifySandbox shopify = ShopifySandbox.builder().accessToken("shpat_test").build().start();
             WooCommerceSandbox woo = WooCommerceSandbox.builder().build().start()) {
            Map<String, String> env = new HashMap<>(Map.of("PATTERNHUB_DB", "hub.db",
                    "PATTERNHUB_SHOPIFY_SHOP", shopify.shopDomain(), "PATTERNHUB_SHOPIFY_ACCESS_TOKEN", "shpat_test",
                    "PATTERNHUB_SHOPIFY_BASE_URL", shopify.baseUrl(),
                    "PATTERNHUB_SHOPIFY_CLIENT_SECRET", shopify.clientSecret()));
            env.putAll(Map.of("PATTERNHUB_WOOCOMMERCE_SITE_URL", "https://shop.example",
                    "PATTERNHUB_WOOCOMMERCE_BASE_URL", woo.baseUrl(),
                    "PATTERNHUB_WOOCOMMERCE_CONSUMER_KEY", woo.consumerKey(),
                    "PATTERNHUB_WOOCOMMERCE_CONSUMER_SECRET", woo.consumerSecret(),
                    "PATTERNHUB_WOOCOMMERCE_WEBHOOK_SECRET", WOO_SECRET,
                    "PATTERNHUB_WOOCOMMERCE_CURRENCY", "EUR"));
            long wooProduct = woo.addProduct("Cardigan", "PH-KNT-004", "5.50");

            try (ServeRun serve = ServeRun.start(dir, env)) {
                String local = serve.local();
                assertThat(serve.output()).contains("Shopify webhooks on POST /webhooks/shopify")
                        .contains("WooCommerce webhooks on POST /webhooks/woocommerce");
                String shopifyUrl = local + "/webhooks/shopify";
                String wooUrl = local + "/webhooks/woocommerce";

                try (HubStore store = HubStore.openSqlite(dir.resolve("hub.db"))) {
                    // Shopify: orders/paid, signed with the app's client secret
                    String orderId = shopify.seedOrders(OrderSeed.builder().count(1).anonymousEvery(0).refundEvery(0)
                            .build()).get(0);
                    SignedWebhook paid = shopify.signedWebhook("orders/paid", shopify.orderWebhookPayload(orderId));
                    assertThat(shopify.deliver(shopifyUrl, paid).status()).isEqualTo(200);
                    assertThat(shopify.deliver(shopifyUrl, paid).status()).as("redelivery").isEqualTo(200);
                    SignedWebhook forged = paid.withBody((paid.bodyText() + " ").getBytes(StandardCharsets.UTF_8));
                    assertThat(shopify.deliver(shopifyUrl, forged).status()).isEqualTo(401);
                    // a mandatory privacy topic with a bad HMAC must be answered 401
                    SignedWebhook redact = shopify.signedWebhook("customers/redact",
                            shopify.privacyWebhookPayload("customers/redact", "nobody@example.com"));
                    assertThat(shopify.deliver(shopifyUrl, redact.withBody("{\"shop_id\":1}".getBytes(StandardCharsets.UTF_8)))
                            .status()).isEqualTo(401);

                    // WooCommerce: a webhook registered to serve's route; the sandbox delivers order.created itself
                    WooCommerceWebhook hook = wooStorefrontCreatesWebhook(env, URI.create(wooUrl));
                    long hookId = Long.parseLong(hook.id());
                    woo.rememberSecret(hookId, WOO_SECRET);
                    long wooOrder = woo.addOrder(WooOrderSeed.builder("EUR").customer(5, "lou@example.com")
                            .line(wooProduct, 1, "5.50").build());
                    assertThat(woo.webhook(hookId).orElseThrow().deliveries()).isEqualTo(1);
                    assertThat(woo.webhook(hookId).orElseThrow().consecutiveFailures()).isZero();
                    SignedWebhook again = woo.signedOrderDelivery(hookId, "order.created", wooOrder);
                    HttpResponse<String> duplicate = post(wooUrl, again);
                    assertThat(duplicate.statusCode()).isEqualTo(200);
                    assertThat(duplicate.body()).isEqualTo("{\"stored\":0,\"duplicates\":1}");
                    SignedWebhook tampered = again.withBody((again.bodyText() + " ").getBytes(StandardCharsets.UTF_8));
                    assertThat(post(wooUrl, tampered).statusCode()).isEqualTo(401);

                    // serve's worker turns the two stored deliveries into orders
                    serve.awaitTrue(() -> count(store, "SELECT COUNT(*) FROM orders") == 2
                            && count(store, "SELECT COUNT(*) FROM webhook_inbox WHERE status = 'PENDING'") == 0,
                            WORKER_WAIT);
                    assertThat(strings(store, "SELECT platform FROM orders ORDER BY platform"))
                            .containsExactly("SHOPIFY", "WOOCOMMERCE");
                    assertThat(count(store, "SELECT COUNT(*) FROM webhook_inbox")).isEqualTo(2);
                    assertThat(strings(store, "SELECT external_id FROM orders WHERE platform = 'WOOCOMMERCE'"))
                            .containsExactly(String.valueOf(wooOrder));

                    // a signed data request is processed too: the export lands in privacy-requests/
                    String email = shopify.order(orderId).orElseThrow().email().orElseThrow();
                    assertThat(shopify.deliverPrivacyWebhook("customers/data_request", shopifyUrl, email).status())
                            .isEqualTo(200);
                    serve.awaitTrue(() -> exports(dir.resolve("privacy-requests")).size() == 1, WORKER_WAIT);
                    assertThat(Files.readString(exports(dir.resolve("privacy-requests")).get(0))).contains(email);

                    // the route answers only what it knows
                    assertThat(serve.get("/webhooks/shopify").statusCode()).isEqualTo(405);
                    assertThat(post(local + "/webhooks/ravelry", again).statusCode()).isEqualTo(404);
                }

                assertThat(serve.stop(Duration.ofSeconds(30))).isZero();
                assertThat(serve.output()).contains("event(s) processed").contains("Stopped.");
            }
        }
    }

    @Test
    void aWebhookSecretWithoutTheStorefrontsOtherSettingsNamesWhatIsMissing() {
        CliRun run = CliRun.run(dir, Map.of("PATTERNHUB_DB", "hub.db", "PATTERNHUB_WOOCOMMERCE_WEBHOOK_SECRET", "s"),
                "serve", "--port", "0");
        assertThat(run.exitCode()).isEqualTo(PatternHubCli.FAILURE);
        assertThat(run.errorLine()).contains("PATTERNHUB_WOOCOMMERCE_SITE_URL");
    }

    private static WooCommerceWebhook wooStorefrontCreatesWebhook(Map<String, String> env, URI url) {
        List<StorefrontConnection> c = Connections.storefronts(new CliContext(env, Path.of("."), System.out, System.err,
                false).settings(), () -> null, List.of(Platform.WOOCOMMERCE));
        try {
            return ((WooCommerceStorefront) c.get(0).storefront()).createWebhook("order.created", url, WOO_SECRET);
        } finally {
            c.forEach(StorefrontConnection::close);
        }
    }

    private HttpResponse<String> post(String url, SignedWebhook w) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(w.body()));
        w.headers().forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(HubStore store, String sql) {
        return store.inTransaction(tx -> tx.queryOne(sql, rs -> rs.getLong(1)).orElse(0L));
    }

    private static List<String> strings(HubStore store, String sql) {
        return store.inTransaction(tx -> tx.query(sql, rs -> rs.getString(1)));
    }

    private static List<Path> exports(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
