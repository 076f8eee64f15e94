package io.patternhub.etsy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.Platform;
import io.patternhub.core.auth.ApiKeyAuth;
import io.patternhub.core.auth.AuthScheme;
import io.patternhub.core.auth.CompositeAuth;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.event.OrderEvent;
import io.patternhub.core.event.StorefrontEvent;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.HttpMethod;
import io.patternhub.core.http.HttpTransport;
import io.patternhub.core.http.TransportClientBuilder;
import io.patternhub.core.http.RateLimitHeaderReader;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RequestContent;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.model.Payout;
import io.patternhub.core.paging.OffsetPage;
import io.patternhub.core.paging.Paging;
import io.patternhub.core.storefront.Capabilities;
import io.patternhub.core.storefront.Capability;
import io.patternhub.core.storefront.EmailAvailability;
import io.patternhub.core.storefront.FileHosting;
import io.patternhub.core.storefront.ListingDraft;
import io.patternhub.core.storefront.ListingUpdate;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.PayoutQuery;
import io.patternhub.core.storefront.WebhookRequest;
import io.patternhub.core.storefront.WriteAccess;
import io.patternhub.core.webhook.WebhookHeaders;
import io.patternhub.core.webhook.WebhookVerifier;
import io.patternhub.etsy.internal.FormEncoding;
import io.patternhub.etsy.internal.LedgerPayouts;
import io.patternhub.etsy.internal.ListingNormalizer;
import io.patternhub.etsy.internal.ReceiptNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Etsy shop through the {@link io.patternhub.core.storefront.Storefront} interface, over Etsy Open
 * API v3. Thread-safe; build with {@link #builder()} and {@link #close()} when done.
 *
 * <p>Every call carries {@code x-api-key: keystring:shared_secret} and the OAuth bearer token. Calls
 * keep to 10 per second and 10,000 per day from the start and then follow Etsy's
 * {@code x-limit-per-second}, {@code x-remaining-this-second}, {@code x-limit-per-day},
 * {@code x-remaining-today} and {@code retry-after} headers.
 *
 * <p>Writes that Etsy cannot make idempotent are made so here:
 * <ul>
 *   <li>{@link #createListing} looks the SKU up among the shop's draft, active, inactive, sold-out
 *       and expired listings first; after an outcome it cannot know (a dropped connection, a 5xx) it
 *       looks again, and adopts a SKU-less draft with the same title that an interrupted attempt left
 *       behind, before trying again. A process that died between creating a listing and setting its
 *       SKU leaves such a draft too: a later create (any process) adopts a SKU-less draft whose title,
 *       description, tags and price are exactly the draft's instead of making a second listing.</li>
 *   <li>{@link #attachFile} and {@link #replaceFile} recognise a file already uploaded by an
 *       interrupted attempt by its name and size, so a listing never ends up with two copies (or none).</li>
 * </ul>
 */
public final class EtsyStorefront implements io.patternhub.core.storefront.Storefront, AutoCloseable {
    /** Etsy's production API host. */
    public static final String DEFAULT_BASE_URL = "https://openapi.etsy.com";
    /** The largest page Etsy serves. */
    public static final int MAX_PAGE_SIZE = 100;
    /** The listing states scanned when looking for a SKU, in order. */
    private static final List<String> ALL_STATES = List.of("draft", "active", "inactive", "sold_out", "expired");
    private static final Pattern RECEIPT_URL = Pattern.compile("/receipts/(\\d+)");
    private static final Logger LOG = LoggerFactory.getLogger(EtsyStorefront.class);

    private final long shopId;
    private final HttpTransport transport;
    private final Capabilities capabilities;
    private final EtsyFileLimits fileLimits;
    private final Long taxonomyId;
    private final String whoMade;
    private final String whenMade;
    private final long quantity;
    private final Currency shopCurrency;
    private final WebhookVerifier webhookVerifier;
    private final boolean feesWithOrderStream;
    private final int writeAttempts;
    private final RetrySettings writeBackoff;
    private final Duration skuIndexTtl;
    private final int pageSize;
    private final Clock clock;
    private final ListingNormalizer listings = new ListingNormalizer();
    private final ReceiptNormalizer receipts = new ReceiptNormalizer();
    private final LedgerPayouts ledger = new LedgerPayouts();
    private final SkuIndex skuIndex = new SkuIndex();
    private final Map<String, ReentrantLock> skuLocks = new ConcurrentHashMap<>();
    /** Held while a TTL-driven scan rebuilds the SKU index. */
    private final ReentrantLock indexRefresh = new ReentrantLock();

    private EtsyStorefront(Builder b) {
        this.shopId = b.shopId;
        this.fileLimits = b.fileLimits;
        this.taxonomyId = b.taxonomyId;
        this.whoMade = b.whoMade;
        this.whenMade = b.whenMade;
        this.quantity = b.quantity;
        this.shopCurrency = b.shopCurrency;
        this.webhookVerifier = b.webhookVerifier != null ? b.webhookVerifier
                : b.webhookSecret != null ? WebhookVerifier.etsy(b.webhookSecret, b.clock) : null;
        this.feesWithOrderStream = b.feesWithOrderStream;
        this.writeAttempts = b.writeAttempts;
        this.writeBackoff = b.writeBackoff();
        this.skuIndexTtl = b.skuIndexTtl;
        this.pageSize = b.pageSize;
        this.clock = b.clock;
        HttpTransport.Builder t = HttpTransport.builder()
                .platform(Platform.ETSY)
                .baseUrl(stripSlash(b.baseUrl) + "/v3/application")
                .auth(CompositeAuth.of(b.apiKey, b.bearer))
                .rateLimitHeaderReader(RateLimitHeaderReader.etsy())
                .errorMapper(new EtsyErrorMapper())
                .clock(b.clock)
                .userAgent("patternhub-java etsy");
        this.transport = b.buildTransport(t);
        this.capabilities = capabilities(fileLimits);
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What Etsy offers: webhooks ({@code order.paid}, commercial apps only) and polling, hosted digital
     * files within the given limits, fees and marketplace-collected taxes reported, buyer email only
     * for apps Etsy approved, full listing write access, payouts from the payment-account ledger.
     *
     * @param limits the file limits in force
     * @return the capabilities
     */
    public static Capabilities capabilities(EtsyFileLimits limits) {
        return Capabilities.builder()
                .platform(Platform.ETSY)
                .webhooks(true)
                .addWebhookEventTypes("order.paid")
                .polling(true)
                .digitalFiles(true)
                .maxFilesPerListing(limits.maxFilesPerListing())
                .maxFileSizeBytes(limits.maxFileSizeBytes())
                .fileHosting(FileHosting.HOSTED_BY_PLATFORM)
                .reportsFees(true)
                .reportsTaxes(true)
                .buyerEmail(EmailAvailability.ON_APPROVAL)
                .writeAccess(WriteAccess.FULL)
                .payouts(true)
                .putNote(Capability.WEBHOOKS, "Etsy webhooks are available to commercial apps only and carry only"
                        + " order.paid; other apps poll getShopReceipts with min_last_modified")
                .putNote(Capability.BUYER_EMAIL, "buyer_email is null unless Etsy approved the app for it,"
                        + " case by case")
                .putNote(Capability.DIGITAL_FILES, "file limits are assumptions (Etsy does not document them):"
                        + " configure EtsyFileLimits")
                .putNote(Capability.TAXES, "sales tax and VAT on Etsy orders are collected and remitted by Etsy")
                .build();
    }

    @Override
    public Platform platform() {
        return Platform.ETSY;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The shop this storefront works on. */
    public long shopId() {
        return shopId;
    }

    /** The transport, for its rate-limit status ({@link HttpTransport#lastRateLimitStatus()}). */
    public HttpTransport transport() {
        return transport;
    }

    // ------------------------------------------------------------------ listings

    /** Every listing of the shop in every state (draft, active, inactive, sold out, expired), page by page. */
    @Override
    public Stream<Listing> listings() {
        return ALL_STATES.stream().flatMap(state -> listingNodes(state).stream()).map(listings::toListing);
    }

    /**
     * The shop's listings in one Etsy state, page by page.
     *
     * @param state {@code draft}, {@code active}, {@code inactive}, {@code sold_out} or {@code expired}
     * @return the listings
     */
    public Stream<Listing> listings(String state) {
        if (!ALL_STATES.contains(state)) {
            throw invalid("unknown Etsy listing state '" + state + "'; use one of " + ALL_STATES);
        }
        return listingNodes(state).stream().map(listings::toListing);
    }

    private io.patternhub.core.paging.PagedIterable<JsonNode> listingNodes(String state) {
        return Paging.offsetLimit(pageSize, (offset, limit) -> {
            JsonNode page = transport.execute(ApiRequest.builder(HttpMethod.GET, shopPath("/listings"))
                    .query("state", state).query("includes", "Inventory")
                    .query("limit", limit).query("offset", offset).build()).json();
            return OffsetPage.of(list(page.path("results")), page.path("count").asLong());
        });
    }

    /**
     * One listing, with its SKU and price from the inventory.
     *
     * @param listingId the listing id
     * @return the listing
     * @throws NotFoundException if there is none
     */
    public Listing listing(String listingId) {
        return listings.toListing(listingNode(listingId));
    }

    /** getListing cannot include the inventory (the spec's enum lacks it): read it separately and attach it. */
    private JsonNode listingNode(String listingId) {
        String id = numericId(listingId, "listing id");
        JsonNode listing = transport.execute(ApiRequest.get("/listings/" + id)).json();
        JsonNode inventory = transport.execute(ApiRequest.get("/listings/" + id + "/inventory")).json();
        ((ObjectNode) listing).set("inventory", inventory);
        return listing;
    }

    /** Looks the SKU up in every listing state (a full scan, not the cached index). */
    @Override
    public Optional<Listing> listingBySku(String sku) {
        requireText(sku, "sku");
        skuIndex.rebuild(scanShop());
        return skuIndex.listingId(sku).map(this::listing);
    }

    /**
     * Creates a draft digital listing ({@code type=download}) with the draft's SKU and price set through
     * the inventory, idempotently by SKU (see the class comment). The taxonomy, {@code who_made} and
     * {@code when_made} come from the draft's platform attributes of the same name, else from the builder.
     *
     * @param draft what to create
     * @return the new listing, or the existing one carrying the SKU
     */
    @Override
    public Listing createListing(ListingDraft draft) {
        Objects.requireNonNull(draft, "draft");
        requireShopCurrency(draft.price());
        List<Map.Entry<String, String>> form = createForm(draft);
        ReentrantLock lock = skuLocks.computeIfAbsent(draft.sku(), k -> new ReentrantLock());
        lock.lock();
        try {
            Optional<Listing> existing = findBySku(draft.sku(), false);
            if (existing.isPresent()) {
                LOG.debug("Etsy listing {} already carries SKU {}; not creating another", existing.get().externalId(),
                        draft.sku());
                return existing.get();
            }
            Optional<String> leftBehind = skuIndex.claimOrphanOf(draft);
            if (leftBehind.isPresent()) {
                // created by an attempt that died before it could set the SKU (e.g. a killed process)
                LOG.info("Adopting SKU-less Etsy draft {} identical to the draft for SKU {}", leftBehind.get(),
                        draft.sku());
                return finishCreate(leftBehind.get(), draft, null);
            }
            PatternHubException last = null;
            for (int attempt = 1; attempt <= writeAttempts; attempt++) {
                try {
                    JsonNode created = transport.execute(ApiRequest.builder(HttpMethod.POST, shopPath("/listings"))
                            .body(FormEncoding.form(form)).build()).json();
                    return finishCreate(created.path("listing_id").asText(), draft, created);
                } catch (RateLimitException e) {
                    if (e.httpStatus().isEmpty()) {
                        throw e; // our own limiter: waiting longer will not help now
                    }
                    last = e; // Etsy refused before doing anything; the transport already paused callers
                } catch (PatternHubException e) {
                    if (!uncertain(e)) {
                        throw e;
                    }
                    last = e;
                    LOG.info("Creating Etsy listing for SKU {} had an unknown outcome ({}); looking it up",
                            draft.sku(), e.getMessage());
                    Optional<Listing> found = recoverCreated(draft);
                    if (found.isPresent()) {
                        return found.get();
                    }
                    pause(attempt);
                }
            }
            throw last;
        } finally {
            lock.unlock();
        }
    }

    /** After an unknown outcome: the listing by SKU, or a SKU-less draft an interrupted attempt left. */
    private Optional<Listing> recoverCreated(ListingDraft draft) {
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<Listing> bySku = findBySku(draft.sku(), true);
                if (bySku.isPresent()) {
                    return bySku;
                }
                Optional<String> orphan = skuIndex.orphanDraft(draft.title());
                if (orphan.isPresent()) {
                    LOG.info("Adopting SKU-less Etsy draft {} titled '{}' for SKU {}", orphan.get(), draft.title(),
                            draft.sku());
                    return Optional.of(finishCreate(orphan.get(), draft, null));
                }
                return Optional.empty();
            } catch (PatternHubException e) {
                if (attempt >= writeAttempts || !(uncertain(e) || e instanceof RateLimitException)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /**
     * Sets SKU and price through the inventory (idempotent PUT), then the state if asked. The listing is
     * read from the answers of those calls, not fetched again.
     */
    private Listing finishCreate(String listingId, ListingDraft draft, JsonNode created) {
        JsonNode inventory = putInventory(listingId, draft.sku(), draft.price(), quantity);
        skuIndex.put(draft.sku(), listingId);
        JsonNode listing = draft.initialState() == ListingState.ACTIVE
                ? patchListing(listingId, List.of(Map.entry("state", "active")))
                : created != null ? created.deepCopy()
                : transport.execute(ApiRequest.get("/listings/" + listingId)).json();
        ((ObjectNode) listing).set("inventory", inventory);
        Listing result = listings.toListing(listing);
        return draft.contentHash().map(h -> (Listing) result.toBuilder().contentHash(h).build()).orElse(result);
    }

    private List<Map.Entry<String, String>> createForm(ListingDraft draft) {
        Map<String, String> attrs = new LinkedHashMap<>(draft.platformAttributes());
        String taxonomy = Optional.ofNullable(attrs.remove("taxonomy_id"))
                .or(() -> Optional.ofNullable(taxonomyId).map(String::valueOf))
                .orElseThrow(() -> invalid("Etsy needs a taxonomy_id to create a listing: set"
                        + " EtsyStorefront.Builder.taxonomyId or the draft's platform attribute taxonomy_id"));
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("quantity", String.valueOf(quantity)));
        form.add(Map.entry("title", draft.title()));
        form.add(Map.entry("description", draft.description().isBlank() ? draft.title() : draft.description()));
        form.add(Map.entry("price", draft.price().amount().toPlainString()));
        form.add(Map.entry("who_made", Optional.ofNullable(attrs.remove("who_made")).orElse(whoMade)));
        form.add(Map.entry("when_made", Optional.ofNullable(attrs.remove("when_made")).orElse(whenMade)));
        form.add(Map.entry("taxonomy_id", taxonomy));
        form.add(Map.entry("type", "download"));
        form.add(Map.entry("is_supply", Optional.ofNullable(attrs.remove("is_supply")).orElse("false")));
        draft.tags().forEach(t -> form.add(Map.entry("tags", t)));
        attrs.forEach((k, v) -> form.add(Map.entry(k, v)));
        return form;
    }

    /**
     * Changes title, description, tags and state with {@code updateListing} (PATCH) and the price with
     * {@code updateListingInventory} (PUT), keeping SKUs, quantities and variations. Etsy has no field
     * for the hub's content hash: it is set on the returned listing only.
     *
     * @throws InvalidRequestException for {@link ListingState#DRAFT}: Etsy cannot move a listing back to draft
     */
    @Override
    public Listing updateListing(String externalId, ListingUpdate update) {
        Objects.requireNonNull(update, "update");
        String listingId = numericId(externalId, "listing id");
        update.price().ifPresent(this::requireShopCurrency);
        List<Map.Entry<String, String>> form = new ArrayList<>();
        update.title().ifPresent(t -> form.add(Map.entry("title", t)));
        update.description().ifPresent(d -> form.add(Map.entry("description", d)));
        update.tags().ifPresent(tags -> tags.forEach(t -> form.add(Map.entry("tags", t))));
        update.state().ifPresent(s -> form.add(Map.entry("state", wireState(s))));
        update.platformAttributes().forEach((k, v) -> form.add(Map.entry(k, v)));
        if (update.price().isPresent()) {
            repriceInventory(listingId, update.price().get());
        }
        if (!form.isEmpty()) {
            patchListing(listingId, form);
        }
        Listing listing = listing(listingId);
        return update.contentHash().map(h -> (Listing) listing.toBuilder().contentHash(h).build()).orElse(listing);
    }

    private static String wireState(ListingState state) {
        switch (state) {
            case ACTIVE: return "active";
            case INACTIVE: return "inactive";
            default:
                throw invalid("Etsy can only set a listing active or inactive, not " + state);
        }
    }

    private JsonNode patchListing(String listingId, List<Map.Entry<String, String>> form) {
        // Setting the same fields twice has the same effect: safe for the transport to resend.
        return transport.execute(ApiRequest.builder(HttpMethod.PATCH, shopPath("/listings/" + listingId))
                .body(FormEncoding.form(form)).idempotent(true).build()).json();
    }

    private JsonNode putInventory(String listingId, String sku, Money price, long qty) {
        ObjectNode offering = JsonNodeFactory.instance.objectNode()
                .put("price", price.amount()).put("quantity", qty).put("is_enabled", true);
        offering.putNull("readiness_state_id");
        ObjectNode product = JsonNodeFactory.instance.objectNode().put("sku", sku);
        product.putArray("property_values");
        product.putArray("offerings").add(offering);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("products").add(product);
        return transport.execute(ApiRequest.builder(HttpMethod.PUT, "/listings/" + listingId + "/inventory")
                .jsonBody(body).build()).json();
    }

    /** Rewrites every offering's price, keeping the rest of the inventory as it is. */
    private void repriceInventory(String listingId, Money price) {
        JsonNode current = transport.execute(ApiRequest.get("/listings/" + listingId + "/inventory")).json();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode products = body.putArray("products");
        for (JsonNode p : current.path("products")) {
            if (p.path("is_deleted").asBoolean(false)) {
                continue;
            }
            ObjectNode product = products.addObject();
            if (p.path("sku").isTextual()) {
                product.put("sku", p.path("sku").asText());
            }
            ArrayNode values = product.putArray("property_values");
            for (JsonNode v : p.path("property_values")) {
                ObjectNode value = values.addObject();
                value.set("property_id", v.path("property_id"));
                value.set("value_ids", v.path("value_ids"));
                value.set("values", v.path("values"));
                if (v.has("scale_id")) {
                    value.set("scale_id", v.path("scale_id"));
                }
                if (v.has("property_name")) {
                    value.set("property_name", v.path("property_name"));
                }
            }
            ArrayNode offerings = product.putArray("offerings");
            for (JsonNode o : p.path("offerings")) {
                if (o.path("is_deleted").asBoolean(false)) {
                    continue;
                }
                ObjectNode offering = offerings.addObject().put("price", price.amount())
                        .put("quantity", o.path("quantity").asLong(quantity))
                        .put("is_enabled", o.path("is_enabled").asBoolean(true));
                offering.set("readiness_state_id", o.path("readiness_state_id").isIntegralNumber()
                        ? o.path("readiness_state_id") : JsonNodeFactory.instance.nullNode());
            }
        }
        if (products.isEmpty()) {
            throw invalid("Etsy listing " + listingId + " has no inventory product to price");
        }
        for (String field : List.of("price_on_property", "quantity_on_property", "sku_on_property")) {
            if (current.path(field).isArray()) {
                body.set(field, current.path(field));
            }
        }
        transport.execute(ApiRequest.builder(HttpMethod.PUT, "/listings/" + listingId + "/inventory")
                .jsonBody(body).build());
    }

    // ------------------------------------------------------------------ SKU lookup

    private Optional<Listing> findBySku(String sku, boolean fresh) {
        if (fresh) {
            skuIndex.rebuild(scanShop());
        } else {
            refreshIndexIfStale();
        }
        Optional<String> id = skuIndex.listingId(sku);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        try {
            Listing listing = listing(id.get());
            if (listing.sku().filter(sku::equals).isPresent()) {
                return Optional.of(listing);
            }
        } catch (NotFoundException gone) {
            LOG.debug("Etsy listing {} for SKU {} is gone", id.get(), sku);
        }
        skuIndex.forget(sku, id.get());
        skuIndex.rebuild(scanShop());
        return skuIndex.listingId(sku).map(this::listing);
    }

    /**
     * Rescans the shop when the index is older than its TTL, one scan at a time: callers that found it
     * stale while another scan ran use that scan's result instead of scanning again (with several
     * workers creating listings, each used to pay for its own full scan of the shop).
     */
    private void refreshIndexIfStale() {
        if (!skuIndex.staleAfter(skuIndexTtl, clock.instant())) {
            return;
        }
        indexRefresh.lock();
        try {
            if (skuIndex.staleAfter(skuIndexTtl, clock.instant())) {
                skuIndex.rebuild(scanShop());
            }
        } finally {
            indexRefresh.unlock();
        }
    }

    private List<JsonNode> scanShop() {
        List<JsonNode> all = new ArrayList<>();
        for (String state : ALL_STATES) {
            listingNodes(state).forEach(all::add);
        }
        return all;
    }

    /** SKU to listing id, and SKU-less drafts by title, from the last full scan plus our own creations. */
    private final class SkuIndex {
        private final Map<String, String> bySku = new ConcurrentHashMap<>();
        private final Map<String, String> orphanDraftsByTitle = new ConcurrentHashMap<>();
        /** The SKU-less drafts of the last scan, by listing id. */
        private final Map<String, Listing> orphanDrafts = new ConcurrentHashMap<>();
        private volatile Instant builtAt;

        /**
         * Merges a scan in. SKUs are not cleared first: a listing another thread created while the scan
         * ran must stay known; stale entries are caught when the listing is fetched to confirm the SKU.
         */
        synchronized void rebuild(List<JsonNode> nodes) {
            orphanDraftsByTitle.clear();
            orphanDrafts.clear();
            for (JsonNode n : nodes) {
                String id = n.path("listing_id").asText();
                Optional<String> sku = listings.sku(n);
                if (sku.isPresent()) {
                    bySku.put(sku.get(), id);
                } else if ("draft".equals(n.path("state").asText())) {
                    orphanDraftsByTitle.putIfAbsent(n.path("title").asText(""), id);
                    orphanFrom(n).ifPresent(l -> orphanDrafts.put(id, l));
                }
            }
            builtAt = clock.instant();
        }

        boolean staleAfter(Duration ttl, Instant now) {
            Instant at = builtAt;
            return at == null || !now.isBefore(at.plus(ttl));
        }

        Optional<String> listingId(String sku) {
            return Optional.ofNullable(bySku.get(sku));
        }

        Optional<String> orphanDraft(String title) {
            return Optional.ofNullable(orphanDraftsByTitle.get(title));
        }

        /**
         * Takes a SKU-less draft holding exactly what creating {@code draft} sends (title, description,
         * tags, price), so that two SKUs with the same content cannot both adopt it.
         */
        synchronized Optional<String> claimOrphanOf(ListingDraft draft) {
            String description = draft.description().isBlank() ? draft.title() : draft.description();
            Optional<String> id = orphanDrafts.values().stream()
                    .filter(l -> l.title().equals(draft.title()) && l.description().equals(description)
                            && l.tags().equals(draft.tags()) && l.price().equals(draft.price()))
                    .map(Listing::externalId).sorted().findFirst();
            id.ifPresent(orphanDrafts::remove);
            return id;
        }

        private Optional<Listing> orphanFrom(JsonNode n) {
            try {
                return Optional.of(listings.toListing(n));
            } catch (PatternHubException malformed) {
                return Optional.empty(); // not something our create would have left
            }
        }

        void forget(String sku, String listingId) {
            bySku.remove(sku, listingId);
        }

        void put(String sku, String listingId) {
            bySku.put(sku, listingId);
            orphanDraftsByTitle.values().remove(listingId);
            orphanDrafts.remove(listingId);
        }
    }

    // ------------------------------------------------------------------ files

    @Override
    public List<ListingFile> files(String listingId) {
        JsonNode page = transport.execute(ApiRequest.get(filesPath(listingId))).json();
        return list(page.path("results")).stream().map(listings::toFile).collect(Collectors.toList());
    }

    /**
     * Uploads a file (streamed multipart: {@code file}, {@code name}, {@code rank}). If the listing
     * already has a file of the same name and size (an earlier, interrupted attempt) that file is
     * returned instead of uploading a second copy.
     *
     * @throws io.patternhub.core.error.CapabilityNotSupportedException if the file is too large or the
     *         listing has no room left under {@link EtsyFileLimits}
     */
    @Override
    public ListingFile attachFile(String listingId, PatternFile file) {
        Objects.requireNonNull(file, "file");
        List<ListingFile> current = files(listingId);
        Optional<ListingFile> already = sameFile(current, file, null);
        if (already.isPresent()) {
            return already.get();
        }
        capabilities.requireFileAccepted(file.sizeBytes(), current.size());
        return upload(listingId, file, current.size() + 1, null);
    }

    /**
     * Replaces a file: uploads the new one, then deletes the old one. Safe to call again after an
     * interruption: a new file already uploaded (same name and size) is not uploaded again, and an old
     * file already deleted is not an error, so the listing ends with exactly one current copy.
     */
    @Override
    public ListingFile replaceFile(String listingId, String oldFileId, PatternFile file) {
        Objects.requireNonNull(file, "file");
        numericId(oldFileId, "file id");
        List<ListingFile> current = files(listingId);
        boolean oldPresent = current.stream().anyMatch(f -> f.externalId().equals(oldFileId));
        Optional<ListingFile> uploaded = sameFile(current, file, oldFileId);
        if (!oldPresent && uploaded.isEmpty()) {
            throw new NotFoundException("Etsy listing " + listingId + " has no file " + oldFileId
                    + " to replace, and no copy of '" + file.name() + "'; use attachFile", context().build());
        }
        ListingFile added;
        if (uploaded.isPresent()) {
            added = uploaded.get();
        } else {
            // The listing needs room for both copies for a moment: Etsy has no replace operation.
            capabilities.requireFileAccepted(file.sizeBytes(), current.size());
            int rank = current.stream().filter(f -> f.externalId().equals(oldFileId))
                    .mapToInt(f -> f.raw().path("rank").asInt(current.size() + 1)).findFirst().orElse(current.size() + 1);
            added = upload(listingId, file, rank, oldFileId);
        }
        if (oldPresent) {
            removeFile(listingId, oldFileId);
        }
        return added;
    }

    private ListingFile upload(String listingId, PatternFile file, int rank, String excludeId) {
        RequestContent content = RequestContent.stream(file.mediaType(), file.sizeBytes(), () -> open(file));
        ApiRequest request = ApiRequest.builder(HttpMethod.POST, filesPath(listingId))
                .body(RequestContent.multipart()
                        .file("file", file.name(), content)
                        .field("name", file.name())
                        .field("rank", String.valueOf(Math.max(1, rank)))
                        .build())
                .build();
        PatternHubException last = null;
        for (int attempt = 1; attempt <= writeAttempts; attempt++) {
            try {
                return listings.toFile(transport.execute(request).json());
            } catch (RateLimitException e) {
                if (e.httpStatus().isEmpty()) {
                    throw e;
                }
                last = e;
            } catch (PatternHubException e) {
                if (!uncertain(e)) {
                    throw e;
                }
                last = e;
                Optional<ListingFile> landed = sameFile(files(listingId), file, excludeId);
                if (landed.isPresent()) {
                    return landed.get();
                }
                pause(attempt);
            }
        }
        throw last;
    }

    private static Optional<ListingFile> sameFile(List<ListingFile> files, PatternFile file, String excludeId) {
        return files.stream()
                .filter(f -> !f.externalId().equals(excludeId))
                .filter(f -> f.name().equals(file.name()))
                .filter(f -> f.sizeBytes().isEmpty() || f.sizeBytes().getAsLong() == file.sizeBytes())
                .findFirst();
    }

    private static InputStream open(PatternFile file) {
        try {
            return file.openContent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + file.name() + "' for upload", e);
        }
    }

    /**
     * Deletes a file. A 404 on a resent attempt (the first one deleted it) counts as done.
     *
     * @throws NotFoundException if the file did not exist in the first place
     */
    @Override
    public void removeFile(String listingId, String fileId) {
        String path = filesPath(listingId) + "/" + numericId(fileId, "file id");
        try {
            transport.execute(ApiRequest.builder(HttpMethod.DELETE, path).build());
        } catch (NotFoundException e) {
            if (e.attempts() <= 1) {
                throw e;
            }
        }
    }

    // ------------------------------------------------------------------ orders

    /**
     * Receipts as orders, page by page. {@code updatedSince} (less the rescan window) becomes
     * {@code min_last_modified}, {@code createdSince} {@code min_created}, {@code until} the matching
     * maximum. Fees need one more call per order, so they are fetched here only when the builder's
     * {@link Builder#feesWithOrderStream} is on; {@link #order} always includes them.
     */
    @Override
    public Stream<Order> orders(OrderQuery query) {
        Objects.requireNonNull(query, "query");
        int size = Math.min(MAX_PAGE_SIZE, query.pageSize().orElse(pageSize));
        return receiptNodes(query, size).stream()
                .map(r -> receipts.toOrder(r, feesWithOrderStream ? payments(r.path("receipt_id").asText()) : List.of()))
                .filter(o -> query.wants(o.status()));
    }

    private io.patternhub.core.paging.PagedIterable<JsonNode> receiptNodes(OrderQuery query, int pageSize) {
        Optional<Instant> modifiedFrom = query.effectiveUpdatedSince();
        return Paging.offsetLimit(pageSize, (offset, limit) -> {
            ApiRequest.Builder req = ApiRequest.builder(HttpMethod.GET, shopPath("/receipts"))
                    .query("limit", limit).query("offset", offset);
            modifiedFrom.ifPresent(t -> req.query("min_last_modified", t.getEpochSecond()));
            query.createdSince().ifPresent(t -> req.query("min_created", t.getEpochSecond()));
            query.until().ifPresent(t -> req.query(modifiedFrom.isPresent() ? "max_last_modified" : "max_created",
                    ceilSeconds(t)));
            JsonNode page = transport.execute(req.build()).json();
            return OffsetPage.of(list(page.path("results")), page.path("count").asLong());
        });
    }

    /** One receipt as an order, with its transactions, refunds and fees. */
    @Override
    public Order order(String externalId) {
        String receiptId = numericId(externalId, "receipt id");
        JsonNode receipt = transport.execute(ApiRequest.get(shopPath("/receipts/" + receiptId))).json();
        if (!receipt.has("transactions")) {
            JsonNode txs = transport.execute(ApiRequest.get(shopPath("/receipts/" + receiptId + "/transactions"))).json();
            ((ObjectNode) receipt).set("transactions", txs.path("results"));
        }
        return receipts.toOrder(receipt, payments(receiptId));
    }

    private List<JsonNode> payments(String receiptId) {
        JsonNode page = transport.execute(ApiRequest.get(shopPath("/receipts/" + receiptId + "/payments"))).json();
        return list(page.path("results"));
    }

    /**
     * Payouts from the payment-account ledger: each disbursement closes a payout of the entries before
     * it. Etsy requires a start: {@link PayoutQuery#since()} must be set.
     */
    @Override
    public Stream<Payout> payouts(PayoutQuery query) {
        Objects.requireNonNull(query, "query");
        Instant since = query.since().orElseThrow(() -> invalid("Etsy's ledger needs a start time: set"
                + " PayoutQuery.since"));
        Instant until = query.until().orElseGet(clock::instant);
        List<JsonNode> entries = new ArrayList<>();
        Paging.offsetLimit(pageSize, (offset, limit) -> {
            JsonNode page = transport.execute(ApiRequest.builder(HttpMethod.GET,
                    shopPath("/payment-account/ledger-entries"))
                    .query("min_created", since.getEpochSecond()).query("max_created", ceilSeconds(until))
                    .query("limit", limit).query("offset", offset).build()).json();
            return OffsetPage.of(list(page.path("results")), page.path("count").asLong());
        }).forEach(entries::add);
        return ledger.toPayouts(entries, this::receiptsOfLedgerEntries).stream()
                .filter(p -> query.statuses().isEmpty() || query.statuses().contains(p.status()));
    }

    private List<String> receiptsOfLedgerEntries(List<String> entryIds) {
        List<String> receiptIds = new ArrayList<>();
        for (int from = 0; from < entryIds.size(); from += MAX_PAGE_SIZE) {
            String ids = String.join(",", entryIds.subList(from, Math.min(entryIds.size(), from + MAX_PAGE_SIZE)));
            JsonNode page = transport.execute(ApiRequest.builder(HttpMethod.GET,
                    shopPath("/payment-account/ledger-entries/payments")).query("ledger_entry_ids", ids).build()).json();
            page.path("results").forEach(p -> receiptIds.add(p.path("receipt_id").asText()));
        }
        return receiptIds;
    }

    // ------------------------------------------------------------------ webhooks

    /**
     * Verifies an Etsy webhook ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature})
     * with the core Standard Webhooks verifier and resolves an {@code order.paid} delivery to the full
     * receipt. The event id is derived from the receipt and its state, so redeliveries and polling of the
     * same state share it. Deliveries for other shops or other event types yield no events.
     *
     * @throws io.patternhub.core.error.WebhookVerificationException if the signature or timestamp is bad: answer 401
     * @throws ConfigurationException if no webhook secret was configured
     */
    @Override
    public List<StorefrontEvent> parseWebhook(WebhookRequest request) {
        Objects.requireNonNull(request, "request");
        if (webhookVerifier == null) {
            throw new ConfigurationException("No Etsy webhook secret is configured: set"
                    + " EtsyStorefront.Builder.webhookSecret to verify deliveries", context().build());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((k, v) -> {
            if (!v.isEmpty()) {
                headers.put(k, v.get(0));
            }
        });
        webhookVerifier.verify(WebhookHeaders.of(headers), request.body());
        JsonNode payload;
        try {
            payload = transport.objectMapper().readTree(request.body());
        } catch (IOException e) {
            throw new InvalidRequestException("The Etsy webhook body is not JSON: " + e.getMessage(),
                    context().build(), e);
        }
        String type = payload.path("event_type").asText("");
        if (!"order.paid".equals(type)) {
            LOG.debug("Ignoring Etsy webhook of type '{}'", type);
            return List.of();
        }
        if (payload.path("shop_id").asLong() != shopId) {
            LOG.warn("Etsy webhook for shop {} delivered to the storefront of shop {}; ignored",
                    payload.path("shop_id").asText(), shopId);
            return List.of();
        }
        Matcher m = RECEIPT_URL.matcher(payload.path("resource_url").asText(""));
        if (!m.find()) {
            throw new InvalidRequestException("The Etsy order.paid webhook has no receipt in resource_url: "
                    + payload.path("resource_url").asText(""), context().build());
        }
        Order order = order(m.group(1));
        Instant at = request.header("webhook-timestamp").map(Long::parseLong).map(Instant::ofEpochSecond)
                .orElse(request.receivedAt());
        OrderEvent event = EtsyOrderEvents.eventFor(order, at).toBuilder().raw(payload).build();
        return List.of(event);
    }

    // ------------------------------------------------------------------ helpers

    /** Releases the transport's connections. */
    @Override
    public void close() {
        transport.close();
    }

    /** Whether a failed write may nevertheless have been carried out by Etsy. */
    private static boolean uncertain(PatternHubException e) {
        if (e instanceof ConnectionException) {
            return true;
        }
        return e.httpStatus().orElse(0) >= 500;
    }

    private void pause(int attempt) {
        long ms = writeBackoff.backoff(attempt + 1).toMillis();
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while waiting to retry an Etsy write", context().build(), e);
        }
    }

    private void requireShopCurrency(Money price) {
        if (shopCurrency != null && !shopCurrency.equals(price.currency())) {
            throw invalid("this Etsy shop prices in " + shopCurrency.getCurrencyCode() + " but the price is "
                    + price + "; convert it first");
        }
    }

    private String shopPath(String rest) {
        return "/shops/" + shopId + rest;
    }

    private String filesPath(String listingId) {
        return shopPath("/listings/" + numericId(listingId, "listing id") + "/files");
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>(array.size());
        array.forEach(out::add);
        return out;
    }

    private static String numericId(String id, String what) {
        if (id == null || !id.matches("[1-9][0-9]{0,18}")) {
            throw invalid("an Etsy " + what + " is a positive number, was '" + id + "'");
        }
        return id;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw invalid(what + " must not be blank");
        }
    }

    private static ErrorContext.Builder context() {
        return ErrorContext.builder().platform(Platform.ETSY);
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, context().build());
    }

    /** Etsy filters by whole seconds: round an upper bound up so nothing in its last second is cut off. */
    private static long ceilSeconds(Instant t) {
        return t.getNano() == 0 ? t.getEpochSecond() : t.getEpochSecond() + 1;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Configures an {@link EtsyStorefront}. Not thread-safe; the storefront it builds is. */
    public static final class Builder extends TransportClientBuilder<Builder> {
        private long shopId;
        private AuthScheme apiKey;
        private AuthScheme bearer;
        private String baseUrl = DEFAULT_BASE_URL;
        private Long taxonomyId;
        private String whoMade = "i_did";
        private String whenMade = "made_to_order";
        private long quantity = 999;
        private Currency shopCurrency;
        private EtsyFileLimits fileLimits = EtsyFileLimits.assumedDefaults();
        private WebhookVerifier webhookVerifier;
        private String webhookSecret;
        private boolean feesWithOrderStream;
        private int writeAttempts = 5;
        private Duration skuIndexTtl = Duration.ofMinutes(1);
        private int pageSize = MAX_PAGE_SIZE;
        private Clock clock = Clock.systemUTC();

        private Builder() {
            super(RetrySettings.defaults(), RateLimitSettings.perSecond(10).withDailyQuota(10_000), 0);
        }

        /** The storefront's transport: its own settings plus what this builder was given. */
        private HttpTransport buildTransport(HttpTransport.Builder storefrontSettings) {
            return newTransport(storefrontSettings);
        }

        /** Etsy writes are retried by the storefront itself (with a lookup first), paced like the transport's retries. */
        private RetrySettings writeBackoff() {
            return retrySettings();
        }

        /**
         * The shop (required).
         *
         * @param shopId Etsy's numeric shop id
         * @return this builder
         */
        public Builder shopId(long shopId) {
            if (shopId < 1) {
                throw config("shopId must be a positive Etsy shop id, was " + shopId);
            }
            this.shopId = shopId;
            return this;
        }

        /**
         * The app's API key as Etsy's {@code x-api-key} wants it (required).
         *
         * @param keystringColonSharedSecret {@code keystring:shared_secret}
         * @return this builder
         */
        public Builder apiKey(String keystringColonSharedSecret) {
            String v = keystringColonSharedSecret == null ? "" : keystringColonSharedSecret;
            int colon = v.indexOf(':');
            if (colon <= 0 || colon == v.length() - 1) {
                throw config("the Etsy API key must be 'keystring:shared_secret' (both from the app's page)");
            }
            this.apiKey = ApiKeyAuth.etsy(v.substring(0, colon), v.substring(colon + 1));
            return this;
        }

        /**
         * The OAuth bearer scheme (required): {@link EtsyOAuth#authScheme} for refreshing tokens.
         *
         * @param bearer the scheme adding {@code Authorization: Bearer}
         * @return this builder
         */
        public Builder auth(AuthScheme bearer) {
            this.bearer = Objects.requireNonNull(bearer, "bearer");
            return this;
        }

        /**
         * A fixed access token instead of {@link #auth}: it is not refreshed (it lasts one hour).
         *
         * @param accessToken the token
         * @return this builder
         */
        public Builder accessToken(String accessToken) {
            if (accessToken == null || accessToken.isBlank()) {
                throw config("the Etsy access token is empty");
            }
            this.bearer = ApiKeyAuth.header("Authorization", "Bearer " + accessToken);
            return this;
        }

        /**
         * The API host, default {@value EtsyStorefront#DEFAULT_BASE_URL}; a sandbox URL in tests.
         *
         * @param baseUrl scheme and host, without {@code /v3/application}
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /**
         * The seller taxonomy node new listings go in (needed to create listings).
         *
         * @param taxonomyId the node id
         * @return this builder
         */
        public Builder taxonomyId(long taxonomyId) {
            if (taxonomyId < 1) {
                throw config("taxonomyId must be positive, was " + taxonomyId);
            }
            this.taxonomyId = taxonomyId;
            return this;
        }

        /**
         * {@code who_made} for new listings; default {@code i_did}.
         *
         * @param whoMade {@code i_did}, {@code someone_else} or {@code collective}
         * @return this builder
         */
        public Builder whoMade(String whoMade) {
            if (!List.of("i_did", "someone_else", "collective").contains(whoMade)) {
                throw config("who_made must be i_did, someone_else or collective, was '" + whoMade + "'");
            }
            this.whoMade = whoMade;
            return this;
        }

        /**
         * {@code when_made} for new listings; default {@code made_to_order}.
         *
         * @param whenMade one of Etsy's {@code when_made} values, e.g. {@code 2020_2026}
         * @return this builder
         */
        public Builder whenMade(String whenMade) {
            if (whenMade == null || !whenMade.matches("[a-z0-9_]+")) {
                throw config("when_made must be one of Etsy's values such as made_to_order, was '" + whenMade + "'");
            }
            this.whenMade = whenMade;
            return this;
        }

        /**
         * The quantity new digital listings are offered in; default 999.
         *
         * @param quantity at least 1
         * @return this builder
         */
        public Builder quantity(long quantity) {
            if (quantity < 1) {
                throw config("quantity must be at least 1, was " + quantity);
            }
            this.quantity = quantity;
            return this;
        }

        /**
         * The shop's currency: prices in another currency are refused before calling Etsy.
         *
         * @param currencyCode ISO 4217 code
         * @return this builder
         */
        public Builder shopCurrency(String currencyCode) {
            this.shopCurrency = Money.currency(currencyCode);
            return this;
        }

        /**
         * The per-listing file limits; default {@link EtsyFileLimits#assumedDefaults()}.
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder fileLimits(EtsyFileLimits limits) {
            this.fileLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * How many times a non-idempotent write (create listing, upload file) is attempted when its
         * outcome is unknown or Etsy answered 429; default 5.
         *
         * @param attempts at least 1
         * @return this builder
         */
        public Builder writeAttempts(int attempts) {
            if (attempts < 1) {
                throw config("writeAttempts must be at least 1, was " + attempts);
            }
            this.writeAttempts = attempts;
            return this;
        }

        /**
         * How long a full scan of the shop's SKUs is trusted before {@link #createListing} scans again;
         * default one minute. Listings this storefront creates are added to it at once. Zero scans
         * before every creation.
         *
         * @param ttl the time
         * @return this builder
         */
        public Builder skuIndexTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative()) {
                throw config("skuIndexTtl must be zero or positive");
            }
            this.skuIndexTtl = ttl;
            return this;
        }

        /**
         * The page size for listing, receipt and ledger lists; default and maximum {@value EtsyStorefront#MAX_PAGE_SIZE}.
         *
         * @param size 1 to 100
         * @return this builder
         */
        public Builder pageSize(int size) {
            if (size < 1 || size > MAX_PAGE_SIZE) {
                throw config("pageSize must be 1 to " + MAX_PAGE_SIZE + " (Etsy's limit), was " + size);
            }
            this.pageSize = size;
            return this;
        }

        /**
         * The webhook signing secret ({@code whsec_...}) from the app's webhook settings.
         *
         * @param secret the secret
         * @return this builder
         */
        public Builder webhookSecret(String secret) {
            WebhookVerifier.etsy(secret); // rejects a malformed secret now, not at the first delivery
            this.webhookSecret = secret;
            return this;
        }

        /**
         * A webhook verifier, e.g. {@code WebhookVerifier.etsy(secret, clock)} with a test clock.
         *
         * @param verifier the verifier
         * @return this builder
         */
        public Builder webhookVerifier(WebhookVerifier verifier) {
            this.webhookVerifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /**
         * Whether {@link EtsyStorefront#orders} fetches each receipt's payments for its fees (one more
         * call per order); default off.
         *
         * @param on whether to
         * @return this builder
         */
        public Builder feesWithOrderStream(boolean on) {
            this.feesWithOrderStream = on;
            return this;
        }

        /**
         * The clock for cache ages, {@code Retry-After} dates and (unless a verifier is given) webhook timestamps.
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
         * @throws ConfigurationException if the shop id, API key or auth is missing
         */
        public EtsyStorefront build() {
            if (shopId == 0) {
                throw config("set the Etsy shopId");
            }
            if (apiKey == null) {
                throw config("set the Etsy apiKey ('keystring:shared_secret')");
            }
            if (bearer == null) {
                throw config("set Etsy auth (EtsyOAuth.authScheme(...)) or an accessToken");
            }
            return new EtsyStorefront(this);
        }

        private static ConfigurationException config(String message) {
            return new ConfigurationException(message, ErrorContext.builder().platform(Platform.ETSY).build());
        }
    }
}
