package io.patternhub.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.Platform;
import io.patternhub.core.auth.BasicAuth;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.event.ListingEvent;
import io.patternhub.core.event.StorefrontEvent;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.ApiResponse;
import io.patternhub.core.http.HttpMethod;
import io.patternhub.core.http.HttpTransport;
import io.patternhub.core.http.TransportClientBuilder;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.paging.Paging;
import io.patternhub.core.storefront.Capabilities;
import io.patternhub.core.storefront.Capability;
import io.patternhub.core.storefront.EmailAvailability;
import io.patternhub.core.storefront.FileHosting;
import io.patternhub.core.storefront.ListingDraft;
import io.patternhub.core.storefront.ListingUpdate;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.core.storefront.WriteAccess;
import io.patternhub.core.webhook.WebhookHeaders;
import io.patternhub.core.webhook.WebhookVerifier;
import io.patternhub.woocommerce.internal.OrderNormalizer;
import io.patternhub.woocommerce.internal.ProductNormalizer;
import io.patternhub.woocommerce.internal.WooJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WooCommerce shop through the {@link Storefront} interface, over the REST API v3
 * ({@code /wp-json/wc/v3}). Thread-safe; build with {@link #builder()} and {@link #close()} when done.
 *
 * <p>Authentication is the shop's REST API consumer key and secret over HTTPS Basic auth; the builder
 * refuses plain HTTP to any host but a loopback one (WooCommerce would need OAuth 1.0a signatures
 * there, and Basic over HTTP would expose the secret). Keys come from the shop's admin or from
 * {@link WooCommerceKeyProvisioning}.
 *
 * <p>Listings are simple, virtual, downloadable products. Files are {@code downloads[]} entries that
 * point at a URL (WooCommerce does not take bytes): a {@link FileUrlResolver} says where each
 * pattern file is served from. Large pushes go through {@code POST /products/batch} in chunks of at
 * most 100 with per-item errors ({@link #createListings}). A new version of a file reaches past buyers
 * by {@link #replaceFile} (same download id, new URL) or, for a file added under a new id, by
 * {@link #grantDownloadsToPastOrders}.
 */
public final class WooCommerceStorefront implements Storefront, AutoCloseable {
    /** WordPress caps {@code per_page} at 100. */
    public static final int MAX_PAGE_SIZE = 100;
    /** WooCommerce's default limit of objects per batch request. */
    public static final int MAX_BATCH = 100;
    /** The order and product topics {@link #parseWebhook} understands. */
    public static final Set<String> WEBHOOK_TOPICS = Set.of("order.created", "order.updated", "order.deleted",
            "order.restored", "product.created", "product.updated", "product.deleted", "product.restored");
    private static final String API = "/wp-json/wc/v3";
    private static final Logger LOG = LoggerFactory.getLogger(WooCommerceStorefront.class);

    private final URI site;
    private final HttpTransport transport;
    private final Capabilities capabilities;
    private final Currency currency;
    private final FileUrlResolver fileUrls;
    private final int downloadLimit;
    private final int downloadExpiryDays;
    private final WebhookVerifier webhookVerifier;
    private final int pageSize;
    private final int batchSize;
    private final Clock clock;
    private final ProductNormalizer products;
    private final OrderNormalizer orders = new OrderNormalizer();

    private WooCommerceStorefront(Builder b) {
        this.site = b.site;
        this.currency = b.currency;
        this.fileUrls = b.fileUrls;
        this.downloadLimit = b.downloadLimit;
        this.downloadExpiryDays = b.downloadExpiryDays;
        this.webhookVerifier = b.webhookVerifier != null ? b.webhookVerifier
                : b.webhookSecret != null ? WebhookVerifier.wooCommerce(b.webhookSecret) : null;
        this.pageSize = b.pageSize;
        this.batchSize = b.batchSize;
        this.clock = b.clock;
        this.products = new ProductNormalizer(currency);
        HttpTransport.Builder t = HttpTransport.builder()
                .platform(Platform.WOOCOMMERCE)
                .baseUrl(stripSlash(site.toString()) + API)
                .auth(BasicAuth.of(b.consumerKey, b.consumerSecret))
                .errorMapper(new WooCommerceErrorMapper())
                .clock(b.clock)
                .userAgent("patternhub-java woocommerce");
        this.transport = b.buildTransport(t);
        this.capabilities = platformCapabilities();
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What WooCommerce offers: webhooks for orders and products, polling by {@code modified_after},
     * files linked by URL (no size or count limit of its own), seller-collected tax lines, buyer email,
     * full write access; no platform fees and no payouts (payments go through the shop's gateway).
     *
     * @return the capabilities
     */
    public static Capabilities platformCapabilities() {
        return Capabilities.builder()
                .platform(Platform.WOOCOMMERCE)
                .webhooks(true)
                .addAllWebhookEventTypes(WEBHOOK_TOPICS)
                .polling(true)
                .digitalFiles(true)
                .fileHosting(FileHosting.LINKED_URL)
                .reportsFees(false)
                .reportsTaxes(true)
                .buyerEmail(EmailAvailability.ALWAYS)
                .writeAccess(WriteAccess.FULL)
                .payouts(false)
                .putNote(Capability.FEES, "WooCommerce orders carry no platform or payment-gateway fees; fee_lines"
                        + " are charges to the buyer and are read as order lines")
                .putNote(Capability.PAYOUTS, "WooCommerce has no payouts: money settles through the shop's payment"
                        + " gateway (Stripe, PayPal...); read payouts there")
                .putNote(Capability.DIGITAL_FILES, "a download is a URL: the file must be hosted (by the hub or"
                        + " elsewhere) and given through a FileUrlResolver")
                .putNote(Capability.TAXES, "tax lines are taxes the seller collects and remits")
                .build();
    }

    @Override
    public Platform platform() {
        return Platform.WOOCOMMERCE;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The shop's site URL. */
    public URI site() {
        return site;
    }

    /** The transport, for its rate-limit status and listener. */
    public HttpTransport transport() {
        return transport;
    }

    // ------------------------------------------------------------------ listings

    /** Every product in any status, page by page (following the {@code Link: rel="next"} header). */
    @Override
    public Stream<Listing> listings() {
        return Paging.linkHeader(transport, ApiRequest.builder(HttpMethod.GET, "/products")
                .query("status", "any").query("per_page", pageSize).build(), WooCommerceStorefront::array)
                .stream().map(products::toListing);
    }

    /**
     * One product.
     *
     * @param productId the product id
     * @return the listing with its files
     * @throws NotFoundException if there is none
     */
    public Listing listing(String productId) {
        return products.toListing(product(productId));
    }

    private JsonNode product(String productId) {
        return transport.execute(ApiRequest.get("/products/" + numericId(productId, "product id"))).json();
    }

    /** Looks the SKU up with the {@code sku} filter (one call). */
    @Override
    public Optional<Listing> listingBySku(String sku) {
        requireText(sku, "sku");
        JsonNode found = transport.execute(ApiRequest.builder(HttpMethod.GET, "/products")
                .query("sku", sku).query("status", "any").build()).json();
        for (JsonNode p : found) {
            if (sku.equals(p.path("sku").asText())) {
                return Optional.of(products.toListing(p));
            }
        }
        return Optional.empty();
    }

    /**
     * Creates a simple, virtual, downloadable product with the draft's SKU, price and the builder's
     * download limit and expiry, idempotently by SKU: an existing product with the SKU is returned,
     * and WooCommerce's own refusal of a duplicated SKU ({@code product_invalid_sku}, e.g. after a lost
     * response) resolves to the product that has it.
     */
    @Override
    public Listing createListing(ListingDraft draft) {
        Objects.requireNonNull(draft, "draft");
        requireShopCurrency(draft.price());
        Optional<Listing> existing = listingBySku(draft.sku());
        if (existing.isPresent()) {
            return withHash(existing.get(), draft.contentHash());
        }
        try {
            JsonNode created = transport.execute(ApiRequest.builder(HttpMethod.POST, "/products")
                    .jsonBody(productBody(draft)).build()).json();
            return withHash(products.toListing(created), draft.contentHash());
        } catch (InvalidRequestException e) {
            if (!"product_invalid_sku".equals(e.context().platformErrorCode().orElse(""))) {
                throw e;
            }
            return withHash(listingBySku(draft.sku()).orElseThrow(() -> e), draft.contentHash());
        }
    }

    private ObjectNode productBody(ListingDraft draft) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("name", draft.title())
                .put("type", "simple")
                .put("status", ProductNormalizer.status(draft.initialState()))
                .put("sku", draft.sku())
                .put("regular_price", draft.price().amount().toPlainString())
                .put("description", draft.description())
                .put("virtual", true)
                .put("downloadable", true)
                .put("download_limit", downloadLimit)
                .put("download_expiry", downloadExpiryDays);
        draft.platformAttributes().forEach(body::put);
        return body;
    }

    /**
     * Changes name, description, price, status ({@code publish}, {@code draft}, {@code private}) with
     * one {@code PUT /products/{id}}. WooCommerce has no field for the hub's content hash: it is set on
     * the returned listing only. Tags are refused: WooCommerce links tags by term id, which the hub does
     * not manage.
     */
    @Override
    public Listing updateListing(String externalId, ListingUpdate update) {
        Objects.requireNonNull(update, "update");
        String id = numericId(externalId, "product id");
        if (update.tags().isPresent()) {
            throw invalid("WooCommerce product tags are terms referenced by id; manage them in the shop");
        }
        update.price().ifPresent(this::requireShopCurrency);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        update.title().ifPresent(t -> body.put("name", t));
        update.description().ifPresent(d -> body.put("description", d));
        update.price().ifPresent(p -> body.put("regular_price", p.amount().toPlainString()));
        update.state().ifPresent(s -> body.put("status", ProductNormalizer.status(s)));
        update.platformAttributes().forEach(body::put);
        JsonNode product = body.isEmpty() ? product(id)
                : transport.execute(ApiRequest.builder(HttpMethod.PUT, "/products/" + id).jsonBody(body)
                        .idempotent(true).build()).json();
        return withHash(products.toListing(product), update.contentHash());
    }

    /**
     * Creates many products through {@code POST /products/batch}, at most {@link #MAX_BATCH} per call.
     * SKUs already in the shop are not created again (looked up first, 100 SKUs per call); an item
     * WooCommerce refuses is reported in place, the others still go through.
     *
     * @param drafts the products to create
     * @return one outcome per draft, in order, and the number of batch calls
     */
    public BatchResult<Listing> createListings(List<ListingDraft> drafts) {
        Objects.requireNonNull(drafts, "drafts");
        drafts.forEach(d -> requireShopCurrency(d.price()));
        Map<String, Listing> existing = existingBySku(drafts.stream().map(ListingDraft::sku).toList());
        List<BatchResult.Item<Listing>> items = new ArrayList<>(drafts.size());
        List<Integer> toCreate = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Listing found = existing.get(drafts.get(i).sku());
            if (found != null) {
                items.add(new BatchResult.Item<>(i, drafts.get(i).sku(), Optional.of(found), Optional.empty()));
            } else {
                items.add(null);
                toCreate.add(i);
            }
        }
        int calls = 0;
        for (int from = 0; from < toCreate.size(); from += batchSize) {
            List<Integer> chunk = toCreate.subList(from, Math.min(toCreate.size(), from + batchSize));
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ArrayNode create = body.putArray("create");
            chunk.forEach(i -> create.add(productBody(drafts.get(i))));
            JsonNode answer = transport.execute(ApiRequest.builder(HttpMethod.POST, "/products/batch")
                    .jsonBody(body).build()).json();
            calls++;
            JsonNode results = answer.path("create");
            for (int k = 0; k < chunk.size(); k++) {
                int i = chunk.get(k);
                ListingDraft draft = drafts.get(i);
                JsonNode r = results.path(k);
                Optional<BatchResult.ItemError> error = itemError(r);
                if (error.isEmpty() && r.isObject()) {
                    items.set(i, new BatchResult.Item<>(i, draft.sku(),
                            Optional.of(withHash(products.toListing(r), draft.contentHash())), Optional.empty()));
                } else if (error.isPresent() && "product_invalid_sku".equals(error.get().code())) {
                    // Created by an earlier, interrupted push: adopt the product that has the SKU.
                    Optional<Listing> adopted = listingBySku(draft.sku());
                    items.set(i, adopted.map(l -> new BatchResult.Item<>(i, draft.sku(), Optional.of(l),
                            Optional.<BatchResult.ItemError>empty()))
                            .orElseGet(() -> new BatchResult.Item<>(i, draft.sku(), Optional.empty(), error)));
                } else {
                    items.set(i, new BatchResult.Item<>(i, draft.sku(), Optional.empty(), Optional.of(error.orElse(
                            new BatchResult.ItemError("missing_result", "WooCommerce answered no result for this item",
                                    0)))));
                }
            }
        }
        return new BatchResult<>(items, calls);
    }

    private Map<String, Listing> existingBySku(List<String> skus) {
        Map<String, Listing> out = new LinkedHashMap<>();
        List<String> distinct = skus.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += MAX_PAGE_SIZE) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + MAX_PAGE_SIZE));
            Paging.linkHeader(transport, ApiRequest.builder(HttpMethod.GET, "/products")
                    .query("sku", String.join(",", chunk)).query("status", "any").query("per_page", MAX_PAGE_SIZE)
                    .build(), WooCommerceStorefront::array)
                    .forEach(p -> out.putIfAbsent(p.path("sku").asText(), products.toListing(p)));
        }
        return out;
    }

    private static Optional<BatchResult.ItemError> itemError(JsonNode r) {
        JsonNode e = r.path("error");
        if (!e.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new BatchResult.ItemError(e.path("code").asText(""), e.path("message").asText(""),
                e.path("data").path("status").asInt(0)));
    }

    // ------------------------------------------------------------------ files

    /** The product's {@code downloads[]}: id, name and URL of each file. */
    @Override
    public List<ListingFile> files(String listingId) {
        List<ListingFile> out = new ArrayList<>();
        product(listingId).path("downloads").forEach(d -> out.add(products.toFile(d)));
        return out;
    }

    /**
     * Adds a download pointing at the file's URL (from the {@link FileUrlResolver}). A download with
     * the same name and URL already present is returned instead of adding a second one. Marks the
     * product downloadable and virtual.
     */
    @Override
    public ListingFile attachFile(String listingId, PatternFile file) {
        Objects.requireNonNull(file, "file");
        String url = resolve(file);
        JsonNode product = product(listingId);
        for (JsonNode d : product.path("downloads")) {
            if (d.path("name").asText().equals(file.name()) && d.path("file").asText().equals(url)) {
                return products.toFile(d);
            }
        }
        ArrayNode downloads = copyDownloads(product);
        downloads.addObject().put("name", file.name()).put("file", url);
        JsonNode updated = putDownloads(listingId, downloads);
        return findDownload(updated, d -> d.path("file").asText().equals(url) && d.path("name").asText()
                .equals(file.name()));
    }

    /**
     * Points an existing download at a new file version, keeping its download id. WooCommerce (since
     * 3.3) keys buyers' download permissions by download id, not by file, so every past buyer who holds
     * a permission for this file now gets the new version through their existing link; no order is
     * touched. The file keeps its position.
     *
     * @throws NotFoundException if the product has no download {@code oldFileId}
     */
    @Override
    public ListingFile replaceFile(String listingId, String oldFileId, PatternFile file) {
        Objects.requireNonNull(file, "file");
        requireText(oldFileId, "file id");
        String url = resolve(file);
        JsonNode product = product(listingId);
        ArrayNode downloads = copyDownloads(product);
        boolean found = false;
        for (JsonNode d : downloads) {
            if (d.path("id").asText().equals(oldFileId)) {
                ((ObjectNode) d).put("name", file.name()).put("file", url);
                found = true;
            }
        }
        if (!found) {
            throw new NotFoundException("WooCommerce product " + listingId + " has no download " + oldFileId
                    + " to replace; use attachFile", context().build());
        }
        JsonNode updated = putDownloads(listingId, downloads);
        return findDownload(updated, d -> d.path("id").asText().equals(oldFileId));
    }

    /**
     * Removes a download. Past buyers lose access to it: WooCommerce only serves files still on the product.
     *
     * @throws NotFoundException if the product has no such download
     */
    @Override
    public void removeFile(String listingId, String fileId) {
        requireText(fileId, "file id");
        JsonNode product = product(listingId);
        ArrayNode downloads = copyDownloads(product);
        int before = downloads.size();
        for (int i = downloads.size() - 1; i >= 0; i--) {
            if (downloads.get(i).path("id").asText().equals(fileId)) {
                downloads.remove(i);
            }
        }
        if (downloads.size() == before) {
            throw new NotFoundException("WooCommerce product " + listingId + " has no download " + fileId,
                    context().build());
        }
        putDownloads(listingId, downloads);
    }

    private static ArrayNode copyDownloads(JsonNode product) {
        ArrayNode downloads = JsonNodeFactory.instance.arrayNode();
        for (JsonNode d : product.path("downloads")) {
            downloads.addObject().put("id", d.path("id").asText()).put("name", d.path("name").asText(""))
                    .put("file", d.path("file").asText(""));
        }
        return downloads;
    }

    private JsonNode putDownloads(String listingId, ArrayNode downloads) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("downloadable", true).put("virtual", true);
        body.set("downloads", downloads);
        // Sending the same downloads array twice has the same effect: safe to resend.
        return transport.execute(ApiRequest.builder(HttpMethod.PUT, "/products/" + numericId(listingId, "product id"))
                .jsonBody(body).idempotent(true).build()).json();
    }

    private ListingFile findDownload(JsonNode product, java.util.function.Predicate<JsonNode> match) {
        for (JsonNode d : product.path("downloads")) {
            if (match.test(d)) {
                return products.toFile(d);
            }
        }
        throw WooJson.malformed("the product update did not return the download just written");
    }

    private String resolve(PatternFile file) {
        URI url = Objects.requireNonNull(fileUrls.urlFor(file), "FileUrlResolver returned null for " + file.name());
        if (!url.isAbsolute() || !("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))) {
            throw invalid("WooCommerce downloads need an absolute http(s) URL; the resolver gave '" + url + "' for "
                    + file.name());
        }
        return url.toString();
    }

    // ------------------------------------------------------------------ file versions for past buyers

    /**
     * Grants every file the product has now to the past buyers of the product, in batches. Use it after
     * adding a file under a new download id (a new print format, a bonus chart): WooCommerce grants
     * files only when an order enters {@code processing} or {@code completed}
     * ({@code wc_downloadable_product_permissions}), never later when a file is added, and its REST
     * API has no endpoint to grant a permission.
     *
     * <p>What it does, through documented order fields only: it lists the product's paid orders
     * ({@code GET /orders?product=ID&status=completed,processing}, 100 per page), then for each 100
     * orders sends two {@code POST /orders/batch} requests: the first clears the order's
     * {@code _download_permissions_granted} meta flag and moves it out of its status
     * ({@code completed} to {@code processing}, {@code processing} to {@code on-hold}); the second moves
     * it back, which makes WooCommerce run its grant again for every file of the order's products.
     *
     * <p>Side effects a seller must know: WooCommerce does not de-duplicate permissions, so files the
     * buyer already had are listed again (with a fresh download limit); the status moves fire
     * WooCommerce's status emails (the buyer may receive the "order completed" email again, which then
     * also announces the new file) and order notes; {@code order.updated} webhooks fire. Orders whose
     * moves fail are reported, not retried.
     *
     * @param productId the product
     * @return what was done
     */
    public DownloadGrantReport grantDownloadsToPastOrders(String productId) {
        String id = numericId(productId, "product id");
        List<JsonNode> paid = new ArrayList<>();
        Paging.linkHeader(transport, ApiRequest.builder(HttpMethod.GET, "/orders")
                .query("product", id).query("status", "completed").query("status", "processing")
                .query("orderby", "id").query("order", "asc").query("per_page", MAX_PAGE_SIZE).build(),
                WooCommerceStorefront::array).forEach(paid::add);
        Map<String, BatchResult.ItemError> failures = new LinkedHashMap<>();
        int calls = 0;
        int granted = 0;
        for (int from = 0; from < paid.size(); from += batchSize) {
            List<JsonNode> chunk = paid.subList(from, Math.min(paid.size(), from + batchSize));
            ObjectNode away = JsonNodeFactory.instance.objectNode();
            ObjectNode back = JsonNodeFactory.instance.objectNode();
            ArrayNode awayItems = away.putArray("update");
            ArrayNode backItems = back.putArray("update");
            for (JsonNode o : chunk) {
                String status = o.path("status").asText();
                ObjectNode a = awayItems.addObject().put("id", o.path("id").asLong())
                        .put("status", "completed".equals(status) ? "processing" : "on-hold");
                a.putArray("meta_data").addObject().put("key", "_download_permissions_granted").put("value", "no");
                backItems.addObject().put("id", o.path("id").asLong()).put("status", status);
            }
            JsonNode first = transport.execute(ApiRequest.builder(HttpMethod.POST, "/orders/batch").jsonBody(away)
                    .build()).json();
            calls++;
            java.util.Set<String> movedAway = new java.util.HashSet<>();
            collect(first.path("update"), chunk, failures, movedAway);
            ArrayNode retained = JsonNodeFactory.instance.arrayNode();
            backItems.forEach(item -> {
                if (movedAway.contains(item.path("id").asText())) {
                    retained.add(item);
                }
            });
            if (retained.isEmpty()) {
                continue;
            }
            back.set("update", retained);
            JsonNode second = transport.execute(ApiRequest.builder(HttpMethod.POST, "/orders/batch").jsonBody(back)
                    .build()).json();
            calls++;
            java.util.Set<String> restored = new java.util.HashSet<>();
            collect(second.path("update"), chunk, failures, restored);
            granted += restored.size();
        }
        LOG.info("Granted the files of WooCommerce product {} to {} of {} past orders in {} batch calls", id, granted,
                paid.size(), calls);
        return new DownloadGrantReport(id, paid.size(), granted, calls, failures);
    }

    private static void collect(JsonNode results, List<JsonNode> chunk, Map<String, BatchResult.ItemError> failures,
            java.util.Set<String> ok) {
        for (JsonNode r : results) {
            String orderId = r.path("id").asText();
            Optional<BatchResult.ItemError> error = itemError(r);
            if (error.isPresent()) {
                failures.put(orderId, error.get());
            } else {
                ok.add(orderId);
            }
        }
        for (JsonNode o : chunk) {
            String orderId = o.path("id").asText();
            if (!ok.contains(orderId) && !failures.containsKey(orderId)) {
                failures.put(orderId, new BatchResult.ItemError("missing_result",
                        "WooCommerce answered no result for this order", 0));
            }
        }
    }

    /**
     * The downloads a customer can use now ({@code GET /customers/{id}/downloads}): one entry per
     * permission still valid, with the file's current URL.
     *
     * @param customerId the WordPress user id
     * @return the raw entries
     */
    public List<JsonNode> customerDownloads(String customerId) {
        return array(transport.execute(ApiRequest.get("/customers/" + numericId(customerId, "customer id")
                + "/downloads")));
    }

    // ------------------------------------------------------------------ orders

    /**
     * Orders, page by page following {@code Link: rel="next"}. {@code updatedSince} (less the rescan
     * window) becomes {@code modified_after}, {@code createdSince} {@code after}, {@code until}
     * {@code modified_before} or {@code before}; dates are sent as GMT ({@code dates_are_gmt=true}).
     * Orders with refunds get their refund objects (one more call each) for ids and dates.
     */
    @Override
    public Stream<Order> orders(OrderQuery query) {
        Objects.requireNonNull(query, "query");
        int size = Math.min(MAX_PAGE_SIZE, query.pageSize().orElse(pageSize));
        Optional<Instant> modifiedFrom = query.effectiveUpdatedSince();
        ApiRequest.Builder req = ApiRequest.builder(HttpMethod.GET, "/orders")
                .query("per_page", size).query("orderby", "id").query("order", "asc")
                .query("dates_are_gmt", "true");
        modifiedFrom.ifPresent(t -> req.query("modified_after", WooJson.gmtParam(t.minusSeconds(1))));
        query.createdSince().ifPresent(t -> req.query("after", WooJson.gmtParam(t.minusSeconds(1))));
        query.until().ifPresent(t -> req.query(modifiedFrom.isPresent() ? "modified_before" : "before",
                WooJson.gmtParam(t.plusSeconds(1))));
        return Paging.linkHeader(transport, req.build(), WooCommerceStorefront::array).stream()
                .map(this::toOrder)
                .filter(o -> query.wants(o.status()));
    }

    /** One order with its refunds. */
    @Override
    public Order order(String externalId) {
        return toOrder(transport.execute(ApiRequest.get("/orders/" + numericId(externalId, "order id"))).json());
    }

    private Order toOrder(JsonNode order) {
        List<JsonNode> refunds = order.path("refunds").isEmpty() ? List.of()
                : array(transport.execute(ApiRequest.get("/orders/" + order.path("id").asText() + "/refunds")));
        return orders.toOrder(order, refunds);
    }

    /**
     * Records a refund on an order ({@code POST /orders/{id}/refunds}).
     *
     * @param orderId   the order
     * @param amount    the amount, in the order's currency
     * @param reason    the reason, or {@code null}
     * @param viaGateway whether WooCommerce should also refund the payment through the gateway ({@code api_refund})
     * @return the order after the refund
     */
    public Order refund(String orderId, Money amount, String reason, boolean viaGateway) {
        Objects.requireNonNull(amount, "amount");
        if (!amount.isPositive()) {
            throw invalid("a refund must be positive, was " + amount);
        }
        String id = numericId(orderId, "order id");
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("amount", amount.amount().toPlainString())
                .put("api_refund", viaGateway);
        if (reason != null) {
            body.put("reason", reason);
        }
        transport.execute(ApiRequest.builder(HttpMethod.POST, "/orders/" + id + "/refunds").jsonBody(body).build());
        return order(id);
    }

    // ------------------------------------------------------------------ webhooks

    /** The shop's webhooks in every status. */
    public List<WooCommerceWebhook> webhooks() {
        List<WooCommerceWebhook> out = new ArrayList<>();
        Paging.linkHeader(transport, ApiRequest.builder(HttpMethod.GET, "/webhooks").query("per_page", MAX_PAGE_SIZE)
                .build(), WooCommerceStorefront::array).forEach(n -> out.add(WooCommerceWebhook.of(n)));
        return out;
    }

    /**
     * Registers a webhook.
     *
     * @param topic       one of {@link #WEBHOOK_TOPICS}
     * @param deliveryUrl where WooCommerce POSTs deliveries
     * @param secret      the signing secret (give one: WooCommerce's default is derived from the user)
     * @return the webhook
     */
    public WooCommerceWebhook createWebhook(String topic, URI deliveryUrl, String secret) {
        if (!WEBHOOK_TOPICS.contains(topic)) {
            throw invalid("unknown WooCommerce topic '" + topic + "'; use one of " + WEBHOOK_TOPICS);
        }
        Objects.requireNonNull(deliveryUrl, "deliveryUrl");
        requireText(secret, "secret");
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", "PatternHub " + topic)
                .put("topic", topic).put("delivery_url", deliveryUrl.toString()).put("secret", secret);
        return WooCommerceWebhook.of(transport.execute(ApiRequest.builder(HttpMethod.POST, "/webhooks")
                .jsonBody(body).build()).json());
    }

    /**
     * Finds webhooks WooCommerce disabled (after 5 consecutive failed deliveries) and re-enables them
     * with {@code PUT /webhooks/{id}} {@code {"status":"active"}}. Deliveries missed while disabled are
     * not resent by WooCommerce: poll ({@link WooCommerceOrderEvents#poll}) to catch up.
     *
     * @return the webhooks re-enabled, as they now stand
     */
    public List<WooCommerceWebhook> reEnableDisabledWebhooks() {
        List<WooCommerceWebhook> out = new ArrayList<>();
        for (WooCommerceWebhook w : webhooks()) {
            if (w.disabled()) {
                LOG.warn("WooCommerce webhook {} ({}) was disabled after failed deliveries; re-enabling it", w.id(),
                        w.topic());
                out.add(WooCommerceWebhook.of(transport.execute(ApiRequest.builder(HttpMethod.PUT, "/webhooks/"
                        + numericId(w.id(), "webhook id")).jsonBody(JsonNodeFactory.instance.objectNode()
                        .put("status", "active")).idempotent(true).build()).json()));
            }
        }
        return out;
    }

    /**
     * Verifies {@code X-WC-Webhook-Signature} (Base64 HMAC-SHA256 of the raw body with the webhook's
     * secret) and parses an order or product delivery. The payload is the resource as the REST API
     * shows it, so an order event carries the full order (refund dates come from the order's
     * modification time: a delivery carries no refund objects). WooCommerce's creation ping
     * ({@code webhook_id=...}, unsigned) and other topics yield no events.
     *
     * @throws io.patternhub.core.error.WebhookVerificationException if the signature is missing or wrong: answer 401
     * @throws ConfigurationException if no webhook secret was configured
     */
    @Override
    public List<StorefrontEvent> parseWebhook(WebhookRequest request) {
        Objects.requireNonNull(request, "request");
        if (webhookVerifier == null) {
            throw new ConfigurationException("No WooCommerce webhook secret is configured: set"
                    + " WooCommerceStorefront.Builder.webhookSecret to verify deliveries", context().build());
        }
        if (request.header("x-wc-webhook-signature").isEmpty()
                && request.bodyAsString().matches("webhook_id=\\d+")) {
            LOG.debug("WooCommerce webhook ping received");
            return List.of();
        }
        webhookVerifier.verify((WebhookHeaders) name -> request.header(name), request.body());
        String topic = request.header("x-wc-webhook-topic").orElse("");
        if (!WEBHOOK_TOPICS.contains(topic)) {
            LOG.debug("Ignoring WooCommerce webhook topic '{}'", topic);
            return List.of();
        }
        JsonNode payload;
        try {
            payload = transport.objectMapper().readTree(request.body());
        } catch (IOException e) {
            throw new InvalidRequestException("The WooCommerce webhook body is not JSON: " + e.getMessage(),
                    context().build(), e);
        }
        Instant at = WooJson.gmt(payload, "date_modified_gmt").orElse(request.receivedAt());
        String deliveryId = request.header("x-wc-webhook-delivery-id").orElse("");
        if (topic.startsWith("order.")) {
            if (topic.equals("order.deleted")) {
                return List.of(io.patternhub.core.event.OrderEvent.builder()
                        .eventId(io.patternhub.core.event.EventIds.of(Platform.WOOCOMMERCE, "order-deleted",
                                payload.path("id").asText()))
                        .platform(Platform.WOOCOMMERCE).occurredAt(at)
                        .kind(io.patternhub.core.event.OrderEvent.Kind.CANCELLED)
                        .orderExternalId(payload.path("id").asText()).raw(payload).build());
            }
            Order order = orders.toOrder(payload, List.of());
            return List.of(WooCommerceOrderEvents.eventFor(order, at).toBuilder().raw(payload).build());
        }
        String productId = payload.path("id").asText();
        ListingEvent.Kind kind = topic.endsWith("deleted") ? ListingEvent.Kind.DELETED
                : topic.endsWith("created") ? ListingEvent.Kind.CREATED : ListingEvent.Kind.UPDATED;
        io.patternhub.core.event.ImmutableListingEvent.Builder event = ListingEvent.builder()
                .eventId(io.patternhub.core.event.EventIds.of(Platform.WOOCOMMERCE, "product", productId, topic,
                        payload.path("date_modified_gmt").asText(deliveryId)))
                .platform(Platform.WOOCOMMERCE).occurredAt(at).kind(kind).listingExternalId(productId).raw(payload);
        if (kind != ListingEvent.Kind.DELETED) {
            event.listing(products.toListing(payload));
        }
        return List.of(event.build());
    }

    // ------------------------------------------------------------------ helpers

    /** Releases the transport's connections. */
    @Override
    public void close() {
        transport.close();
    }

    private static List<JsonNode> array(ApiResponse response) {
        JsonNode json = response.json();
        if (!json.isArray()) {
            throw WooJson.malformed("a list endpoint answered " + json.getNodeType() + " instead of an array");
        }
        List<JsonNode> out = new ArrayList<>(json.size());
        json.forEach(out::add);
        return out;
    }

    private static Listing withHash(Listing listing, Optional<String> hash) {
        return hash.map(h -> (Listing) listing.toBuilder().contentHash(h).build()).orElse(listing);
    }

    private void requireShopCurrency(Money price) {
        if (!currency.equals(price.currency())) {
            throw invalid("this WooCommerce shop prices in " + currency.getCurrencyCode() + " but the price is "
                    + price + "; convert it first");
        }
    }

    private static String numericId(String id, String what) {
        if (id == null || !id.matches("[1-9][0-9]{0,18}")) {
            throw invalid("a WooCommerce " + what + " is a positive number, was '" + id + "'");
        }
        return id;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw invalid(what + " must not be blank");
        }
    }

    private static ErrorContext.Builder context() {
        return ErrorContext.builder().platform(Platform.WOOCOMMERCE);
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, context().build());
    }

    private static String stripSlash(String url) {
        return url.replaceAll("/+$", "");
    }

    /**
     * Checks a shop URL: absolute http(s), and HTTPS unless the host is a loopback address.
     *
     * @param siteUrl the URL
     * @return it as a URI
     * @throws ConfigurationException otherwise
     */
    static URI checkSite(String siteUrl) {
        URI uri;
        try {
            uri = URI.create(Objects.requireNonNull(siteUrl, "siteUrl").trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("the WooCommerce site URL is not a URL: " + siteUrl, context().build(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new ConfigurationException("the WooCommerce site URL must be absolute http(s), like"
                    + " https://shop.example, was " + siteUrl, context().build());
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new ConfigurationException("Refusing to send the WooCommerce consumer key and secret over plain"
                    + " HTTP to " + uri.getHost() + ": Basic auth would expose them, and WooCommerce only accepts"
                    + " Basic auth over HTTPS. Use https://" + uri.getHost() + " (plain HTTP is allowed only to"
                    + " localhost for tests).", context().build());
        }
        return uri;
    }

    /** Whether a host is a loopback address, without a DNS lookup for names other than localhost. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name: never resolved here, so DNS cannot make it "loopback"
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Configures a {@link WooCommerceStorefront}. Not thread-safe; the storefront it builds is. */
    public static final class Builder extends TransportClientBuilder<Builder> {
        private URI site;
        private String consumerKey;
        private String consumerSecret;
        private Currency currency;
        private FileUrlResolver fileUrls = FileUrlResolver.fromLocation();
        private int downloadLimit = -1;
        private int downloadExpiryDays = -1;
        private String webhookSecret;
        private WebhookVerifier webhookVerifier;
        private int pageSize = MAX_PAGE_SIZE;
        private int batchSize = MAX_BATCH;
        private Clock clock = Clock.systemUTC();

        private Builder() {
            super(RetrySettings.defaults(), RateLimitSettings.perSecond(5), 0);
        }

        /** The storefront's transport: its own settings plus what this builder was given. */
        private HttpTransport buildTransport(HttpTransport.Builder storefrontSettings) {
            return newTransport(storefrontSettings);
        }

        /**
         * The shop (required), e.g. {@code https://shop.example}; HTTPS unless the host is loopback.
         *
         * @param siteUrl the WordPress site URL
         * @return this builder
         * @throws ConfigurationException for plain HTTP to a non-loopback host
         */
        public Builder siteUrl(String siteUrl) {
            this.site = checkSite(siteUrl);
            return this;
        }

        /**
         * The REST API keys (required).
         *
         * @param key    the consumer key, {@code ck_...}
         * @param secret the consumer secret, {@code cs_...}
         * @return this builder
         */
        public Builder credentials(String key, String secret) {
            if (key == null || !key.startsWith("ck_") || secret == null || !secret.startsWith("cs_")) {
                throw config("WooCommerce REST keys look like ck_... and cs_... (WooCommerce > Settings >"
                        + " Advanced > REST API)");
            }
            this.consumerKey = key;
            this.consumerSecret = secret;
            return this;
        }

        /**
         * Keys from {@link WooCommerceKeyProvisioning}.
         *
         * @param keys the keys
         * @return this builder
         */
        public Builder credentials(WooCommerceKeys keys) {
            return credentials(keys.consumerKey(), keys.consumerSecret());
        }

        /**
         * The shop's currency (required): products carry no currency of their own.
         *
         * @param currencyCode ISO 4217
         * @return this builder
         */
        public Builder currency(String currencyCode) {
            this.currency = Money.currency(currencyCode);
            return this;
        }

        /**
         * Where pattern files are served from; default {@link FileUrlResolver#fromLocation()}.
         *
         * @param resolver the resolver
         * @return this builder
         */
        public Builder fileUrls(FileUrlResolver resolver) {
            this.fileUrls = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Downloads per purchase for new products ({@code download_limit}); default -1, unlimited.
         *
         * @param limit -1 or at least 1
         * @return this builder
         */
        public Builder downloadLimit(int limit) {
            if (limit != -1 && limit < 1) {
                throw config("downloadLimit must be -1 (unlimited) or at least 1, was " + limit);
            }
            this.downloadLimit = limit;
            return this;
        }

        /**
         * Days of access after purchase for new products ({@code download_expiry}); default -1, never expires.
         *
         * @param days -1 or at least 1
         * @return this builder
         */
        public Builder downloadExpiryDays(int days) {
            if (days != -1 && days < 1) {
                throw config("downloadExpiryDays must be -1 (never) or at least 1, was " + days);
            }
            this.downloadExpiryDays = days;
            return this;
        }

        /**
         * The secret the shop's webhooks sign with.
         *
         * @param secret the secret
         * @return this builder
         */
        public Builder webhookSecret(String secret) {
            WebhookVerifier.wooCommerce(secret); // rejects a blank secret now
            this.webhookSecret = secret;
            return this;
        }

        /**
         * A verifier instead of {@link #webhookSecret}.
         *
         * @param verifier the verifier
         * @return this builder
         */
        public Builder webhookVerifier(WebhookVerifier verifier) {
            this.webhookVerifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /**
         * The page size of lists; default and maximum 100.
         *
         * @param size 1 to 100
         * @return this builder
         */
        public Builder pageSize(int size) {
            if (size < 1 || size > MAX_PAGE_SIZE) {
                throw config("pageSize must be 1 to " + MAX_PAGE_SIZE + ", was " + size);
            }
            this.pageSize = size;
            return this;
        }

        /**
         * Objects per batch request; default and maximum 100 (WooCommerce's default limit; lower it if a
         * site's {@code woocommerce_rest_batch_items_limit} filter lowered it).
         *
         * @param size 1 to 100
         * @return this builder
         */
        public Builder batchSize(int size) {
            if (size < 1 || size > MAX_BATCH) {
                throw config("batchSize must be 1 to " + MAX_BATCH + ", was " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * The clock.
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
         * @throws ConfigurationException if the site, keys or currency is missing
         */
        public WooCommerceStorefront build() {
            if (site == null) {
                throw config("set the WooCommerce siteUrl");
            }
            if (consumerKey == null) {
                throw config("set the WooCommerce credentials (consumer key and secret)");
            }
            if (currency == null) {
                throw config("set the shop's currency (WooCommerce > Settings > General)");
            }
            return new WooCommerceStorefront(this);
        }

        private static ConfigurationException config(String message) {
            return new ConfigurationException(message, context().build());
        }
    }
}
