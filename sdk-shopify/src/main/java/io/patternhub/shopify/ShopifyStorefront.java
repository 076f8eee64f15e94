package io.patternhub.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.Platform;
import io.patternhub.core.auth.ApiKeyAuth;
import io.patternhub.core.auth.AuthScheme;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.error.WebhookVerificationException;
import io.patternhub.core.event.EventIds;
import io.patternhub.core.event.StorefrontEvent;
import io.patternhub.core.http.HttpTransport;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.http.TransportClientBuilder;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.PayoutStatus;
import io.patternhub.core.paging.CursorPage;
import io.patternhub.core.paging.Paging;
import io.patternhub.core.storefront.Capabilities;
import io.patternhub.core.storefront.Capability;
import io.patternhub.core.storefront.EmailAvailability;
import io.patternhub.core.storefront.FileHosting;
import io.patternhub.core.storefront.ListingDraft;
import io.patternhub.core.storefront.ListingUpdate;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.PayoutQuery;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.core.storefront.WriteAccess;
import io.patternhub.core.webhook.WebhookHeaders;
import io.patternhub.core.webhook.WebhookVerifier;
import io.patternhub.shopify.internal.BulkOrderReader;
import io.patternhub.shopify.internal.Documents;
import io.patternhub.shopify.internal.GraphqlClient;
import io.patternhub.shopify.internal.OrderNormalizer;
import io.patternhub.shopify.internal.ProductNormalizer;
import io.patternhub.shopify.internal.Uploads;
import io.patternhub.shopify.internal.WebhookEvents;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * One Shopify store through the {@link Storefront} interface, over the Admin GraphQL API only (the
 * REST Admin API is legacy). Thread-safe; build with {@link #builder()} and {@link #close()} when done.
 *
 * <ul>
 *   <li>Every call goes to {@code https://{shop}/admin/api/{version}/graphql.json} with
 *       {@code X-Shopify-Access-Token}; the version is {@value #DEFAULT_API_VERSION} unless configured.</li>
 *   <li>Queries are paced by their calculated cost from {@code extensions.cost.throttleStatus}
 *       ({@link ShopifyCostPacer}); {@code THROTTLED} answers are waited out and sent again.</li>
 *   <li>Listings are products written with {@code productSet}, one variant carrying SKU and price;
 *       creation is idempotent by SKU and by a handle derived from it.</li>
 *   <li>Shopify has no digital-download API: {@link #hostFile} stores pattern files in Shopify Files
 *       ({@code stagedUploadsCreate}, streamed upload, {@code fileCreate}) and buyers get them from
 *       the hub's buyer access; {@link #attachFile} says so with a {@code CapabilityNotSupportedException}.</li>
 *   <li>Orders page with cursors ({@link #orders}) or, for backfills beyond 10,000 orders, run as a
 *       bulk operation ({@link #backfillOrders}).</li>
 * </ul>
 */
public final class ShopifyStorefront implements Storefront, AutoCloseable {
    /** The Admin API version used unless {@link Builder#apiVersion} says otherwise: the one place it is pinned. */
    public static final String DEFAULT_API_VERSION = "2025-01";
    /** The topics {@link #subscribeWebhooks(String)} subscribes to. */
    public static final List<String> DEFAULT_TOPICS = List.of("ORDERS_PAID", "ORDERS_UPDATED", "REFUNDS_CREATE",
            "PRODUCTS_UPDATE", "APP_UNINSTALLED");
    /** Shopify's largest page. */
    public static final int MAX_PAGE_SIZE = 250;
    private static final Pattern SHOP_DOMAIN = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9-]*\\.myshopify\\.com");
    private static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "CANCELED", "EXPIRED");

    private final String shopDomain;
    private final String apiVersion;
    private final HttpTransport transport;
    private final GraphqlClient graphql;
    private final ShopifyCostPacer pacer;
    private final Documents documents = Documents.load();
    private final ObjectMapper mapper = PatternHubJson.newMapper();
    private final ProductNormalizer products = new ProductNormalizer();
    private final OrderNormalizer orders = new OrderNormalizer();
    private final WebhookEvents webhookEvents = new WebhookEvents(mapper);
    private final WebhookVerifier webhookVerifier;
    private final ShopifyWebhookDeduplicator deduplicator;
    private final Uploads uploads;
    private final OkHttpClient plainHttp;
    private final int orderPageSize;
    private final int lineItemPageSize;
    private final Duration bulkPollInterval;
    private final ShopifyCostPacer.Sleeper sleeper;
    private final Clock clock;
    private volatile Currency currency;
    private final Object currencyLookup = new Object();
    private final Map<String, ReentrantLock> skuLocks = new ConcurrentHashMap<>();

    private ShopifyStorefront(Builder b) {
        this.shopDomain = b.shopDomain;
        this.apiVersion = b.apiVersion;
        this.currency = b.currency;
        this.clock = b.clock;
        this.pacer = b.pacer != null ? b.pacer : ShopifyCostPacer.create();
        this.sleeper = b.sleeper;
        this.orderPageSize = b.orderPageSize;
        this.lineItemPageSize = b.lineItemPageSize;
        this.bulkPollInterval = b.bulkPollInterval;
        this.webhookVerifier = b.clientSecret == null ? null : b.previousClientSecret == null
                ? WebhookVerifier.shopify(b.clientSecret) : WebhookVerifier.shopify(b.clientSecret, b.previousClientSecret);
        this.deduplicator = b.deduplicator;
        String base = b.baseUrl != null ? stripSlash(b.baseUrl) : "https://" + shopDomain;
        HttpTransport.Builder t = HttpTransport.builder()
                .platform(Platform.SHOPIFY)
                .baseUrl(base + "/admin/api/" + apiVersion + "/")
                .auth(b.auth)
                .clock(clock)
                .requestIdHeader("X-Request-Id")
                .userAgent("patternhub-java shopify");
        this.transport = b.buildTransport(t);
        this.graphql = new GraphqlClient(transport, pacer, b.maxThrottledRetries);
        this.plainHttp = new OkHttpClient.Builder().readTimeout(Duration.ofMinutes(2)).build();
        this.uploads = new Uploads(plainHttp, b.uploadAttempts());
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What Shopify offers: webhooks and polling, fees (Shopify Payments) and seller-collected taxes,
     * buyer email, full write access, payouts; no digital-download API, so the hub delivers files.
     *
     * @return the capabilities
     */
    public static Capabilities shopifyCapabilities() {
        return Capabilities.builder()
                .platform(Platform.SHOPIFY)
                .webhooks(true)
                .addWebhookEventTypes("orders/paid", "orders/updated", "refunds/create", "products/update",
                        "app/uninstalled", "customers/data_request", "customers/redact", "shop/redact")
                .polling(true)
                .digitalFiles(false)
                .fileHosting(FileHosting.DELIVERED_BY_HUB)
                .reportsFees(true)
                .reportsTaxes(true)
                .buyerEmail(EmailAvailability.ALWAYS)
                .writeAccess(WriteAccess.FULL)
                .payouts(true)
                .putNote(Capability.DIGITAL_FILES, "Shopify's Admin API has no digital-download API: host pattern"
                        + " files in Shopify Files with ShopifyStorefront.hostFile (stagedUploadsCreate, upload,"
                        + " fileCreate) and deliver them to buyers through the hub's buyer access")
                .putNote(Capability.PAYOUTS, "payouts are Shopify Payments payouts; other gateways report none")
                .putNote(Capability.FEES, "fees are Shopify Payments processing fees on order transactions")
                .build();
    }

    @Override
    public Platform platform() {
        return Platform.SHOPIFY;
    }

    @Override
    public Capabilities capabilities() {
        return shopifyCapabilities();
    }

    /** The shop, e.g. {@code pattern-shop.myshopify.com}. */
    public String shopDomain() {
        return shopDomain;
    }

    /** The Admin API version in use. */
    public String apiVersion() {
        return apiVersion;
    }

    /** What the cost pacer saw: queries, cost spent, THROTTLED answers, waits, achieved cost rate. */
    public ShopifyCostPacer.Stats costStats() {
        return pacer.stats();
    }

    /**
     * The shop currency, asked once from {@code shop.currencyCode} unless configured. Callers that need it
     * at the same time wait for that one query rather than each sending their own.
     */
    public Currency currency() {
        Currency c = currency;
        if (c != null) {
            return c;
        }
        synchronized (currencyLookup) {
            if (currency == null) {
                JsonNode shop = graphql.query("Shop", documents.get("Shop"), Map.of()).path("shop");
                currency = Money.currency(shop.path("currencyCode").asText());
            }
            return currency;
        }
    }

    // ------------------------------------------------------------------ listings

    @Override
    public Stream<Listing> listings() {
        Currency c = currency();
        return Paging.cursor(cursor -> {
            Map<String, Object> vars = new HashMap<>();
            vars.put("first", 50);
            vars.put("after", cursor.orElse(null));
            JsonNode page = graphql.query("Products", documents.get("Products"), vars).path("products");
            List<Listing> items = new ArrayList<>();
            page.path("nodes").forEach(p -> items.add(products.toListing(p, c)));
            return CursorPage.of(items, page.path("pageInfo").path("hasNextPage").asBoolean(),
                    page.path("pageInfo").path("endCursor").asText(null));
        }).stream();
    }

    @Override
    public Optional<Listing> listingBySku(String sku) {
        requireSku(sku);
        return search("sku:" + quoted(sku)).stream().filter(l -> l.sku().filter(sku::equals).isPresent()).findFirst();
    }

    /**
     * One listing by product GID.
     *
     * @param externalId the product GID
     * @return the listing
     * @throws NotFoundException if there is no such product
     */
    public Listing listing(String externalId) {
        JsonNode p = graphql.query("Product", documents.get("Product"), Map.of("id", externalId)).path("product");
        if (!p.isObject()) {
            throw notFound("product", externalId);
        }
        return products.toListing(p, currency());
    }

    /**
     * Creates a product with one variant carrying the SKU and price, idempotently: an existing product
     * with the SKU (or with the handle derived from it) is returned unchanged. After a failure whose
     * outcome is unknown (a lost connection, a 5xx) the SKU is looked up before trying again.
     */
    @Override
    public Listing createListing(ListingDraft draft) {
        ReentrantLock lock = skuLocks.computeIfAbsent(draft.sku(), k -> new ReentrantLock());
        lock.lock();
        try {
            Optional<Listing> existing = listingBySku(draft.sku());
            if (existing.isPresent()) {
                return existing.get();
            }
            String handle = draft.platformAttributes().getOrDefault("handle", handleFor(draft.sku()));
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("title", draft.title());
            input.put("handle", handle);
            input.put("descriptionHtml", draft.description());
            input.put("tags", draft.tags());
            input.put("status", ProductNormalizer.status(draft.initialState()));
            extraAttributes(draft.platformAttributes(), input);
            input.put("productOptions", List.of(Map.of("name", "Title", "values", List.of(Map.of("name", "Default Title")))));
            input.put("variants", List.of(variant(null, draft.sku(), checkedPrice(draft.price()))));
            try {
                return productSetCreate(input, draft.sku(), handle);
            } catch (ConnectionException | ApiException e) {
                if (e instanceof InvalidRequestException || !(e instanceof ConnectionException || e.retryable())) {
                    throw e;
                }
                Optional<Listing> landed = listingBySku(draft.sku()); // the first attempt may have landed
                return landed.orElseGet(() -> productSetCreate(input, draft.sku(), handle));
            }
        } finally {
            lock.unlock();
        }
    }

    private Listing productSetCreate(Map<String, Object> input, String sku, String handle) {
        JsonNode payload = graphql.mutateAllowingUserErrors("ProductSet", documents.get("ProductSet"),
                Map.of("input", input), "productSet");
        JsonNode errors = payload.path("userErrors");
        if (errors.isArray() && !errors.isEmpty()) {
            boolean handleTaken = false;
            for (JsonNode e : errors) {
                handleTaken |= "HANDLE_NOT_UNIQUE".equals(e.path("code").asText());
            }
            if (handleTaken) {
                Optional<Listing> holder = search("handle:" + quoted(handle)).stream().findFirst();
                if (holder.isPresent() && holder.get().sku().map(sku::equals).orElse(true)) {
                    return holder.get(); // an earlier attempt created it (or a SKU-less product holds the handle)
                }
                throw new InvalidRequestException("The handle '" + handle + "' for SKU " + sku + " belongs to product "
                        + holder.map(Listing::externalId).orElse("?") + " with another SKU; pass a platformAttributes"
                        + " handle", ErrorContext.builder().platform(Platform.SHOPIFY)
                        .platformErrorCode("HANDLE_NOT_UNIQUE").build());
            }
            throw GraphqlClient.userErrors("productSet", errors);
        }
        return products.toListing(payload.path("product"), currency());
    }

    /**
     * Changes a product through {@code productSet} (idempotent: it sets values). A price change keeps
     * the variant and its SKU. The content hash is not stored on Shopify.
     */
    @Override
    public Listing updateListing(String externalId, ListingUpdate update) {
        Objects.requireNonNull(externalId, "externalId");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", externalId);
        update.title().ifPresent(t -> input.put("title", t));
        update.description().ifPresent(d -> input.put("descriptionHtml", d));
        update.tags().ifPresent(t -> input.put("tags", t));
        update.state().ifPresent(s -> input.put("status", ProductNormalizer.status(s)));
        extraAttributes(update.platformAttributes(), input);
        if (update.price().isPresent()) {
            Listing current = listing(externalId);
            JsonNode variant = current.raw().path("variants").path("nodes").path(0);
            input.put("productOptions", List.of(Map.of("name", "Title", "values", List.of(Map.of("name", "Default Title")))));
            input.put("variants", List.of(variant(variant.path("id").asText(null), current.sku().orElse(null),
                    checkedPrice(update.price().get()))));
        }
        if (input.size() == 1) {
            throw new InvalidRequestException("This update changes nothing Shopify stores (the content hash is kept"
                    + " by the hub, not on Shopify)", ErrorContext.builder().platform(Platform.SHOPIFY).build());
        }
        JsonNode payload = graphql.mutate("ProductSet", documents.get("ProductSet"), Map.of("input", input),
                "productSet", true);
        if (!payload.path("product").isObject()) {
            throw notFound("product", externalId);
        }
        return products.toListing(payload.path("product"), currency());
    }

    /** Takes a product off sale: status {@code ARCHIVED} (use {@code updateListing} with DRAFT for a draft). */
    @Override
    public Listing deactivate(String externalId) {
        return updateListing(externalId, ListingUpdate.state(ListingState.INACTIVE));
    }

    private List<Listing> search(String query) {
        Currency c = currency();
        JsonNode nodes = graphql.query("ProductSearch", documents.get("ProductSearch"), Map.of("query", query))
                .path("products").path("nodes");
        List<Listing> found = new ArrayList<>();
        nodes.forEach(p -> found.add(products.toListing(p, c)));
        return found;
    }

    private Money checkedPrice(Money price) {
        if (!price.currency().equals(currency())) {
            throw new InvalidRequestException("The price " + price + " is not in the shop currency "
                    + currency().getCurrencyCode() + "; Shopify stores product prices in the shop currency",
                    ErrorContext.builder().platform(Platform.SHOPIFY).build());
        }
        return price;
    }

    private static Map<String, Object> variant(String id, String sku, Money price) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (id != null) {
            v.put("id", id);
        }
        if (sku != null) {
            v.put("sku", sku);
        }
        v.put("price", price.amount().toPlainString());
        v.put("optionValues", List.of(Map.of("optionName", "Title", "name", "Default Title")));
        return v;
    }

    private static void extraAttributes(Map<String, String> attributes, Map<String, Object> input) {
        attributes.forEach((k, v) -> {
            switch (k) {
                case "handle", "vendor", "productType" -> input.put(k, v);
                default -> throw new InvalidRequestException("Shopify products have no attribute '" + k
                        + "'; supported: handle, vendor, productType", ErrorContext.builder()
                        .platform(Platform.SHOPIFY).build());
            }
        });
    }

    /**
     * The handle a SKU's product gets: the SKU in lower case, other characters replaced by dashes.
     *
     * @param sku the SKU
     * @return the handle
     */
    public static String handleFor(String sku) {
        String h = sku.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return h.isEmpty() ? "pattern" : h;
    }

    // ------------------------------------------------------------------ files

    /**
     * Stores a pattern file in Shopify Files: {@code stagedUploadsCreate} for a target, the bytes
     * streamed to it, then {@code fileCreate}. Idempotent by name and size: a file already hosted under
     * the same name with the same size is returned instead of uploading again. Buyers do not get this
     * file from Shopify (it has no digital downloads); the hub's buyer access delivers it.
     *
     * @param file the file; its content is streamed
     * @return the hosted file ({@code externalId} is the {@code GenericFile} GID, {@code url} where Shopify serves it)
     */
    public ListingFile hostFile(PatternFile file) {
        Objects.requireNonNull(file, "file");
        JsonNode existing = graphql.query("FilesByName", documents.get("FilesByName"),
                Map.of("query", "filename:" + quoted(file.name()))).path("files").path("nodes");
        for (JsonNode f : existing) {
            if (f.path("originalFileSize").asLong(-1) == file.sizeBytes() && !"FAILED".equals(f.path("fileStatus").asText())) {
                return hostedFile(f, file);
            }
        }
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("resource", "FILE");
        stage.put("filename", file.name());
        stage.put("mimeType", file.mediaType());
        stage.put("httpMethod", "POST");
        stage.put("fileSize", String.valueOf(file.sizeBytes()));
        JsonNode target = graphql.mutate("StagedUploadsCreate", documents.get("StagedUploadsCreate"),
                Map.of("input", List.of(stage)), "stagedUploadsCreate", false).path("stagedTargets").path(0);
        if (!target.isObject()) {
            throw new ApiException("Shopify returned no staged upload target for " + file.name(),
                    ErrorContext.builder().platform(Platform.SHOPIFY).build());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        target.path("parameters").forEach(p -> parameters.put(p.path("name").asText(), p.path("value").asText()));
        uploads.upload(target.path("url").asText(), parameters, file);
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("originalSource", target.path("resourceUrl").asText());
        create.put("contentType", "FILE");
        create.put("filename", file.name());
        create.put("alt", file.name());
        JsonNode created = graphql.mutate("FileCreate", documents.get("FileCreate"), Map.of("files", List.of(create)),
                "fileCreate", false).path("files").path(0);
        return hostedFile(created, file);
    }

    private static ListingFile hostedFile(JsonNode f, PatternFile file) {
        var b = ListingFile.builder().externalId(f.path("id").asText()).name(file.name())
                .sizeBytes(file.sizeBytes()).sha256(file.sha256()).raw(f);
        if (f.hasNonNull("url")) {
            b.url(URI.create(f.get("url").asText()));
        }
        return b.build();
    }

    // ------------------------------------------------------------------ orders

    @Override
    public Stream<Order> orders(OrderQuery query) {
        Objects.requireNonNull(query, "query");
        int first = Math.min(MAX_PAGE_SIZE, query.pageSize().orElse(orderPageSize));
        String filter = searchFilter(query);
        Optional<String> startCursor = query.cursor();
        return Paging.<Order>cursor(cursor -> {
            Map<String, Object> vars = new HashMap<>();
            vars.put("first", first);
            vars.put("after", cursor.or(() -> startCursor).orElse(null));
            vars.put("query", filter);
            vars.put("lines", lineItemPageSize);
            JsonNode page = graphql.query("Orders", documents.get("Orders"), vars).path("orders");
            List<Order> items = new ArrayList<>();
            for (JsonNode node : page.path("nodes")) {
                Order order = orders.toOrder(node, allLineItems(node));
                if (query.wants(order.status())) {
                    items.add(order);
                }
            }
            return CursorPage.of(items, page.path("pageInfo").path("hasNextPage").asBoolean(),
                    page.path("pageInfo").path("endCursor").asText(null));
        }).stream();
    }

    @Override
    public Order order(String externalId) {
        Objects.requireNonNull(externalId, "externalId");
        JsonNode node = graphql.query("Order", documents.get("Order"), Map.of("id", externalId, "lines",
                lineItemPageSize)).path("order");
        if (!node.isObject()) {
            throw notFound("order", externalId);
        }
        return orders.toOrder(node, allLineItems(node));
    }

    /** The order's line items: the first page from the order query, the rest fetched by cursor. */
    private List<JsonNode> allLineItems(JsonNode order) {
        List<JsonNode> lines = new ArrayList<>();
        JsonNode connection = order.path("lineItems");
        connection.path("nodes").forEach(lines::add);
        while (connection.path("pageInfo").path("hasNextPage").asBoolean()) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("id", order.path("id").asText());
            vars.put("first", 50);
            vars.put("after", connection.path("pageInfo").path("endCursor").asText());
            connection = graphql.query("OrderLineItems", documents.get("OrderLineItems"), vars).path("order")
                    .path("lineItems");
            connection.path("nodes").forEach(lines::add);
        }
        return lines;
    }

    /**
     * Every order matching the query through one bulk operation ({@code bulkOperationRunQuery}), for
     * backfills beyond what paging does well (more than 10,000 orders): Shopify runs the query, this
     * polls until it completes, then streams the JSONL result, stitching each order's line items
     * ({@code __parentId}) back to it. Only one order is in memory at a time. Close the stream.
     *
     * @param query which orders ({@code cursor} and {@code pageSize} are ignored)
     * @return the orders, oldest change first
     * @throws InvalidRequestException if Shopify refuses the query or another bulk operation is running
     * @throws ApiException if the operation fails
     */
    public Stream<Order> backfillOrders(OrderQuery query) {
        Objects.requireNonNull(query, "query");
        String bulk = Documents.bulkOrdersQuery(documents.get("OrdersBulk"), searchFilter(query));
        JsonNode started = graphql.mutate("BulkOperationRunQuery", documents.get("BulkOperationRunQuery"),
                Map.of("query", bulk), "bulkOperationRunQuery", false).path("bulkOperation");
        JsonNode op = awaitBulk(started.path("id").asText());
        if (!"COMPLETED".equals(op.path("status").asText())) {
            throw new ApiException("Shopify bulk operation " + op.path("id").asText() + " ended " + op.path("status")
                    .asText() + " (" + op.path("errorCode").asText("no error code") + ")",
                    ErrorContext.builder().platform(Platform.SHOPIFY).platformErrorCode(op.path("errorCode")
                            .asText(null)).build());
        }
        if (!op.hasNonNull("url")) {
            return Stream.empty(); // no orders matched: Shopify serves no file
        }
        Response response = uploads.download(op.get("url").asText());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body().byteStream(),
                StandardCharsets.UTF_8), 1 << 16);
        BulkOrderReader iterator = new BulkOrderReader(reader, mapper, orders);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false)
                .filter(o -> query.wants(o.status()))
                .onClose(response::close);
    }

    private JsonNode awaitBulk(String id) {
        while (true) {
            JsonNode op = graphql.query("BulkOperation", documents.get("BulkOperation"), Map.of("id", id)).path("node");
            if (!op.isObject()) {
                throw notFound("bulk operation", id);
            }
            if (FINISHED.contains(op.path("status").asText())) {
                return op;
            }
            try {
                sleeper.sleep(bulkPollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectionException("Interrupted while waiting for Shopify bulk operation " + id
                        + "; it keeps running on Shopify", ErrorContext.builder().platform(Platform.SHOPIFY).build(), e);
            }
        }
    }

    private static String searchFilter(OrderQuery query) {
        List<String> terms = new ArrayList<>();
        query.effectiveUpdatedSince().ifPresent(t -> terms.add("updated_at:>=" + quoted(iso(t))));
        query.createdSince().ifPresent(t -> terms.add("created_at:>=" + quoted(iso(t))));
        query.until().ifPresent(t -> terms.add((query.updatedSince().isPresent() ? "updated_at" : "created_at")
                + ":<" + quoted(iso(t))));
        return String.join(" ", terms);
    }

    // ------------------------------------------------------------------ payouts

    /** Shopify Payments payouts, each with the orders its balance transactions settled. */
    @Override
    public Stream<Payout> payouts(PayoutQuery query) {
        Objects.requireNonNull(query, "query");
        List<String> terms = new ArrayList<>();
        query.since().ifPresent(t -> terms.add("issued_at:>=" + quoted(iso(t))));
        query.until().ifPresent(t -> terms.add("issued_at:<" + quoted(iso(t))));
        String filter = String.join(" ", terms);
        return Paging.<Payout>cursor(cursor -> {
            Map<String, Object> vars = new HashMap<>();
            vars.put("first", 50);
            vars.put("after", cursor.orElse(null));
            vars.put("query", filter);
            JsonNode page = graphql.query("Payouts", documents.get("Payouts"), vars).path("shopifyPaymentsAccount")
                    .path("payouts");
            List<Payout> items = new ArrayList<>();
            for (JsonNode p : page.path("nodes")) {
                Payout payout = payout(p);
                if (query.statuses().isEmpty() || query.statuses().contains(payout.status())) {
                    items.add(payout);
                }
            }
            return CursorPage.of(items, page.path("pageInfo").path("hasNextPage").asBoolean(),
                    page.path("pageInfo").path("endCursor").asText(null));
        }).stream();
    }

    /**
     * The fees of one payout, one per Shopify Payments balance transaction that carried a fee.
     *
     * @param payoutId the payout GID
     * @return the fees (a refunded fee is negative)
     */
    public List<Fee> payoutFees(String payoutId) {
        List<Fee> fees = new ArrayList<>();
        for (JsonNode t : balanceTransactions(payoutId)) {
            Money fee = money(t.path("fee"));
            if (!fee.isZero()) {
                fees.add(Fee.builder().kind(FeeKind.PAYMENT_PROCESSING).amount(fee)
                        .description("Shopify Payments fee on " + t.path("type").asText().toLowerCase(Locale.ROOT) + " "
                                + t.path("associatedOrder").path("name").asText(""))
                        .raw(t).build());
            }
        }
        return fees;
    }

    private Payout payout(JsonNode p) {
        Money net = money(p.path("net"));
        Currency c = net.currency();
        JsonNode s = p.path("summary");
        Money gross = amount(s.path("chargesGross"), c);
        Money refunds = amount(s.path("refundsFeeGross"), c).abs();
        Money fees = amount(s.path("chargesFee"), c).plus(amount(s.path("refundsFee"), c))
                .plus(amount(s.path("adjustmentsFee"), c));
        Money adjustments = net.minus(gross.minus(fees).minus(refunds));
        var b = Payout.builder().platform(Platform.SHOPIFY).externalId(p.path("id").asText()).currency(c)
                .gross(gross).fees(fees).refunds(refunds).adjustments(adjustments).net(net)
                .status(payoutStatus(p.path("status").asText())).raw(p);
        Optional<Instant> issued = Optional.ofNullable(p.path("issuedAt").asText(null)).map(Instant::parse);
        issued.ifPresent(t -> b.arrivalDate(t.atZone(java.time.ZoneOffset.UTC).toLocalDate()));
        List<String> orderIds = new ArrayList<>();
        for (JsonNode t : balanceTransactions(p.path("id").asText())) {
            String order = t.path("associatedOrder").path("id").asText("");
            if (!order.isEmpty() && !orderIds.contains(order)) {
                orderIds.add(order);
            }
        }
        return b.orderIds(orderIds).build();
    }

    private List<JsonNode> balanceTransactions(String payoutId) {
        String legacyId = payoutId.substring(payoutId.lastIndexOf('/') + 1);
        List<JsonNode> all = new ArrayList<>();
        Paging.<JsonNode>cursor(cursor -> {
            Map<String, Object> vars = new HashMap<>();
            vars.put("first", 100);
            vars.put("after", cursor.orElse(null));
            vars.put("query", "payout_id:" + legacyId);
            JsonNode page = graphql.query("BalanceTransactions", documents.get("BalanceTransactions"), vars)
                    .path("shopifyPaymentsAccount").path("balanceTransactions");
            List<JsonNode> items = new ArrayList<>();
            page.path("nodes").forEach(items::add);
            return CursorPage.of(items, page.path("pageInfo").path("hasNextPage").asBoolean(),
                    page.path("pageInfo").path("endCursor").asText(null));
        }).forEach(all::add);
        return all;
    }

    private static PayoutStatus payoutStatus(String status) {
        switch (status) {
            case "PAID":
                return PayoutStatus.PAID;
            case "IN_TRANSIT":
                return PayoutStatus.IN_TRANSIT;
            case "FAILED":
                return PayoutStatus.FAILED;
            case "CANCELED":
                return PayoutStatus.CANCELLED;
            default:
                return PayoutStatus.PENDING; // SCHEDULED
        }
    }

    private static Money money(JsonNode moneyV2) {
        return Money.of(moneyV2.path("amount").asText(), moneyV2.path("currencyCode").asText());
    }

    private static Money amount(JsonNode moneyV2, Currency c) {
        return moneyV2.hasNonNull("amount") ? Money.of(moneyV2.get("amount").asText(), c) : Money.zero(c);
    }

    // ------------------------------------------------------------------ webhooks

    /**
     * Verifies {@code X-Shopify-Hmac-SHA256} over the raw body, drops replays (same
     * {@code X-Shopify-Webhook-Id}) and maps the topic to events: order topics to {@code OrderEvent}s,
     * product topics to {@code ListingEvent}s, {@code app/uninstalled} to an {@code AppUninstalledEvent},
     * the three mandatory privacy topics to {@code PrivacyEvent}s.
     *
     * @throws WebhookVerificationException if the signature is missing or wrong: answer 401
     */
    @Override
    public List<StorefrontEvent> parseWebhook(WebhookRequest request) {
        return handleWebhook(request, true).events();
    }

    /**
     * Like {@link #parseWebhook}, but says what to answer: 200 with the events, an empty list for a
     * replay, or 401 when the signature is wrong (instead of throwing), as Shopify requires.
     *
     * @param request the delivery as received
     * @return the answer
     */
    public ShopifyWebhookAnswer answerWebhook(WebhookRequest request) {
        return handleWebhook(request, false);
    }

    private ShopifyWebhookAnswer handleWebhook(WebhookRequest request, boolean throwOnBadSignature) {
        Objects.requireNonNull(request, "request");
        if (webhookVerifier == null) {
            throw new ConfigurationException("Set clientSecret on the ShopifyStorefront builder to verify webhooks",
                    ErrorContext.builder().platform(Platform.SHOPIFY).build());
        }
        try {
            webhookVerifier.verify(WebhookHeaders.ofMultimap(request.headers()), request.body());
        } catch (WebhookVerificationException e) {
            if (throwOnBadSignature) {
                throw e;
            }
            return new ShopifyWebhookAnswer(401, List.of(), false, e.getMessage());
        }
        String topic = request.header("X-Shopify-Topic").orElse("");
        String eventId = request.header("X-Shopify-Webhook-Id")
                .orElseGet(() -> EventIds.of(Platform.SHOPIFY, topic, sha256(request.body())));
        if (!deduplicator.firstDelivery(eventId)) {
            return new ShopifyWebhookAnswer(200, List.of(), true, "");
        }
        return new ShopifyWebhookAnswer(200, webhookEvents.events(request, eventId), false, "");
    }

    /**
     * Subscribes a callback URL to {@link #DEFAULT_TOPICS}.
     *
     * @param callbackUrl the HTTPS URL Shopify posts to
     * @return the subscription GIDs, one per topic
     */
    public List<String> subscribeWebhooks(String callbackUrl) {
        return subscribeWebhooks(callbackUrl, DEFAULT_TOPICS);
    }

    /**
     * Subscribes a callback URL to topics with {@code webhookSubscriptionCreate}; a subscription that
     * already exists is kept (idempotent). The three privacy topics cannot be subscribed here: they are
     * configured for the app (Partner Dashboard or {@code shopify.app.toml}).
     *
     * @param callbackUrl the URL Shopify posts to
     * @param topics      {@code WebhookSubscriptionTopic} names, e.g. {@code ORDERS_PAID}
     * @return the subscription GIDs, in topic order
     */
    public List<String> subscribeWebhooks(String callbackUrl, Collection<String> topics) {
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        List<String> ids = new ArrayList<>();
        for (String topic : topics) {
            if (topic.contains("/")) {
                throw new InvalidRequestException("'" + topic + "' is not a WebhookSubscriptionTopic; the privacy"
                        + " topics are configured for the app, others are named like ORDERS_PAID",
                        ErrorContext.builder().platform(Platform.SHOPIFY).build());
            }
            JsonNode payload = graphql.mutateAllowingUserErrors("WebhookSubscriptionCreate",
                    documents.get("WebhookSubscriptionCreate"), Map.of("topic", topic, "subscription",
                            Map.of("callbackUrl", callbackUrl, "format", "JSON")), "webhookSubscriptionCreate");
            if (payload.path("webhookSubscription").isObject()) {
                ids.add(payload.path("webhookSubscription").path("id").asText());
                continue;
            }
            JsonNode existing = graphql.query("WebhookSubscriptions", documents.get("WebhookSubscriptions"),
                    Map.of("topics", List.of(topic), "callbackUrl", callbackUrl)).path("webhookSubscriptions")
                    .path("nodes").path(0);
            if (!existing.isObject()) {
                throw GraphqlClient.userErrors("webhookSubscriptionCreate", payload.path("userErrors"));
            }
            ids.add(existing.path("id").asText());
        }
        return ids;
    }

    @Override
    public void close() {
        transport.close();
        plainHttp.dispatcher().executorService().shutdown();
        plainHttp.connectionPool().evictAll();
    }

    // ------------------------------------------------------------------ helpers

    private static NotFoundException notFound(String what, String id) {
        return new NotFoundException("Shopify has no " + what + " " + id,
                ErrorContext.builder().platform(Platform.SHOPIFY).httpStatus(200).build());
    }

    private static void requireSku(String sku) {
        if (sku == null || sku.isBlank()) {
            throw new InvalidRequestException("SKU must not be blank", ErrorContext.builder().platform(Platform.SHOPIFY)
                    .build());
        }
    }

    /** A value for Shopify's search syntax, double-quoted with quotes and backslashes escaped. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static String sha256(byte[] body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Configures a {@link ShopifyStorefront}. Not thread-safe.
     *
     * <p>The transport settings are {@link TransportClientBuilder}'s. Shopify's GraphQL calls are paced by
     * query cost ({@link #pacer}), not by a count of calls, so by default the transport has no client-side
     * limit ({@link RateLimitSettings#unlimited()}) and no concurrency cap; a {@link #rateLimit} or
     * {@link #maxConcurrentCalls} set here applies on top of the pacer, which keeps pacing by cost. The
     * retry settings ({@link RetrySettings#defaults()} by default) also give the attempts of a file upload to
     * its staged target, which goes through a client of its own (another host, no Shopify credentials).
     */
    public static final class Builder extends TransportClientBuilder<Builder> {
        private String shopDomain;
        private String apiVersion = DEFAULT_API_VERSION;
        private String baseUrl;
        private AuthScheme auth;
        private String clientSecret;
        private String previousClientSecret;
        private Currency currency;
        private ShopifyCostPacer pacer;
        private ShopifyCostPacer.Sleeper sleeper = d -> Thread.sleep(d.toMillis());
        private int maxThrottledRetries = 10;
        private int orderPageSize = 10;
        private int lineItemPageSize = 5;
        private Duration bulkPollInterval = Duration.ofSeconds(2);
        private ShopifyWebhookDeduplicator deduplicator = ShopifyWebhookDeduplicator.inMemory(10_000);
        private Clock clock = Clock.systemUTC();

        private Builder() {
            super(RetrySettings.defaults(), RateLimitSettings.unlimited(), 0);
        }

        /** The storefront's transport: its own settings plus what this builder was given. */
        private HttpTransport buildTransport(HttpTransport.Builder storefrontSettings) {
            return newTransport(storefrontSettings);
        }

        /** A staged upload is attempted as often as the transport attempts a call. */
        private int uploadAttempts() {
            return retrySettings().maxAttempts();
        }

        /**
         * The shop (required), e.g. {@code pattern-shop.myshopify.com}.
         *
         * @param shopDomain the {@code *.myshopify.com} domain
         * @return this builder
         */
        public Builder shopDomain(String shopDomain) {
            this.shopDomain = shopDomain;
            return this;
        }

        /**
         * The Admin API version, {@value ShopifyStorefront#DEFAULT_API_VERSION} by default.
         *
         * @param version {@code YYYY-MM}
         * @return this builder
         */
        public Builder apiVersion(String version) {
            if (version == null || !version.matches("\\d{4}-\\d{2}|unstable")) {
                throw new ConfigurationException("apiVersion must look like 2025-01, was '" + version + "'",
                        ErrorContext.builder().platform(Platform.SHOPIFY).build());
            }
            this.apiVersion = version;
            return this;
        }

        /**
         * Sends calls to another origin than {@code https://{shop}} (a sandbox in tests).
         *
         * @param baseUrl e.g. {@code http://localhost:8080}
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * A custom app's Admin API access token (it does not expire), sent as {@code X-Shopify-Access-Token}.
         *
         * @param token the {@code shpat_...} token
         * @return this builder
         */
        public Builder accessToken(String token) {
            this.auth = ApiKeyAuth.header("X-Shopify-Access-Token", token);
            return this;
        }

        /**
         * Another way to authenticate, e.g. {@link ShopifyOAuth#authScheme} for expiring offline tokens.
         *
         * @param auth the scheme
         * @return this builder
         */
        public Builder auth(AuthScheme auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /**
         * The app's client secret, which signs webhooks.
         *
         * @param secret the client secret
         * @return this builder
         */
        public Builder clientSecret(String secret) {
            this.clientSecret = secret;
            return this;
        }

        /**
         * During a client-secret rotation: webhooks signed with either secret are accepted.
         *
         * @param current  the new secret
         * @param previous the secret being rotated out
         * @return this builder
         */
        public Builder clientSecrets(String current, String previous) {
            this.clientSecret = current;
            this.previousClientSecret = previous;
            return this;
        }

        /**
         * The shop currency, to skip asking Shopify for it.
         *
         * @param currency the currency
         * @return this builder
         */
        public Builder currency(Currency currency) {
            this.currency = currency;
            return this;
        }

        /**
         * The cost pacer (share one between storefronts of the same app and shop).
         *
         * @param pacer the pacer
         * @return this builder
         */
        public Builder pacer(ShopifyCostPacer pacer) {
            this.pacer = Objects.requireNonNull(pacer, "pacer");
            return this;
        }

        /**
         * How the storefront waits between bulk-operation polls (tests: a simulated wait).
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(ShopifyCostPacer.Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * How many THROTTLED answers one call waits out before failing; 10 by default.
         *
         * @param max at least 0
         * @return this builder
         */
        public Builder maxThrottledRetries(int max) {
            if (max < 0) {
                throw new ConfigurationException("maxThrottledRetries must not be negative", ErrorContext.empty());
            }
            this.maxThrottledRetries = max;
            return this;
        }

        /**
         * Page sizes of order queries: orders per page (10) and line items fetched with each order (5;
         * more are fetched separately). Nested connections multiply the query cost.
         *
         * @param orders    orders per page, 1 to 250
         * @param lineItems line items per order in the first query, 1 to 250
         * @return this builder
         */
        public Builder orderPageSizes(int orders, int lineItems) {
            if (orders < 1 || orders > MAX_PAGE_SIZE || lineItems < 1 || lineItems > MAX_PAGE_SIZE) {
                throw new ConfigurationException("page sizes must be 1 to " + MAX_PAGE_SIZE, ErrorContext.empty());
            }
            this.orderPageSize = orders;
            this.lineItemPageSize = lineItems;
            return this;
        }

        /**
         * How often a running bulk operation is polled; 2 seconds by default.
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder bulkPollInterval(Duration interval) {
            this.bulkPollInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Where webhook ids are remembered; the last 10,000 in memory by default.
         *
         * @param deduplicator the deduplicator
         * @return this builder
         */
        public Builder webhookDeduplicator(ShopifyWebhookDeduplicator deduplicator) {
            this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator");
            return this;
        }

        /**
         * The clock for rate-limit headers.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the storefront.
         *
         * @return the storefront
         * @throws ConfigurationException if the shop or the credentials are missing or malformed
         */
        public ShopifyStorefront build() {
            if (shopDomain == null || !SHOP_DOMAIN.matcher(shopDomain).matches()) {
                throw new ConfigurationException("shopDomain must be a *.myshopify.com domain, was '" + shopDomain
                        + "'", ErrorContext.builder().platform(Platform.SHOPIFY).build());
            }
            if (auth == null) {
                throw new ConfigurationException("Set accessToken (custom app) or auth (OAuth) on the"
                        + " ShopifyStorefront builder", ErrorContext.builder().platform(Platform.SHOPIFY).build());
            }
            return new ShopifyStorefront(this);
        }
    }
}
