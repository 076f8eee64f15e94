package io.patternhub.testkit.woocommerce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.testkit.SandboxResponse;
import io.patternhub.testkit.SandboxServer;
import io.patternhub.testkit.journal.JournalEntry;
import io.patternhub.testkit.webhook.SignedWebhook;
import io.patternhub.testkit.woocommerce.internal.WooApi;
import io.patternhub.testkit.woocommerce.internal.WooSpec;
import io.patternhub.testkit.woocommerce.internal.WooStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stateful WooCommerce REST API ({@code /wp-json/wc/v3}) for tests and the offline demo, on a
 * local MockWebServer. See the package documentation for what it serves and reproduces.
 *
 * <pre>{@code
 * try (WooCommerceSandbox woo = WooCommerceSandbox.builder().build().start()) {
 *     long order = woo.addOrder(WooOrderSeed.builder("EUR").line(productId, 1, "6.00").build());
 *     // point the storefront at woo.baseUrl() with woo.consumerKey() / woo.consumerSecret()
 * }
 * }</pre>
 *
 * <p>Every {@code wc/v3} request is validated against the bundled (unofficial) OpenAPI description;
 * a request that breaks it gets WooCommerce's {@code {"code","message","data":{"status":400}}} and is
 * listed by {@link #rejectedRequests()}. Thread-safe.
 */
public final class WooCommerceSandbox extends SandboxServer {
    /** At most this many objects in one batch request (WooCommerce's default). */
    public static final int BATCH_LIMIT = WooApi.BATCH_LIMIT;

    private final WooStore store;
    private final WooApi api;
    private final String consumerKey;
    private final String consumerSecret;
    private final String webhookSecret;

    private WooCommerceSandbox(Builder b) {
        super(b);
        this.consumerKey = b.consumerKey;
        this.consumerSecret = b.consumerSecret;
        this.webhookSecret = b.webhookSecret;
        this.store = new WooStore(clock());
        if (b.validateRequests) {
            addValidator(WooSpec.shared()::validateRequest);
        }
        this.api = new WooApi(this, store, consumerKey, consumerSecret, webhookSecret);
        api.registerRoutes();
    }

    /**
     * Starts configuring a sandbox.
     *
     * @return a builder with sandbox credentials and request validation on
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public WooCommerceSandbox start() {
        super.start();
        return this;
    }

    // ------------------------------------------------------------ credentials

    /** The consumer key ({@code ck_...}) the sandbox accepts. */
    public String consumerKey() {
        return consumerKey;
    }

    /** The consumer secret ({@code cs_...}) the sandbox accepts. */
    public String consumerSecret() {
        return consumerSecret;
    }

    /**
     * Whether a key pair is accepted (the built-in one, or one issued by {@code /wc-auth/v1/authorize}).
     *
     * @param key    the consumer key
     * @param secret the consumer secret
     * @return whether requests with it authenticate
     */
    public boolean acceptsKeys(String key, String secret) {
        return api.accepts(key, secret);
    }

    /** The secret webhooks created without one are signed with. */
    public String defaultWebhookSecret() {
        return webhookSecret;
    }

    // ------------------------------------------------------------ products

    /**
     * A product as held.
     *
     * @param id the product id
     * @return it, when it exists
     */
    public Optional<WooProductView> product(long id) {
        return store.productView(id);
    }

    /** Every product, oldest first. */
    public List<WooProductView> products() {
        return store.productViews();
    }

    /**
     * The products carrying a SKU (more than one would be a duplicate; WooCommerce refuses that).
     *
     * @param sku the SKU
     * @return the products
     */
    public List<WooProductView> productsWithSku(String sku) {
        return products().stream().filter(p -> p.sku().equals(sku)).toList();
    }

    /**
     * Creates a downloadable virtual product directly (seeding, no webhook).
     *
     * @param name     the name
     * @param sku      the SKU
     * @param price    the regular price
     * @param fileUrls the downloadable files' URLs
     * @return the product id
     */
    public long addProduct(String name, String sku, String price, String... fileUrls) {
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("name", name).put("sku", sku).put("regular_price", price).put("virtual", true)
                .put("downloadable", true);
        var downloads = body.putArray("downloads");
        for (String url : fileUrls) {
            downloads.addObject().put("name", url.substring(url.lastIndexOf('/') + 1)).put("file", url);
        }
        return store.createProduct(body).path("id").asLong();
    }

    // ------------------------------------------------------------ orders

    /**
     * Seeds an order as a checkout would: a paid one ({@code processing}/{@code completed}) gets its
     * download permissions, and {@code order.created} is delivered to subscribed webhooks.
     *
     * @param seed the order
     * @return the order id
     */
    public long addOrder(WooOrderSeed seed) {
        long id = store.addOrder(Objects.requireNonNull(seed, "seed"));
        api.fire("order.created", store.orderJson(id));
        return id;
    }

    /**
     * Seeds many orders without webhook deliveries (for volume tests).
     *
     * @param count how many
     * @param seed  the seed of the i-th order
     * @return the ids in order
     */
    public List<Long> addOrdersQuietly(int count, java.util.function.IntFunction<WooOrderSeed> seed) {
        java.util.List<Long> ids = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(store.addOrder(seed.apply(i)));
        }
        return ids;
    }

    /**
     * An order as held.
     *
     * @param id the order id
     * @return it, when it exists
     */
    public Optional<WooOrderView> order(long id) {
        return store.orderView(id);
    }

    /** Every order id, oldest first. */
    public List<Long> orderIds() {
        return store.orderIds();
    }

    /**
     * Changes an order's status as the shop admin would (running WooCommerce's grant on a move into
     * processing or completed) and delivers {@code order.updated}.
     *
     * @param id     the order
     * @param status the new status
     */
    public void setOrderStatus(long id, String status) {
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("status", status);
        api.fire("order.updated", store.updateOrder(id, body));
    }

    /**
     * Bumps an order's {@code date_modified} to the sandbox clock's now without other change.
     *
     * @param id the order
     */
    public void touchOrder(long id) {
        store.touchOrder(id);
    }

    /**
     * The download permissions of an order.
     *
     * @param orderId the order
     * @return its permissions, in grant order (duplicates included: WooCommerce does not de-duplicate)
     */
    public List<WooPermissionView> permissions(long orderId) {
        return store.permissions(orderId);
    }

    /** How many download permissions exist in all. */
    public long permissionCount() {
        return store.permissionCount();
    }

    // ------------------------------------------------------------ webhooks

    /**
     * A webhook as held.
     *
     * @param id the webhook id
     * @return it, when it exists
     */
    public Optional<WooWebhookView> webhook(long id) {
        return store.webhookView(id);
    }

    /**
     * Delivers a topic's payload for a resource to the webhooks subscribed to it now (as WooCommerce's
     * background delivery would).
     *
     * @param topic   e.g. {@code order.updated}
     * @param orderId the order whose JSON is the payload
     * @return how many deliveries got a 2xx
     */
    public int deliverOrderTopic(String topic, long orderId) {
        return api.fire(topic, store.orderJson(orderId));
    }

    /**
     * The signed delivery WooCommerce would send to webhook {@code webhookId} for an order, without sending it.
     *
     * @param webhookId the webhook
     * @param topic     the topic
     * @param orderId   the order
     * @return the headers and body
     */
    public SignedWebhook signedOrderDelivery(long webhookId, String topic, long orderId) {
        WooWebhookView w = webhook(webhookId).orElseThrow(() -> new IllegalArgumentException("no webhook " + webhookId));
        String secret = secrets.getOrDefault(webhookId, webhookSecret);
        return api.sign(new WooStore.Target(w.id(), w.deliveryUrl(), secret), topic, store.orderJson(orderId));
    }

    private final Map<Long, String> secrets = new LinkedHashMap<>();

    /**
     * Tells the sandbox which secret a webhook was created with, for {@link #signedOrderDelivery}.
     *
     * @param webhookId the webhook
     * @param secret    its secret
     */
    public void rememberSecret(long webhookId, String secret) {
        secrets.put(webhookId, secret);
    }

    // ------------------------------------------------------------ validation

    /** Requests refused because they broke the WooCommerce description. */
    public List<JournalEntry> rejectedRequests() {
        return journal().validationFailures();
    }

    /** Configures a {@link WooCommerceSandbox}. */
    public static final class Builder extends SandboxServer.Builder {
        private String consumerKey = "ck_sandbox0000000000000000000000000000000000";
        private String consumerSecret = "cs_sandbox0000000000000000000000000000000000";
        private String webhookSecret = "woo-sandbox-webhook-secret";
        private boolean validateRequests = true;

        private Builder() {
            errorFormatter(error -> {
                ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                        .put("code", wooCode(error.code())).put("message", error.message());
                body.putObject("data").put("status", error.status());
                return SandboxResponse.json(error.status(), body);
            });
        }

        private static String wooCode(String code) {
            switch (code) {
                case io.patternhub.testkit.SandboxError.NOT_FOUND:
                case io.patternhub.testkit.SandboxError.METHOD_NOT_ALLOWED:
                    return "rest_no_route";
                case io.patternhub.testkit.SandboxError.INVALID_REQUEST:
                    return "rest_invalid_param";
                case io.patternhub.testkit.SandboxError.SERVER_ERROR:
                    return "internal_server_error";
                default:
                    return code;
            }
        }

        @Override
        public Builder clock(Clock clock) {
            super.clock(clock);
            return this;
        }

        /**
         * The consumer key and secret the sandbox accepts.
         *
         * @param key    {@code ck_...}
         * @param secret {@code cs_...}
         * @return this builder
         */
        public Builder credentials(String key, String secret) {
            if (key == null || !key.startsWith("ck_") || secret == null || !secret.startsWith("cs_")) {
                throw new IllegalArgumentException("WooCommerce keys look like ck_... and cs_...");
            }
            this.consumerKey = key;
            this.consumerSecret = secret;
            return this;
        }

        /**
         * The secret for webhooks created without one (WooCommerce derives one from the user).
         *
         * @param secret the secret
         * @return this builder
         */
        public Builder defaultWebhookSecret(String secret) {
            this.webhookSecret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /**
         * Whether requests are validated against the description (on by default).
         *
         * @param validate validate or not
         * @return this builder
         */
        public Builder validateRequests(boolean validate) {
            this.validateRequests = validate;
            return this;
        }

        @Override
        public WooCommerceSandbox build() {
            return new WooCommerceSandbox(this);
        }
    }
}
