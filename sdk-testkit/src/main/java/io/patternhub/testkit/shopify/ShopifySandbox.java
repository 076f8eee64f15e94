package io.patternhub.testkit.shopify;

import io.patternhub.testkit.SandboxRequest;
import io.patternhub.testkit.SandboxResponse;
import io.patternhub.testkit.SandboxServer;
import io.patternhub.testkit.shopify.internal.CostBucket;
import io.patternhub.testkit.shopify.internal.GraphqlEndpoint;
import io.patternhub.testkit.shopify.internal.ShopifyState;
import io.patternhub.testkit.shopify.internal.WebhookPayloads;
import io.patternhub.testkit.webhook.SignedWebhook;
import io.patternhub.testkit.webhook.WebhookDelivery;
import io.patternhub.testkit.webhook.WebhookSigner;
import io.patternhub.testkit.webhook.WebhookSigners;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stateful Shopify Admin GraphQL API (version {@value ShopifyAdminSchema#VERSION}) for tests and
 * the offline demo.
 *
 * <ul>
 *   <li>{@code POST /admin/api/{version}/graphql.json} with {@code X-Shopify-Access-Token}: every
 *       document is parsed and validated against the real 2025-01 schema ({@link ShopifyAdminSchema});
 *       invalid ones get Shopify's {@code {"errors":[{message, locations, extensions:{code}}]}}.
 *       Valid ones are executed by graphql-java over the sandbox state. Fields the sandbox does not
 *       implement answer an error naming the field, never a silent null.</li>
 *   <li>Implemented: {@code productSet} (idempotent by id or handle; variants with sku and price,
 *       descriptionHtml, tags, status, files), {@code productChangeStatus}, {@code product},
 *       {@code productByHandle}, {@code productByIdentifier}, {@code products(query: "sku:..."/"handle:...")};
 *       {@code stagedUploadsCreate} (targets on this sandbox, uploads by multipart POST or PUT),
 *       {@code fileCreate}, {@code files}; {@code orders} (cursor pages, {@code query} filters on
 *       {@code created_at}/{@code updated_at}, sort keys), {@code order}, {@code node(s)};
 *       {@code bulkOperationRunQuery}, {@code currentBulkOperation}, JSONL results with
 *       {@code __parentId}; {@code webhookSubscriptionCreate}/{@code Delete}, {@code webhookSubscriptions};
 *       {@code shopifyPaymentsAccount.payouts} and {@code balanceTransactions}.</li>
 *   <li>Cost: each query is charged its calculated cost (objects 1, connections 2 + first x child
 *       cost, scalars 0, mutations 10) from a leaky bucket per access token (default 1000 points,
 *       restored at 100 per second: the Standard plan). Every response carries
 *       {@code extensions.cost}; a query the bucket cannot pay answers HTTP 200 with
 *       {@code THROTTLED}; a query costing more than the bucket size answers {@code MAX_COST_EXCEEDED}.</li>
 *   <li>Webhooks: signed with the client secret ({@code X-Shopify-Hmac-SHA256}) and sent with
 *       {@code X-Shopify-Topic}, {@code X-Shopify-Webhook-Id}, {@code X-Shopify-Shop-Domain},
 *       {@code X-Shopify-Api-Version}; to subscribers, or to any URL for the privacy topics.</li>
 * </ul>
 *
 * <pre>{@code
 * try (ShopifySandbox shop = ShopifySandbox.builder().accessToken("shpat_test").clientSecret("secret").build().start()) {
 *     shop.seedOrders(OrderSeed.builder().count(20_000).build());
 *     // point the storefront at shop.graphqlUrl()
 * }
 * }</pre>
 */
public final class ShopifySandbox extends SandboxServer {
    /** The topic header values of Shopify's three mandatory privacy webhooks. */
    public static final Set<String> PRIVACY_TOPICS = Set.of("customers/data_request", "customers/redact", "shop/redact");

    private final String apiVersion;
    private final String shopDomain;
    private final String clientSecret;
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final ShopifyState state = new ShopifyState();
    private final CostBucket.Factory buckets;
    private final GraphqlEndpoint endpoint;
    private final WebhookSigner signer;
    private final WebhookDelivery delivery = WebhookDelivery.create();
    private final List<SandboxWebhookDelivery> deliveries = new CopyOnWriteArrayList<>();

    private ShopifySandbox(Builder builder) {
        super(builder);
        this.apiVersion = builder.apiVersion;
        this.shopDomain = builder.shopDomain;
        this.clientSecret = builder.clientSecret;
        this.accessTokens.addAll(builder.accessTokens);
        this.buckets = new CostBucket.Factory(builder.bucketSize, builder.restoreRate, clock());
        this.signer = WebhookSigners.shopify(clientSecret);
        this.endpoint = new GraphqlEndpoint(this, state, buckets, clock());
        route("POST", "/admin/api/{version}/graphql.json", this::graphql);
        route("POST", "/staged-uploads/{key}", endpoint::receiveUpload);
        route("PUT", "/staged-uploads/{key}", endpoint::receiveUpload);
        route("GET", "/files/{id}/{filename}", endpoint::serveFile);
        route("GET", "/bulk/{id}.jsonl", endpoint::serveBulkResult);
    }

    /**
     * Starts configuring a Shopify sandbox.
     *
     * @return a builder: API version 2025-01, shop {@code patternhub-test.myshopify.com}, access
     *     token {@code shpat_sandbox}, client secret {@code sandbox-client-secret}, bucket 1000/100
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void stop() {
        endpoint.close();
        super.stop();
    }

    @Override
    public ShopifySandbox start() {
        super.start();
        return this;
    }

    /** The Admin GraphQL endpoint URL, {@code <base>/admin/api/<version>/graphql.json}. */
    public String graphqlUrl() {
        return url("/admin/api/" + apiVersion + "/graphql.json").toString();
    }

    /** The API version this sandbox serves; other versions answer 404. */
    public String apiVersion() {
        return apiVersion;
    }

    /** The shop domain, e.g. {@code patternhub-test.myshopify.com}, sent as {@code X-Shopify-Shop-Domain}. */
    public String shopDomain() {
        return shopDomain;
    }

    /** The app's client secret that signs webhooks. */
    public String clientSecret() {
        return clientSecret;
    }

    /**
     * Accepts another access token (e.g. one a token exchange issued).
     *
     * @param token the token
     */
    public void addAccessToken(String token) {
        accessTokens.add(Objects.requireNonNull(token, "token"));
    }

    /**
     * Stops accepting a token (an uninstalled app, a revoked token): requests with it answer 401.
     *
     * @param token the token
     */
    public void revokeAccessToken(String token) {
        accessTokens.remove(token);
    }

    /**
     * Whether {@code token} is accepted.
     *
     * @param token the token
     * @return true when requests with it are served
     */
    public boolean acceptsToken(String token) {
        return token != null && accessTokens.contains(token);
    }

    // ---------------------------------------------------------------- products

    /** Every product, in creation order. */
    public List<SandboxProduct> products() {
        return state.products();
    }

    /**
     * A product by GID.
     *
     * @param id the product GID
     * @return the product
     */
    public Optional<SandboxProduct> product(String id) {
        return state.product(id);
    }

    /**
     * A product by handle.
     *
     * @param handle the handle
     * @return the product
     */
    public Optional<SandboxProduct> productByHandle(String handle) {
        return state.productByHandle(handle);
    }

    /**
     * The product one of whose variants has {@code sku}.
     *
     * @param sku the SKU
     * @return the product
     */
    public Optional<SandboxProduct> productBySku(String sku) {
        return state.productBySku(sku);
    }

    // ---------------------------------------------------------------- files

    /** Every staged upload target, with what was uploaded to it. */
    public List<SandboxStagedUpload> stagedUploads() {
        return state.uploads();
    }

    /** Every file created by {@code fileCreate}. */
    public List<SandboxFile> files() {
        return state.files();
    }

    /**
     * The bytes of a file.
     *
     * @param fileId the file GID
     * @return its content
     */
    public Optional<byte[]> fileContent(String fileId) {
        return state.fileContent(fileId).map(byte[]::clone);
    }

    // ---------------------------------------------------------------- orders and payouts

    /**
     * Generates orders (fast: 20,000 in well under a second).
     *
     * @param seed the recipe
     * @return the new order GIDs, in creation order
     */
    public List<String> seedOrders(OrderSeed seed) {
        return state.seedOrders(Objects.requireNonNull(seed, "seed"));
    }

    /** Every order, in creation order. */
    public List<SandboxOrder> orders() {
        return state.orders();
    }

    /**
     * An order by GID.
     *
     * @param id the order GID
     * @return the order
     */
    public Optional<SandboxOrder> order(String id) {
        return state.order(id);
    }

    /**
     * Refunds part or all of an order now (sandbox clock), then sends {@code REFUNDS_CREATE} and
     * {@code ORDERS_UPDATED} to their subscribers.
     *
     * @param orderId the order GID
     * @param amount the amount, at most what is left to refund
     * @param note the note
     * @return the refunded order
     * @throws IllegalArgumentException when the order is unknown or the amount too large
     */
    public SandboxOrder refundOrder(String orderId, BigDecimal amount, String note) {
        SandboxOrder order = state.order(orderId)
                .orElseThrow(() -> new IllegalArgumentException("No order " + orderId + " in the sandbox"));
        if (amount.signum() <= 0 || order.totalRefunded().add(amount).compareTo(order.totalPrice()) > 0) {
            throw new IllegalArgumentException("Refund of " + amount + " is not within 0.." + order.totalPrice()
                    .subtract(order.totalRefunded()) + " for " + orderId);
        }
        SandboxOrder refunded = state.refund(order, amount, note, clock().instant());
        state.putOrder(refunded);
        SandboxRefund refund = refunded.refunds().get(refunded.refunds().size() - 1);
        deliverToSubscribers("REFUNDS_CREATE", WebhookPayloads.refund(refunded, refund));
        deliverToSubscribers("ORDERS_UPDATED", WebhookPayloads.order(refunded));
        return refunded;
    }

    /**
     * Settles every order transaction not yet paid out into daily Shopify Payments payouts (one per
     * UTC day and currency) with their balance transactions.
     *
     * @return the new payouts
     */
    public List<SandboxPayout> settlePayouts() {
        return state.settlePayouts();
    }

    /** Every payout. */
    public List<SandboxPayout> payouts() {
        return state.payouts();
    }

    /** Every Shopify Payments balance transaction. */
    public List<SandboxBalanceTransaction> balanceTransactions() {
        return state.balanceTransactions();
    }

    // ---------------------------------------------------------------- bulk operations

    /** Every bulk operation, in start order. */
    public List<SandboxBulkOperation> bulkOperations() {
        return state.bulkOperations();
    }

    /**
     * The JSONL result of a completed bulk operation.
     *
     * @param operationId the operation GID
     * @return the JSONL text
     */
    public Optional<String> bulkResult(String operationId) {
        return state.bulkResult(operationId).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- cost

    /**
     * The cost bucket of an access token now.
     *
     * @param accessToken the token
     * @return the bucket state
     */
    public ShopifyThrottleStatus throttleStatus(String accessToken) {
        return buckets.forToken(accessToken).status(clock().instant());
    }

    /** How many queries were answered {@code THROTTLED}, over all tokens. */
    public long throttledCount() {
        return buckets.throttledCount();
    }

    /** The total actual cost charged, over all tokens. */
    public long chargedCost() {
        return buckets.chargedCost();
    }

    /** The fewest points any bucket held after a charge (how close clients came to the limit). */
    public double lowestAvailable() {
        return buckets.lowestAvailable();
    }

    // ---------------------------------------------------------------- webhooks

    /** Every webhook subscription. */
    public List<SandboxWebhookSubscription> webhookSubscriptions() {
        return state.subscriptions();
    }

    /**
     * Signs {@code body} for {@code topic} with every Shopify webhook header and a fresh webhook id.
     *
     * @param topic the topic, as the enum ({@code ORDERS_PAID}) or the header ({@code orders/paid})
     * @param body the JSON body
     * @return the signed delivery (re-send it to simulate a replay; change its body to tamper)
     */
    public SignedWebhook signedWebhook(String topic, String body) {
        return signer.sign(body)
                .withHeader("X-Shopify-Topic", topicHeader(topic))
                .withHeader("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                .withHeader("X-Shopify-Shop-Domain", shopDomain)
                .withHeader("X-Shopify-Api-Version", apiVersion)
                .withHeader("X-Shopify-Triggered-At", clock().instant().toString());
    }

    /**
     * Sends an already signed webhook to {@code url} and records the delivery.
     *
     * @param url the receiver
     * @param webhook the signed webhook
     * @return the delivery
     */
    public SandboxWebhookDelivery deliver(String url, SignedWebhook webhook) {
        String id = webhook.headers().getOrDefault("X-Shopify-Webhook-Id", "");
        String topic = webhook.headers().getOrDefault("X-Shopify-Topic", "");
        SandboxWebhookDelivery result;
        try {
            result = new SandboxWebhookDelivery(id, topic, url, delivery.deliver(url, webhook), Optional.empty());
        } catch (RuntimeException e) {
            result = new SandboxWebhookDelivery(id, topic, url, -1, Optional.of(e.getMessage()));
        }
        deliveries.add(result);
        return result;
    }

    /**
     * Signs and sends {@code body} for {@code topic} to {@code url}.
     *
     * @param topic the topic (enum or header form)
     * @param url the receiver
     * @param body the JSON body
     * @return the delivery
     */
    public SandboxWebhookDelivery deliverWebhook(String topic, String url, String body) {
        return deliver(url, signedWebhook(topic, body));
    }

    /**
     * Sends {@code body} to every subscription of {@code topic}.
     *
     * @param topic the {@code WebhookSubscriptionTopic}, e.g. {@code ORDERS_PAID}
     * @param body the JSON body
     * @return one delivery per subscription
     */
    public List<SandboxWebhookDelivery> deliverToSubscribers(String topic, String body) {
        String wanted = topic.toUpperCase(Locale.ROOT);
        List<SandboxWebhookDelivery> sent = new ArrayList<>();
        for (SandboxWebhookSubscription s : state.subscriptions()) {
            if (s.topic().equals(wanted)) {
                sent.add(deliverWebhook(wanted, s.callbackUrl(), body));
            }
        }
        return sent;
    }

    /**
     * Sends {@code ORDERS_PAID} for an order to its subscribers.
     *
     * @param orderId the order GID
     * @return one delivery per subscription
     */
    public List<SandboxWebhookDelivery> orderPaid(String orderId) {
        return deliverToSubscribers("ORDERS_PAID", orderWebhookPayload(orderId));
    }

    /**
     * Sends {@code PRODUCTS_UPDATE} for a product to its subscribers.
     *
     * @param productId the product GID
     * @return one delivery per subscription
     */
    public List<SandboxWebhookDelivery> productUpdated(String productId) {
        SandboxProduct product = state.product(productId)
                .orElseThrow(() -> new IllegalArgumentException("No product " + productId + " in the sandbox"));
        return deliverToSubscribers("PRODUCTS_UPDATE", WebhookPayloads.product(product));
    }

    /**
     * Uninstalls the app: sends {@code APP_UNINSTALLED} to its subscribers, then revokes every
     * access token.
     *
     * @return one delivery per subscription
     */
    public List<SandboxWebhookDelivery> uninstallApp() {
        List<SandboxWebhookDelivery> sent = deliverToSubscribers("APP_UNINSTALLED", WebhookPayloads.shop(shopDomain));
        accessTokens.clear();
        return sent;
    }

    /**
     * Sends a mandatory privacy webhook to {@code url} (Shopify sends them to the URLs configured
     * for the app, not to subscriptions).
     *
     * @param topic {@code customers/data_request}, {@code customers/redact} or {@code shop/redact}
     * @param url the receiver
     * @param customerEmail the customer concerned (ignored for {@code shop/redact})
     * @return the delivery
     * @throws IllegalArgumentException for another topic
     */
    public SandboxWebhookDelivery deliverPrivacyWebhook(String topic, String url, String customerEmail) {
        return deliverWebhook(topic, url, privacyWebhookPayload(topic, customerEmail));
    }

    /**
     * The body Shopify sends for a privacy topic.
     *
     * @param topic {@code customers/data_request}, {@code customers/redact} or {@code shop/redact}
     * @param customerEmail the customer concerned (ignored for {@code shop/redact})
     * @return the JSON body
     * @throws IllegalArgumentException for another topic
     */
    public String privacyWebhookPayload(String topic, String customerEmail) {
        if (!PRIVACY_TOPICS.contains(topic)) {
            throw new IllegalArgumentException("Not a privacy topic: " + topic + "; expected one of " + PRIVACY_TOPICS);
        }
        List<String> orderIds = state.orders().stream()
                .filter(o -> o.email().filter(e -> e.equalsIgnoreCase(customerEmail)).isPresent())
                .map(SandboxOrder::id).toList();
        return WebhookPayloads.privacy(topic, shopDomain, customerEmail, orderIds);
    }

    /**
     * The REST-shaped JSON body Shopify sends for an order topic.
     *
     * @param orderId the order GID
     * @return the body
     */
    public String orderWebhookPayload(String orderId) {
        return WebhookPayloads.order(state.order(orderId)
                .orElseThrow(() -> new IllegalArgumentException("No order " + orderId + " in the sandbox")));
    }

    /** Every webhook delivery the sandbox made, in order. */
    public List<SandboxWebhookDelivery> webhookDeliveries() {
        return List.copyOf(deliveries);
    }

    /**
     * The {@code X-Shopify-Topic} value of a topic: {@code ORDERS_PAID} becomes {@code orders/paid},
     * {@code ORDER_TRANSACTIONS_CREATE} becomes {@code order_transactions/create}; header forms pass through.
     *
     * @param topic the topic
     * @return the header value
     */
    public static String topicHeader(String topic) {
        if (topic.contains("/")) {
            return topic;
        }
        String lower = topic.toLowerCase(Locale.ROOT);
        int last = lower.lastIndexOf('_');
        return last < 0 ? lower : lower.substring(0, last) + "/" + lower.substring(last + 1);
    }

    private SandboxResponse graphql(SandboxRequest request) {
        if (!apiVersion.equals(request.pathParam("version"))) {
            return SandboxResponse.json(404, Map.of("errors", "Not Found"));
        }
        if (!acceptsToken(request.header("X-Shopify-Access-Token").orElse(null))) {
            return SandboxResponse.json(401, Map.of("errors",
                    "[API] Invalid API key or access token (unrecognized login or wrong password)"));
        }
        return endpoint.handle(request);
    }

    /** Configures a {@link ShopifySandbox}. */
    public static final class Builder extends SandboxServer.Builder {
        private String apiVersion = ShopifyAdminSchema.VERSION;
        private String shopDomain = "patternhub-test.myshopify.com";
        private String clientSecret = "sandbox-client-secret";
        private final List<String> accessTokens = new ArrayList<>(List.of("shpat_sandbox"));
        private long bucketSize = 1000;
        private long restoreRate = 100;

        private Builder() {
        }

        /**
         * The API version in the URL; only 2025-01 is described by the bundled schema, so another
         * value only tests a client's version handling.
         *
         * @param version e.g. {@code 2025-01}
         * @return this builder
         */
        public Builder apiVersion(String version) {
            this.apiVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * @param domain the shop domain
         * @return this builder
         */
        public Builder shopDomain(String domain) {
            this.shopDomain = Objects.requireNonNull(domain, "domain");
            return this;
        }

        /**
         * @param secret the app's client secret, which signs webhooks
         * @return this builder
         */
        public Builder clientSecret(String secret) {
            this.clientSecret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /**
         * Replaces the accepted access tokens with {@code tokens}.
         *
         * @param tokens the tokens
         * @return this builder
         */
        public Builder accessToken(String... tokens) {
            accessTokens.clear();
            accessTokens.addAll(List.of(tokens));
            return this;
        }

        /**
         * The cost bucket per access token.
         *
         * @param size the bucket size in points ({@code maximumAvailable}), e.g. 1000
         * @param restorePerSecond points restored per second ({@code restoreRate}), e.g. 100 (Standard)
         * @return this builder
         */
        public Builder costBucket(long size, long restorePerSecond) {
            if (size <= 0 || restorePerSecond <= 0) {
                throw new IllegalArgumentException("bucket size and restore rate must be positive");
            }
            this.bucketSize = size;
            this.restoreRate = restorePerSecond;
            return this;
        }

        @Override
        public Builder clock(Clock clock) {
            super.clock(clock);
            return this;
        }

        @Override
        public ShopifySandbox build() {
            return new ShopifySandbox(this);
        }
    }
}
