package io.patternhub.ravelry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.Platform;
import io.patternhub.core.auth.ApiKeyAuth;
import io.patternhub.core.auth.AuthScheme;
import io.patternhub.core.auth.BasicAuth;
import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ConnectionException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.InvalidRequestException;
import io.patternhub.core.error.NotFoundException;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.RateLimitException;
import io.patternhub.core.http.ApiRequest;
import io.patternhub.core.http.HttpMethod;
import io.patternhub.core.http.HttpTransport;
import io.patternhub.core.http.RateLimitSettings;
import io.patternhub.core.http.RequestContent;
import io.patternhub.core.http.RetrySettings;
import io.patternhub.core.http.TransportClientBuilder;
import io.patternhub.core.model.Listing;
import io.patternhub.core.model.ListingFile;
import io.patternhub.core.model.ListingState;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.PatternFile;
import io.patternhub.core.paging.NumberedPage;
import io.patternhub.core.paging.PagedIterable;
import io.patternhub.core.paging.Paging;
import io.patternhub.core.storefront.Capabilities;
import io.patternhub.core.storefront.Capability;
import io.patternhub.core.storefront.EmailAvailability;
import io.patternhub.core.storefront.FileHosting;
import io.patternhub.core.storefront.ListingDraft;
import io.patternhub.core.storefront.ListingUpdate;
import io.patternhub.core.storefront.OrderQuery;
import io.patternhub.core.storefront.Storefront;
import io.patternhub.core.storefront.WriteAccess;
import io.patternhub.ravelry.internal.EtagCache;
import io.patternhub.ravelry.internal.InvoiceNormalizer;
import io.patternhub.ravelry.internal.ProductNormalizer;
import io.patternhub.ravelry.internal.RavelryJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Ravelry pattern store through the {@link Storefront} interface. Thread-safe; build with
 * {@link #builder()} and {@link #close()} when done.
 *
 * <p>Credentials: an OAuth 2.0 bearer ({@link RavelryOAuth}) or the seller's personal key over Basic auth
 * ({@link Builder#personalKey}). Only the personal key can read sales: Ravelry gives
 * {@code patternstore-purchases} to no OAuth app. Product and attachment writes need
 * {@code patternstore-write}, which Ravelry grants only to whitelisted apps; a refusal is a
 * {@link RavelryPermissionException} that says so.
 *
 * <p>Every GET goes through an ETag cache: the page last seen is revalidated with {@code If-None-Match},
 * and a 304 is answered from the cache instead of downloading the page again
 * ({@link #notModifiedCount()}). Lists follow Ravelry's {@code paginator} page by page.
 *
 * <p>Writes Ravelry cannot make idempotent are made so here:
 * <ul>
 *   <li>{@link #createListing} looks the SKU up among the store's products first and never creates a
 *       second product for it; a stub created by an attempt that failed before its SKU was set is
 *       finished by the next attempt in this process.</li>
 *   <li>{@link #attachFile} and {@link #replaceFile} recognise an attachment an interrupted attempt
 *       already uploaded (same file name and size), so a product never ends with two copies or none.</li>
 * </ul>
 */
public final class RavelryStorefront implements Storefront, AutoCloseable {
    /** Ravelry's API host. */
    public static final String DEFAULT_BASE_URL = "https://api.ravelry.com";
    /** The largest {@code purchases.json} page Ravelry accepts. */
    public static final int MAX_PURCHASES_PAGE_SIZE = 250;
    /** The largest page asked for elsewhere: Ravelry counts a time-out at or under 100 as its bug. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** The product fields {@code products/create} takes a source from; exactly one is needed. */
    public static final List<String> SOURCE_ATTRIBUTES = List.of("pattern_id", "pattern_source_id", "draft_pattern_id");
    /** The Product#POST fields passed through from {@link ListingUpdate#platformAttributes()}. */
    private static final Set<String> PRODUCT_POST_FIELDS = Set.of("free", "reporting_tag", "wholesale", "sku");
    private static final Logger LOG = LoggerFactory.getLogger(RavelryStorefront.class);

    private final long storeId;
    private final HttpTransport transport;
    private final OkHttpClient ownedClient;
    private final EtagCache etags;
    private final Currency storeCurrency;
    private final int pageSize;
    private final int purchasesPageSize;
    private final String creator;
    private final AttachmentWait attachmentWait;
    private final int writeAttempts;
    private final RetrySettings writeBackoff;
    private final Sleeper sleeper;
    private final ProductNormalizer products;
    private final InvoiceNormalizer invoices = new InvoiceNormalizer();
    private final Map<String, ReentrantLock> skuLocks = new ConcurrentHashMap<>();
    /** Product stubs created for a SKU whose SKU could not be set yet; finished by the next attempt. */
    private final Map<String, String> unfinishedStubs = new ConcurrentHashMap<>();

    private RavelryStorefront(Builder b) {
        this.storeId = b.storeId;
        this.storeCurrency = b.storeCurrency;
        this.pageSize = b.pageSize;
        this.purchasesPageSize = b.purchasesPageSize;
        this.creator = b.creator;
        this.attachmentWait = b.attachmentWait;
        this.writeAttempts = b.writeAttempts;
        this.writeBackoff = b.writeBackoff();
        this.sleeper = b.sleeper;
        this.products = new ProductNormalizer(storeCurrency);
        this.etags = new EtagCache(b.etagCacheSize);
        Optional<OkHttpClient> shared = b.okHttpClientGiven();
        OkHttpClient client = shared.orElseGet(OkHttpClient::new).newBuilder().addInterceptor(etags).build();
        this.ownedClient = shared.isEmpty() ? client : null;
        HttpTransport.Builder t = HttpTransport.builder()
                .platform(Platform.RAVELRY)
                .baseUrl(stripSlash(b.baseUrl))
                .auth(b.auth)
                .errorMapper(new RavelryErrorMapper())
                .clock(b.clock)
                .userAgent("patternhub-java ravelry");
        this.transport = b.buildTransport(t, client);
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What Ravelry offers: no webhooks (polling {@code purchases.json} only), PDF files hosted and
     * delivered by Ravelry, no fees or taxes in its sale data, buyer email as reported by PayPal,
     * product writes for whitelisted apps only, no payouts.
     *
     * @return the capabilities
     */
    public static Capabilities capabilities(Currency currency) {
        return Capabilities.builder()
                .platform(Platform.RAVELRY)
                .webhooks(false)
                .polling(true)
                .digitalFiles(true)
                .fileHosting(FileHosting.HOSTED_BY_PLATFORM)
                .reportsFees(false)
                .reportsTaxes(false)
                .buyerEmail(EmailAvailability.ALWAYS)
                .writeAccess(WriteAccess.APPROVED_APPS_ONLY)
                .payouts(false)
                .putNote(Capability.WEBHOOKS, "Ravelry has no webhooks; poll purchases.json from a min_paid_date"
                        + " cursor (RavelryOrderEvents)")
                .putNote(Capability.FEES, "Ravelry's sale invoices carry no fee fields; PayPal fees are on the"
                        + " seller's PayPal statement, not in Ravelry's API")
                .putNote(Capability.TAXES, "Ravelry's sale invoices carry no tax fields (only the buyer's tax"
                        + " country); any VAT Ravelry collects is not reported through the API")
                .putNote(Capability.PAYOUTS, "Ravelry pays sellers through PayPal and reports no payouts in its API")
                .putNote(Capability.WRITE_LISTINGS, "patternstore-write (products and PDF attachments) is granted"
                        + " only to apps Ravelry whitelisted, or with the seller's own personal key")
                .putNote(Capability.BUYER_EMAIL, "bill_to_email is the PayPal payer's email, and sales can be"
                        + " read only with the seller's personal key (patternstore-purchases)")
                .putNote(Capability.DIGITAL_FILES, "PDF only; Ravelry documents no size or count limit (413 if too"
                        + " large)")
                .build();
    }

    @Override
    public Platform platform() {
        return Platform.RAVELRY;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities(storeCurrency);
    }

    /** The store this storefront works on. */
    public long storeId() {
        return storeId;
    }

    /** The transport, for its rate-limit status. */
    public HttpTransport transport() {
        return transport;
    }

    /** How many GETs were answered 304 Not Modified and served from the ETag cache. */
    public long notModifiedCount() {
        return etags.notModifiedCount();
    }

    // ------------------------------------------------------------------ stores

    /**
     * The pattern stores the connected account administers ({@code stores/list.json};
     * {@code patternstore-read}).
     *
     * @return the stores
     */
    public List<PatternStore> stores() {
        JsonNode body = transport.execute(ApiRequest.get("/stores/list.json")).json();
        List<PatternStore> out = new ArrayList<>();
        for (JsonNode s : body.path("stores")) {
            out.add(new PatternStore(s.path("id").asLong(), s.path("name").asText(""),
                    s.path("permalink").asText(""), s.path("products_count").asLong(0), s));
        }
        return out;
    }

    // ------------------------------------------------------------------ listings

    /** Every product of the store, page by page (without attachments: see {@link #listing}). */
    @Override
    public Stream<Listing> listings() {
        return productNodes().stream().map(products::toListing);
    }

    private PagedIterable<JsonNode> productNodes() {
        return Paging.pageNumber(1, page -> {
            JsonNode body = transport.execute(ApiRequest.builder(HttpMethod.GET, storePath("/products.json"))
                    .query("page", page).query("page_size", pageSize).build()).json();
            return numbered(body.path("products"), body.path("paginator"));
        });
    }

    /**
     * One product, with its attachments.
     *
     * @param productId the product id
     * @return the listing
     * @throws NotFoundException if there is none
     */
    public Listing listing(String productId) {
        JsonNode body = transport.execute(ApiRequest.get("/products/" + numericId(productId, "product id")
                + ".json")).json();
        return products.toListing(body.path("product"));
    }

    @Override
    public Optional<Listing> listingBySku(String sku) {
        requireText(sku, "sku");
        return findBySku(sku);
    }

    private Optional<Listing> findBySku(String sku) {
        return productNodes().stream().filter(p -> ProductNormalizer.sku(p).filter(sku::equals).isPresent())
                .findFirst().map(products::toListing);
    }

    /**
     * Creates a product idempotently by SKU: if a product of the store carries the SKU it is returned
     * unchanged. Otherwise {@code products/create} makes a stub from the draft's platform attribute
     * {@code pattern_id}, {@code pattern_source_id} or {@code draft_pattern_id} (exactly one), and the stub
     * is given the draft's title, price, currency and SKU. The product stays inactive: Ravelry activates a
     * product only once it has attachments ({@link #attachFile}, then {@link #activate}).
     *
     * @throws InvalidRequestException if no (or more than one) pattern source is given, the draft asks to
     *         start ACTIVE, or the price is in another currency than the store's
     * @throws RavelryPermissionException if the app lacks {@code patternstore-write}
     */
    @Override
    public Listing createListing(ListingDraft draft) {
        Objects.requireNonNull(draft, "draft");
        requireStoreCurrency(draft.price());
        if (draft.initialState() == ListingState.ACTIVE) {
            throw invalid("Ravelry activates a product only once it has a PDF attachment: create it, attachFile,"
                    + " then activate");
        }
        Map.Entry<String, String> source = patternSource(draft.platformAttributes());
        ReentrantLock lock = skuLocks.computeIfAbsent(draft.sku(), k -> new ReentrantLock());
        lock.lock();
        try {
            Optional<Listing> existing = findBySku(draft.sku());
            if (existing.isPresent()) {
                unfinishedStubs.remove(draft.sku());
                LOG.debug("Ravelry product {} already carries SKU {}; not creating another",
                        existing.get().externalId(), draft.sku());
                return existing.get();
            }
            String productId = unfinishedStubs.get(draft.sku());
            if (productId == null) {
                productId = createStub(source);
                unfinishedStubs.put(draft.sku(), productId);
            }
            ObjectNode data = JsonNodeFactory.instance.objectNode()
                    .put("title", draft.title())
                    .put("sku", draft.sku())
                    .put("active", false);
            putPrice(data, draft.price());
            Listing created = postProduct(productId, data);
            unfinishedStubs.remove(draft.sku());
            return draft.contentHash().map(h -> (Listing) created.toBuilder().contentHash(h).build()).orElse(created);
        } finally {
            lock.unlock();
        }
    }

    private String createStub(Map.Entry<String, String> source) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("store_id", String.valueOf(storeId));
        form.put(source.getKey(), source.getValue());
        ApiRequest request = ApiRequest.builder(HttpMethod.POST, "/products/create.json")
                .body(RequestContent.form(form)).build();
        JsonNode product = withRateLimitRetries(() -> transport.execute(request).json()).path("product");
        return RavelryJson.id(product, "id").orElseThrow(() -> RavelryJson.malformed("products/create without id"));
    }

    private static Map.Entry<String, String> patternSource(Map<String, String> attrs) {
        List<Map.Entry<String, String>> given = SOURCE_ATTRIBUTES.stream().filter(attrs::containsKey)
                .map(k -> Map.entry(k, attrs.get(k))).collect(Collectors.toList());
        if (given.size() != 1) {
            throw invalid("Ravelry creates a product from exactly one of the draft's platform attributes "
                    + SOURCE_ATTRIBUTES + " (the pattern, pattern source or draft pattern it sells); got "
                    + given.size());
        }
        numericId(given.get(0).getValue(), given.get(0).getKey());
        return given.get(0);
    }

    /**
     * Changes title, price (with currency), state ({@code active}) and the Product#POST fields
     * {@code free}, {@code reporting_tag}, {@code wholesale} and {@code sku} given as platform attributes.
     * Ravelry has no field for the hub's content hash: it is set on the returned listing only.
     *
     * @throws InvalidRequestException for a description or tags (a Ravelry product shows its pattern's page,
     *         which this API cannot change), for {@link ListingState#DRAFT}, or for other platform attributes
     */
    @Override
    public Listing updateListing(String externalId, ListingUpdate update) {
        Objects.requireNonNull(update, "update");
        String productId = numericId(externalId, "product id");
        if (update.description().isPresent() || update.tags().isPresent()) {
            throw invalid("Ravelry products have no description or tags of their own: they show the pattern's"
                    + " page. Change those on the pattern in Ravelry");
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        update.title().ifPresent(t -> data.put("title", t));
        update.price().ifPresent(p -> {
            requireStoreCurrency(p);
            putPrice(data, p);
        });
        update.state().ifPresent(s -> data.put("active", wireActive(s)));
        update.platformAttributes().forEach((k, v) -> {
            if (!PRODUCT_POST_FIELDS.contains(k)) {
                throw invalid("'" + k + "' is not a Ravelry Product#POST field this storefront sets; use one of "
                        + PRODUCT_POST_FIELDS);
            }
            if (k.equals("free") || k.equals("wholesale")) {
                data.put(k, Boolean.parseBoolean(v));
            } else {
                data.put(k, v);
            }
        });
        Listing listing = data.isEmpty() ? listing(productId) : postProduct(productId, data);
        return update.contentHash().map(h -> (Listing) listing.toBuilder().contentHash(h).build()).orElse(listing);
    }

    private static boolean wireActive(ListingState state) {
        switch (state) {
            case ACTIVE: return true;
            case INACTIVE: return false;
            default:
                throw invalid("Ravelry can only set a product active or inactive, not " + state);
        }
    }

    private void putPrice(ObjectNode data, Money price) {
        if (price.isZero()) {
            data.put("free", true);
        } else {
            data.put("price", price.amount().toPlainString()).put("currency", price.currencyCode()).put("free", false);
        }
    }

    /** POST /products/{id}.json with Product#POST as {@code data} (the recommended form); safe to resend. */
    private Listing postProduct(String productId, ObjectNode data) {
        String json;
        try {
            json = transport.objectMapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ApiRequest request = ApiRequest.builder(HttpMethod.POST, "/products/" + productId + ".json")
                .body(RequestContent.form(Map.of("data", json))).idempotent(true).build();
        return products.toListing(withRateLimitRetries(() -> transport.execute(request).json()).path("product"));
    }

    // ------------------------------------------------------------------ files

    /** The product's PDF attachments ({@code products/{id}/attachments.json}). */
    @Override
    public List<ListingFile> files(String listingId) {
        JsonNode body = transport.execute(ApiRequest.get("/products/" + numericId(listingId, "product id")
                + "/attachments.json")).json();
        List<ListingFile> out = new ArrayList<>();
        for (JsonNode a : body.path("product_attachments")) {
            if (!a.path("deleted").asBoolean(false)) {
                out.add(products.toFile(a));
            }
        }
        return out;
    }

    /**
     * Uploads a PDF (streamed multipart: {@code product_id} and {@code file}) and waits, polling the
     * product's attachments with bounded backoff ({@link AttachmentWait}), until it appears. If the product
     * already has an attachment of the same name and size (an interrupted earlier attempt) that one is
     * returned instead of uploading a second copy.
     *
     * @throws InvalidRequestException if the file is not a PDF
     * @throws ApiException (retryable) if the attachment did not appear within the wait
     */
    @Override
    public ListingFile attachFile(String listingId, PatternFile file) {
        Objects.requireNonNull(file, "file");
        requirePdf(file);
        String productId = numericId(listingId, "product id");
        List<ListingFile> current = files(productId);
        Optional<ListingFile> already = sameFile(current, file, null);
        if (already.isPresent()) {
            return already.get();
        }
        return upload(productId, file, ids(current), null);
    }

    /**
     * Replaces an attachment: uploads the new PDF, waits for it, then deletes the old one. Safe to call
     * again after an interruption: a new file already uploaded (same name and size) is not uploaded again,
     * and an old file already deleted is not an error, so the product ends with exactly one current copy.
     *
     * @throws NotFoundException if neither the old attachment nor a copy of the new file is on the product
     */
    @Override
    public ListingFile replaceFile(String listingId, String oldFileId, PatternFile file) {
        Objects.requireNonNull(file, "file");
        requirePdf(file);
        String productId = numericId(listingId, "product id");
        numericId(oldFileId, "attachment id");
        List<ListingFile> current = files(productId);
        boolean oldPresent = current.stream().anyMatch(f -> f.externalId().equals(oldFileId));
        Optional<ListingFile> uploaded = sameFile(current, file, oldFileId);
        if (!oldPresent && uploaded.isEmpty()) {
            throw new NotFoundException("Ravelry product " + productId + " has no attachment " + oldFileId
                    + " to replace, and no copy of '" + file.name() + "'; use attachFile", context().build());
        }
        ListingFile added = uploaded.isPresent() ? uploaded.get() : upload(productId, file, ids(current), oldFileId);
        if (oldPresent) {
            removeFile(productId, oldFileId);
        }
        return added;
    }

    private ListingFile upload(String productId, PatternFile file, Set<String> before, String excludeId) {
        RequestContent content = RequestContent.stream("application/pdf", file.sizeBytes(), () -> open(file));
        ApiRequest request = ApiRequest.builder(HttpMethod.POST, "/product_attachments/upload.json")
                .body(RequestContent.multipart()
                        .field("product_id", productId)
                        .file("file", file.name(), content)
                        .build())
                .build();
        PatternHubException last = null;
        for (int attempt = 1; attempt <= writeAttempts; attempt++) {
            try {
                JsonNode answer = transport.execute(request).json();
                if (answer.has("success") && !answer.path("success").asBoolean()) {
                    throw new ApiException("Ravelry did not accept '" + file.name() + "' for product " + productId
                            + " (success=false); check that it is a valid PDF", context().build());
                }
                return awaitAttachment(productId, file, before, excludeId);
            } catch (RateLimitException e) {
                if (e.httpStatus().isEmpty()) {
                    throw e; // our own limiter: waiting longer will not help now
                }
                last = e;
                pause(attempt);
            } catch (PatternHubException e) {
                if (!uncertain(e)) {
                    throw e;
                }
                last = e;
                LOG.info("Uploading '{}' to Ravelry product {} had an unknown outcome ({}); looking for it",
                        file.name(), productId, e.getMessage());
                Optional<ListingFile> landed = lookFor(productId, file, before, excludeId);
                if (landed.isPresent()) {
                    return landed.get();
                }
                pause(attempt);
            }
        }
        throw last;
    }

    /** Polls until the uploaded file shows on the product, with bounded backoff. */
    private ListingFile awaitAttachment(String productId, PatternFile file, Set<String> before, String excludeId) {
        for (int poll = 1; poll <= attachmentWait.maxPolls(); poll++) {
            sleep(attachmentWait.delayBefore(poll));
            Optional<ListingFile> found = newFile(files(productId), file, before, excludeId);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new ApiException("Ravelry accepted '" + file.name() + "' for product " + productId + " but it did not"
                + " appear after " + attachmentWait.maxPolls() + " looks; call attachFile again later (it will not"
                + " upload a second copy once it appears)", context().retryable(true).build());
    }

    /** After an unknown outcome: a short look for the file, then give up (and upload again). */
    private Optional<ListingFile> lookFor(String productId, PatternFile file, Set<String> before, String excludeId) {
        try {
            return Optional.of(awaitAttachment(productId, file, before, excludeId));
        } catch (ApiException notThere) {
            if (notThere.httpStatus().isPresent()) {
                throw notThere;
            }
            return Optional.empty();
        }
    }

    private static Optional<ListingFile> newFile(List<ListingFile> files, PatternFile file, Set<String> before,
            String excludeId) {
        return sameFile(files.stream().filter(f -> !before.contains(f.externalId())).collect(Collectors.toList()),
                file, excludeId);
    }

    private static Optional<ListingFile> sameFile(List<ListingFile> files, PatternFile file, String excludeId) {
        return files.stream()
                .filter(f -> !f.externalId().equals(excludeId))
                .filter(f -> f.name().equals(file.name()))
                .filter(f -> f.sizeBytes().isEmpty() || f.sizeBytes().getAsLong() == file.sizeBytes())
                .findFirst();
    }

    private static Set<String> ids(List<ListingFile> files) {
        return files.stream().map(ListingFile::externalId).collect(Collectors.toSet());
    }

    private static void requirePdf(PatternFile file) {
        String type = file.mediaType().toLowerCase(Locale.ROOT);
        if (!type.equals("application/pdf") && !file.name().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            throw invalid("Ravelry product attachments are PDF files; '" + file.name() + "' is " + file.mediaType());
        }
    }

    private static InputStream open(PatternFile file) {
        try {
            return file.openContent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + file.name() + "' for upload", e);
        }
    }

    /**
     * Deletes an attachment after checking it belongs to the product. A 404 on a resent attempt (the first
     * one deleted it) counts as done.
     *
     * @throws NotFoundException if the attachment did not exist in the first place
     * @throws InvalidRequestException if it belongs to another product
     */
    @Override
    public void removeFile(String listingId, String fileId) {
        String productId = numericId(listingId, "product id");
        String path = "/product_attachments/" + numericId(fileId, "attachment id") + ".json";
        JsonNode attachment = transport.execute(ApiRequest.get(path)).json().path("product_attachment");
        Optional<String> owner = RavelryJson.id(attachment, "product_id");
        if (owner.isPresent() && !owner.get().equals(productId)) {
            throw invalid("Ravelry attachment " + fileId + " belongs to product " + owner.get() + ", not " + productId);
        }
        try {
            withRateLimitRetries(() -> transport.execute(ApiRequest.builder(HttpMethod.DELETE, path).build()));
        } catch (NotFoundException e) {
            if (e.attempts() <= 1) {
                throw e;
            }
        }
    }

    // ------------------------------------------------------------------ orders

    /**
     * Sale invoices ({@code purchases.json}) as orders, page by page, sorted by paid date. {@code updatedSince}
     * (less the rescan window) or {@code createdSince} becomes {@code min_paid_date} (an invoice is paid
     * after it is created, so filtering by paid date loses nothing); {@code createdSince} and {@code until}
     * are then applied to the invoice date. Needs the seller's personal key. Orders carry no fees, taxes or
     * refunds: Ravelry's sale data has none. Line items get their SKU from the store's products.
     *
     * @throws RavelryPermissionException if the credentials are OAuth (no app may read sales)
     */
    @Override
    public Stream<Order> orders(OrderQuery query) {
        Objects.requireNonNull(query, "query");
        int size = Math.min(MAX_PURCHASES_PAGE_SIZE, query.pageSize().orElse(purchasesPageSize));
        Optional<Instant> from = Stream.of(query.effectiveUpdatedSince(), query.createdSince())
                .flatMap(Optional::stream).min(Instant::compareTo);
        ProductLookup lookup = new ProductLookup();
        return invoiceNodes(from, size).stream()
                .map(i -> invoices.toOrder(i, lookup::sku, lookup::title))
                .filter(o -> query.createdSince().map(c -> !o.createdAt().isBefore(c)).orElse(true))
                .filter(o -> query.until().map(u -> o.createdAt().isBefore(u)).orElse(true))
                .filter(o -> query.wants(o.status()));
    }

    private PagedIterable<JsonNode> invoiceNodes(Optional<Instant> minPaid, int size) {
        return Paging.pageNumber(1, page -> {
            ApiRequest.Builder req = ApiRequest.builder(HttpMethod.GET, storePath("/purchases.json"))
                    .query("sort", "paid_date").query("page", page).query("page_size", size);
            minPaid.ifPresent(t -> req.query("min_paid_date", RavelryJson.rfc3339(t)));
            if (creator != null) {
                req.query("creator", creator);
            }
            JsonNode body = transport.execute(req.build()).json();
            return numbered(body.path("invoices"), body.path("paginator"));
        });
    }

    /**
     * One sale invoice as an order. Ravelry has no single-invoice call for sellers: this scans
     * {@code purchases.json} (pages unchanged since the last scan cost a 304 each).
     *
     * @throws NotFoundException if no invoice of the store has that id
     */
    @Override
    public Order order(String externalId) {
        String id = numericId(externalId, "invoice id");
        ProductLookup lookup = new ProductLookup();
        return invoiceNodes(Optional.empty(), purchasesPageSize).stream()
                .filter(i -> RavelryJson.id(i, "id").or(() -> RavelryJson.id(i, "invoice_number"))
                        .filter(id::equals).isPresent())
                .findFirst()
                .map(i -> invoices.toOrder(i, lookup::sku, lookup::title))
                .orElseThrow(() -> new NotFoundException("Ravelry store " + storeId + " has no sale invoice " + id,
                        context().build()));
    }

    /** SKUs and titles of the store's products, read once per order stream when first needed. */
    private final class ProductLookup {
        private Map<String, JsonNode> byId;

        synchronized Optional<String> sku(String productId) {
            return Optional.ofNullable(all().get(productId)).flatMap(ProductNormalizer::sku);
        }

        synchronized Optional<String> title(String productId) {
            return Optional.ofNullable(all().get(productId)).flatMap(p -> RavelryJson.text(p, "title"));
        }

        private Map<String, JsonNode> all() {
            if (byId == null) {
                byId = new HashMap<>();
                productNodes().forEach(p -> RavelryJson.id(p, "id").ifPresent(id -> byId.put(id, p)));
            }
            return byId;
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Releases the connections. */
    @Override
    public void close() {
        transport.close();
        if (ownedClient != null) {
            ownedClient.dispatcher().executorService().shutdown();
            ownedClient.connectionPool().evictAll();
        }
    }

    private static NumberedPage<JsonNode> numbered(JsonNode items, JsonNode paginator) {
        List<JsonNode> list = new ArrayList<>(items.size());
        items.forEach(list::add);
        if (paginator.path("page_count").canConvertToInt()) {
            return new NumberedPage<>(list, OptionalInt.of(Math.max(1, paginator.path("page_count").asInt())));
        }
        // No paginator: Ravelry sent everything in one page.
        return new NumberedPage<>(list, OptionalInt.of(1));
    }

    /** Calls {@code call}, pausing and calling again while Ravelry answers 429 (it did nothing then). */
    private <T> T withRateLimitRetries(java.util.function.Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RateLimitException e) {
                if (e.httpStatus().isEmpty() || attempt >= writeAttempts) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /** Whether a failed write may nevertheless have been carried out by Ravelry. */
    private static boolean uncertain(PatternHubException e) {
        if (e instanceof ConnectionException) {
            return true;
        }
        return e.httpStatus().orElse(0) >= 500;
    }

    private void pause(int attempt) {
        sleep(writeBackoff.backoff(attempt + 1));
    }

    private void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while waiting on Ravelry", context().build(), e);
        }
    }

    private void requireStoreCurrency(Money price) {
        if (!storeCurrency.equals(price.currency()) && !price.isZero()) {
            throw invalid("this Ravelry store prices in " + storeCurrency.getCurrencyCode() + " but the price is "
                    + price + "; convert it first or set Builder.storeCurrency");
        }
    }

    private String storePath(String rest) {
        return "/stores/" + storeId + rest;
    }

    private static String numericId(String id, String what) {
        if (id == null || !id.matches("[1-9][0-9]{0,18}")) {
            throw invalid("a Ravelry " + what + " is a positive number, was '" + id + "'");
        }
        return id;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw invalid(what + " must not be blank");
        }
    }

    private static ErrorContext.Builder context() {
        return ErrorContext.builder().platform(Platform.RAVELRY);
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, context().build());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Waits between polls and retries; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Waits.
         *
         * @param duration how long
         * @throws InterruptedException if interrupted
         */
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Configures a {@link RavelryStorefront}. Not thread-safe; the storefront it builds is.
     *
     * <p>The transport settings are {@link TransportClientBuilder}'s, with Ravelry's defaults: a client-side
     * limit of 5 calls per second (Ravelry publishes no global numbers: an assumption, polite to a small
     * service), {@link RetrySettings#defaults()} (also the backoff between write attempts) and no concurrency
     * cap. The storefront adds its ETag cache to a copy of the {@link #okHttpClient OkHttp client}; an OkHttp
     * client set through {@link #transport} is replaced by that copy.
     */
    public static final class Builder extends TransportClientBuilder<Builder> {
        private long storeId;
        private AuthScheme auth;
        private String baseUrl = DEFAULT_BASE_URL;
        private Currency storeCurrency = Currency.getInstance("USD");
        private int pageSize = DEFAULT_PAGE_SIZE;
        private int purchasesPageSize = DEFAULT_PAGE_SIZE;
        private String creator;
        private AttachmentWait attachmentWait = AttachmentWait.defaults();
        private int writeAttempts = 5;
        private int etagCacheSize = 256;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder() {
            super(RetrySettings.defaults(), RateLimitSettings.perSecond(5), 0);
        }

        /** The OkHttp client the user gave, which the storefront copies with its ETag cache added. */
        private Optional<OkHttpClient> okHttpClientGiven() {
            return sharedOkHttpClient();
        }

        /** The storefront's transport: its own settings, what this builder was given, and the ETag-caching client last. */
        private HttpTransport buildTransport(HttpTransport.Builder storefrontSettings, OkHttpClient withEtagCache) {
            return newTransport(storefrontSettings, t -> t.okHttpClient(withEtagCache));
        }

        /** Ravelry writes are retried by the storefront itself after a 429, paced like the transport's retries. */
        private RetrySettings writeBackoff() {
            return retrySettings();
        }

        /**
         * The pattern store (required); {@link RavelryStorefront#stores()} lists the account's stores.
         *
         * @param storeId Ravelry's store id
         * @return this builder
         */
        public Builder storeId(long storeId) {
            if (storeId < 1) {
                throw config("storeId must be a positive Ravelry store id, was " + storeId);
            }
            this.storeId = storeId;
            return this;
        }

        /**
         * The seller's personal key over Basic auth ("personal account access": all permissions, the only
         * way to read sales). Ravelry refuses it over plain HTTP.
         *
         * @param accessKey   the access key (Basic user name)
         * @param personalKey the personal key (Basic password; not the secret key)
         * @return this builder
         */
        public Builder personalKey(String accessKey, String personalKey) {
            this.auth = BasicAuth.of(accessKey, personalKey);
            return this;
        }

        /**
         * An OAuth bearer scheme: {@link RavelryOAuth#authScheme} for refreshing tokens.
         *
         * @param auth the scheme
         * @return this builder
         */
        public Builder auth(AuthScheme auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /**
         * A fixed OAuth access token instead of {@link #auth}: not refreshed (it lasts 24 hours).
         *
         * @param accessToken the token
         * @return this builder
         */
        public Builder accessToken(String accessToken) {
            if (accessToken == null || accessToken.isBlank()) {
                throw config("the Ravelry access token is empty");
            }
            this.auth = ApiKeyAuth.header("Authorization", "Bearer " + accessToken);
            return this;
        }

        /**
         * The API host, default {@value RavelryStorefront#DEFAULT_BASE_URL}; a sandbox URL in tests.
         *
         * @param baseUrl scheme and host
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /**
         * The store's currency (default USD): prices in another currency are refused before calling Ravelry,
         * and free products are priced zero in it.
         *
         * @param currencyCode ISO 4217 code
         * @return this builder
         */
        public Builder storeCurrency(String currencyCode) {
            this.storeCurrency = Money.currency(currencyCode);
            return this;
        }

        /**
         * The page size for product lists; default {@value RavelryStorefront#DEFAULT_PAGE_SIZE}.
         *
         * @param size at least 1
         * @return this builder
         */
        public Builder pageSize(int size) {
            if (size < 1) {
                throw config("pageSize must be at least 1, was " + size);
            }
            this.pageSize = size;
            return this;
        }

        /**
         * The page size for {@code purchases.json}; default 100, at most 250 (Ravelry's limit). Ravelry
         * answers 504 when a page takes over 10 seconds: keep it at 100 or less for large stores.
         *
         * @param size 1 to 250
         * @return this builder
         */
        public Builder purchasesPageSize(int size) {
            if (size < 1 || size > MAX_PURCHASES_PAGE_SIZE) {
                throw config("purchasesPageSize must be 1 to " + MAX_PURCHASES_PAGE_SIZE + ", was " + size);
            }
            this.purchasesPageSize = size;
            return this;
        }

        /**
         * Which sales {@code purchases.json} returns: {@code all}, {@code ravelry-purchase}, {@code lys-sale}
         * or {@code lys-payment}; Ravelry's default when not set.
         *
         * @param creator the creator filter
         * @return this builder
         */
        public Builder creator(String creator) {
            if (!List.of("all", "ravelry-purchase", "lys-sale", "lys-payment").contains(creator)) {
                throw config("creator must be all, ravelry-purchase, lys-sale or lys-payment, was '" + creator + "'");
            }
            this.creator = creator;
            return this;
        }

        /**
         * How to wait for an uploaded attachment to appear; default {@link AttachmentWait#defaults()}.
         *
         * @param wait the wait
         * @return this builder
         */
        public Builder attachmentWait(AttachmentWait wait) {
            this.attachmentWait = Objects.requireNonNull(wait, "wait");
            return this;
        }

        /**
         * How many times a write is attempted after a 429 or an unknown outcome; default 5.
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
         * How many pages the ETag cache remembers; default 256.
         *
         * @param entries at least 1
         * @return this builder
         */
        public Builder etagCacheSize(int entries) {
            if (entries < 1) {
                throw config("etagCacheSize must be at least 1, was " + entries);
            }
            this.etagCacheSize = entries;
            return this;
        }

        /**
         * The clock for {@code Retry-After} dates.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How to wait between attachment polls and write retries; {@link Thread#sleep} by default.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Builds the storefront.
         *
         * @return the storefront
         * @throws ConfigurationException if the store id or the credentials are missing
         */
        public RavelryStorefront build() {
            if (storeId == 0) {
                throw config("set the Ravelry storeId (RavelryStorefront.stores() lists them)");
            }
            if (auth == null) {
                throw config("set Ravelry credentials: personalKey(accessKey, personalKey), auth(RavelryOAuth"
                        + ".authScheme(...)) or accessToken");
            }
            return new RavelryStorefront(this);
        }

        private static ConfigurationException config(String message) {
            return new ConfigurationException(message, ErrorContext.builder().platform(Platform.RAVELRY).build());
        }
    }
}
