package io.patternhub.testkit.etsy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.testkit.RouteHandler;
import io.patternhub.testkit.SandboxRejection;
import io.patternhub.testkit.SandboxRequest;
import io.patternhub.testkit.SandboxResponse;
import io.patternhub.testkit.SandboxServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The Etsy routes of the sandbox: authentication (API key, bearer token, scope, shop owner),
 * handlers over the {@link EtsyStore}, Etsy's error shape and response validation. Not public API.
 */
public final class EtsyApi {
    private static final String APP = "/v3/application";
    private static final String SHOP = APP + "/shops/{shop_id}";
    private static final String SHOP_LISTING = SHOP + "/listings/{listing_id}";
    private static final String LISTING = APP + "/listings/{listing_id}";

    private final SandboxServer server;
    private final EtsyStore store;
    private final TokenRegistry tokens;
    private final String apiKey;
    private final EtsySpec responseSpec;
    private final FileUploads uploads;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    public EtsyApi(SandboxServer server, EtsyStore store, TokenRegistry tokens, String apiKey, EtsySpec responseSpec,
            int maxFiles, long maxFileBytes, boolean storeContent) {
        this.server = server;
        this.store = store;
        this.tokens = tokens;
        this.apiKey = apiKey;
        this.responseSpec = responseSpec;
        this.uploads = new FileUploads(store, maxFiles, maxFileBytes, storeContent);
    }

    public List<String> responseViolations() {
        return List.copyOf(violations);
    }

    public void registerRoutes() {
        server.route("POST", "/v3/public/oauth/token", req -> tokens.tokenEndpoint(req.form()));
        route("GET", APP + "/openapi-ping", null, false, req -> ok(Map.of("application_id", 1)));
        route("GET", APP + "/users/me", "shops_r", false, this::me);
        route("GET", SHOP, null, false, this::shop);
        route("POST", SHOP + "/listings", "listings_w", true, req -> json(201,
                EtsyJson.listing(store.createDraft(shopId(req), req.form()))));
        route("GET", SHOP + "/listings", "listings_r", true, this::listingsByShop);
        route("GET", SHOP + "/listings/active", null, false, this::activeListings);
        route("GET", LISTING, null, false, req -> {
            synchronized (store.lock()) {
                return ok(EtsyJson.listingWithAssociations(store.listingRecord(id(req, "listing_id")), false));
            }
        });
        route("GET", APP + "/listings/batch", null, false, this::listingsBatch);
        route("PATCH", SHOP_LISTING, "listings_w", true, req -> ok(EtsyJson.listing(
                store.updateListing(shopId(req), id(req, "listing_id"), req.form()))));
        route("DELETE", LISTING, "listings_d", false, req -> {
            requireOwner(req, store.listingView(id(req, "listing_id")).map(l -> l.shopId()).orElseThrow(
                    () -> SandboxRejection.notFound("Listing " + id(req, "listing_id") + " not found")));
            store.deleteListing(id(req, "listing_id"));
            return SandboxResponse.status(204);
        });
        route("GET", LISTING + "/inventory", "listings_r", false, req -> {
            synchronized (store.lock()) {
                Records.Listing l = ownedListing(req);
                Map<String, Object> body = EtsyJson.inventory(l);
                if (req.query("includes").map(v -> v.contains("Listing")).orElse(false)) {
                    body.put("listing", EtsyJson.listing(l));
                }
                return ok(body);
            }
        });
        route("PUT", LISTING + "/inventory", "listings_w", false, req -> {
            synchronized (store.lock()) {
                ownedListing(req);
                return ok(EtsyJson.inventory(store.updateInventory(id(req, "listing_id"), req.json())));
            }
        });
        route("POST", SHOP_LISTING + "/files", "listings_w", true, req -> json(201, EtsyJson.file(
                uploads.upload(shopId(req), id(req, "listing_id"), req))));
        route("GET", SHOP_LISTING + "/files", "listings_r", true, req -> {
            List<Map<String, Object>> files = store.files(shopId(req), id(req, "listing_id")).stream()
                    .map(EtsyJson::file).collect(Collectors.toList());
            return ok(EtsyJson.page(files.size(), files));
        });
        route("GET", SHOP_LISTING + "/files/{listing_file_id}", "listings_r", true, req -> ok(EtsyJson.file(
                store.file(shopId(req), id(req, "listing_id"), id(req, "listing_file_id")))));
        route("DELETE", SHOP_LISTING + "/files/{listing_file_id}", "listings_w", true, req -> {
            store.deleteFile(shopId(req), id(req, "listing_id"), id(req, "listing_file_id"));
            return SandboxResponse.status(204);
        });
        route("GET", SHOP + "/receipts", "transactions_r", true, this::receipts);
        route("GET", SHOP + "/receipts/{receipt_id}", "transactions_r", true, req -> {
            synchronized (store.lock()) {
                return ok(EtsyJson.receipt(store.receiptOfShop(shopId(req), id(req, "receipt_id"))));
            }
        });
        route("GET", SHOP + "/receipts/{receipt_id}/transactions", "transactions_r", true, req -> {
            synchronized (store.lock()) {
                Records.Receipt r = store.receiptOfShop(shopId(req), id(req, "receipt_id"));
                List<Object> txs = r.transactions.stream().map(t -> EtsyJson.transaction(r, t))
                        .collect(Collectors.toList());
                return ok(EtsyJson.page(txs.size(), txs));
            }
        });
        route("GET", SHOP + "/transactions", "transactions_r", true, req -> {
            synchronized (store.lock()) {
                List<Records.Transaction> all = store.transactionsOf(shopId(req));
                List<Object> page = page(req, all).stream()
                        .map(t -> EtsyJson.transaction(store.receiptRecord(t.receiptId), t)).collect(Collectors.toList());
                return ok(EtsyJson.page(all.size(), page));
            }
        });
        route("GET", SHOP + "/transactions/{transaction_id}", "transactions_r", true, req -> {
            synchronized (store.lock()) {
                Records.Transaction t = store.transaction(shopId(req), id(req, "transaction_id"));
                return ok(EtsyJson.transaction(store.receiptRecord(t.receiptId), t));
            }
        });
        route("GET", SHOP + "/receipts/{receipt_id}/payments", "transactions_r", true, req -> {
            synchronized (store.lock()) {
                List<Object> payments = store.paymentOfReceipt(shopId(req), id(req, "receipt_id"))
                        .map(p -> List.<Object>of(paymentJson(p))).orElse(List.of());
                return ok(EtsyJson.page(payments.size(), payments));
            }
        });
        route("GET", SHOP + "/payments", "transactions_r", true, req -> {
            synchronized (store.lock()) {
                List<Object> payments = store.paymentsByIds(shopId(req), ids(req, "payment_ids")).stream()
                        .map(this::paymentJson).collect(Collectors.toList());
                return ok(EtsyJson.page(payments.size(), payments));
            }
        });
        route("GET", SHOP + "/payment-account/ledger-entries", "transactions_r", true, this::ledgerEntries);
        route("GET", SHOP + "/payment-account/ledger-entries/{ledger_entry_id}", "transactions_r", true,
                req -> ok(EtsyJson.ledgerEntry(store.ledgerEntry(shopId(req), id(req, "ledger_entry_id")))));
        route("GET", SHOP + "/payment-account/ledger-entries/payments", "transactions_r", true, req -> {
            synchronized (store.lock()) {
                List<Object> payments = store.paymentsOfLedgerEntries(shopId(req), ids(req, "ledger_entry_ids"))
                        .stream().map(this::paymentJson).collect(Collectors.toList());
                return ok(EtsyJson.page(payments.size(), payments));
            }
        });
    }

    // ------------------------------------------------------------ plumbing

    /**
     * Registers an Etsy route: checks the API key, then (when {@code scope} is set) the bearer token
     * and its scope, then (when {@code shopScoped}) that the token's user owns the shop; answers
     * rejections in Etsy's shape and validates the response.
     */
    private void route(String method, String template, String scope, boolean shopScoped, RouteHandler handler) {
        server.route(method, template, req -> {
            SandboxResponse response;
            try {
                checkApiKey(req);
                if (scope != null) {
                    Records.Token token = tokens.authenticate(req.header("Authorization").orElse(null));
                    if (!token.scopes.contains(scope)) {
                        throw SandboxRejection.of(403, "insufficient_scope",
                                "The access token lacks the " + scope + " scope this endpoint requires");
                    }
                    if (shopScoped) {
                        requireOwner(token, shopId(req));
                    }
                }
                response = handler.handle(req);
            } catch (SandboxRejection rejection) {
                response = json(rejection.error().status(), Map.of("error", rejection.error().message()));
            }
            if (responseSpec != null) {
                violations.addAll(responseSpec.validateResponse(method, req.path(), response.status(),
                        response.rawBody().filter(b -> b.length > 0).orElse(null)));
            }
            return response;
        });
    }

    private void checkApiKey(SandboxRequest req) {
        Optional<String> key = req.header("x-api-key");
        if (key.isEmpty()) {
            throw SandboxRejection.of(401, "invalid_api_key", "Missing x-api-key header (keystring:shared_secret)");
        }
        if (!key.get().equals(apiKey)) {
            throw SandboxRejection.of(401, "invalid_api_key",
                    "Invalid API key: x-api-key must be the app's keystring:shared_secret");
        }
    }

    private void requireOwner(SandboxRequest req, long shopId) {
        requireOwner(tokens.authenticate(req.header("Authorization").orElse(null)), shopId);
    }

    private void requireOwner(Records.Token token, long shopId) {
        Records.Shop shop = store.shop(shopId);
        if (shop.userId != token.userId) {
            throw SandboxRejection.of(403, "forbidden", "The access token's user does not own shop " + shopId);
        }
    }

    private Records.Listing ownedListing(SandboxRequest req) {
        Records.Listing l = store.listingRecord(id(req, "listing_id"));
        requireOwner(req, l.shopId);
        return l;
    }

    private SandboxResponse ok(Object body) {
        return json(200, body);
    }

    private SandboxResponse json(int status, Object body) {
        try {
            return SandboxResponse.status(status).withHeader("Content-Type", "application/json")
                    .withBody(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Sandbox response is not serialisable", e);
        }
    }

    private static long shopId(SandboxRequest req) {
        return id(req, "shop_id");
    }

    private static long id(SandboxRequest req, String name) {
        String v = req.pathParam(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw FormFields.invalid(name, name + " must be a positive integer, was '" + v + "'");
        }
    }

    /** An array query parameter: repeated ({@code a=1&a=2}) or comma-separated ({@code a=1,2}). */
    private static List<Long> ids(SandboxRequest req, String name) {
        List<String> values = req.queryParams().getOrDefault(name, List.of());
        List<Long> ids = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    try {
                        ids.add(Long.parseLong(part.trim()));
                    } catch (NumberFormatException e) {
                        throw FormFields.invalid(name, name + " must be integers, got '" + part + "'");
                    }
                }
            }
        }
        if (ids.isEmpty()) {
            throw FormFields.invalid(name, "Missing required parameter: " + name);
        }
        return ids;
    }

    private static List<String> strings(SandboxRequest req, String name) {
        return req.queryParams().getOrDefault(name, List.of()).stream()
                .flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }

    private static int limit(SandboxRequest req) {
        return (int) longQuery(req, "limit").orElse(25L).longValue();
    }

    private static int offset(SandboxRequest req) {
        return (int) longQuery(req, "offset").orElse(0L).longValue();
    }

    private static Optional<Long> longQuery(SandboxRequest req, String name) {
        return req.query(name).filter(v -> !v.isEmpty()).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw FormFields.invalid(name, name + " must be an integer, was '" + v + "'");
            }
        });
    }

    private static Optional<Boolean> boolQuery(SandboxRequest req, String name) {
        return req.query(name).filter(v -> !v.isEmpty()).map(v -> v.equalsIgnoreCase("true") || v.equals("1"));
    }

    private static <T> List<T> page(SandboxRequest req, List<T> all) {
        int limit = limit(req);
        int offset = offset(req);
        if (limit < 1 || limit > 100) {
            throw FormFields.invalid("limit", "limit must be between 1 and 100, was " + limit);
        }
        if (offset < 0) {
            throw FormFields.invalid("offset", "offset must not be negative, was " + offset);
        }
        return offset >= all.size() ? List.of() : all.subList(offset, Math.min(all.size(), offset + limit));
    }

    private static boolean ascending(SandboxRequest req) {
        String order = req.query("sort_order").orElse("desc").toLowerCase(Locale.ROOT);
        return order.equals("asc") || order.equals("ascending") || order.equals("up");
    }

    // ------------------------------------------------------------ handlers

    private SandboxResponse me(SandboxRequest req) {
        Records.Token token = tokens.authenticate(req.header("Authorization").orElse(null));
        synchronized (store.lock()) {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("user_id", token.userId);
            store.shopsOf(token.userId).stream().findFirst().ifPresent(id -> body.put("shop_id", id));
            return ok(body);
        }
    }

    private SandboxResponse shop(SandboxRequest req) {
        synchronized (store.lock()) {
            Records.Shop s = store.shop(shopId(req));
            List<Records.Listing> active = store.listingsOf(s.shopId, "active", "created", true);
            long digital = active.stream().filter(l -> !"physical".equals(l.type)).count();
            return ok(EtsyJson.shop(s, active.size(), digital));
        }
    }

    private SandboxResponse listingsByShop(SandboxRequest req) {
        synchronized (store.lock()) {
            List<Records.Listing> all = store.listingsOf(shopId(req), req.query("state").orElse("active"),
                    req.query("sort_on").orElse("created"), ascending(req));
            boolean inventory = strings(req, "includes").contains("Inventory");
            List<Object> results = page(req, all).stream()
                    .map(l -> EtsyJson.listingWithAssociations(l, inventory)).collect(Collectors.toList());
            return ok(EtsyJson.page(all.size(), results));
        }
    }

    private SandboxResponse activeListings(SandboxRequest req) {
        synchronized (store.lock()) {
            String keywords = req.query("keywords").orElse("").toLowerCase(Locale.ROOT).trim();
            Predicate<Records.Listing> matches = l -> keywords.isEmpty()
                    || l.title.toLowerCase(Locale.ROOT).contains(keywords)
                    || l.description.toLowerCase(Locale.ROOT).contains(keywords)
                    || l.tags.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(keywords));
            List<Records.Listing> all = store.listingsOf(shopId(req), "active", req.query("sort_on").orElse("created"),
                    ascending(req)).stream().filter(matches).collect(Collectors.toList());
            List<Object> results = page(req, all).stream().map(EtsyJson::listing).collect(Collectors.toList());
            return ok(EtsyJson.page(all.size(), results));
        }
    }

    private SandboxResponse listingsBatch(SandboxRequest req) {
        synchronized (store.lock()) {
            List<Long> ids = ids(req, "listing_ids");
            if (ids.size() > 100) {
                throw FormFields.invalid("listing_ids", "At most 100 listing ids, got " + ids.size());
            }
            List<Object> results = store.listingsByIds(ids).stream()
                    .map(l -> EtsyJson.listingWithAssociations(l, false)).collect(Collectors.toList());
            return ok(EtsyJson.page(results.size(), results));
        }
    }

    private SandboxResponse receipts(SandboxRequest req) {
        Optional<Instant> minCreated = longQuery(req, "min_created").map(Instant::ofEpochSecond);
        Optional<Instant> maxCreated = longQuery(req, "max_created").map(Instant::ofEpochSecond);
        Optional<Instant> minModified = longQuery(req, "min_last_modified").map(Instant::ofEpochSecond);
        Optional<Instant> maxModified = longQuery(req, "max_last_modified").map(Instant::ofEpochSecond);
        Optional<Boolean> wasPaid = boolQuery(req, "was_paid");
        Optional<Boolean> wasCanceled = boolQuery(req, "was_canceled");
        Optional<Boolean> wasShipped = boolQuery(req, "was_shipped");
        Optional<Boolean> wasDelivered = boolQuery(req, "was_delivered");
        Predicate<Records.Receipt> filter = r -> minCreated.map(t -> !r.createdAt.isBefore(t)).orElse(true)
                && maxCreated.map(t -> !r.createdAt.isAfter(t)).orElse(true)
                && minModified.map(t -> !r.updatedAt.isBefore(t)).orElse(true)
                && maxModified.map(t -> !r.updatedAt.isAfter(t)).orElse(true)
                && wasPaid.map(p -> r.paid == p).orElse(true)
                && wasCanceled.map(c -> r.canceled == c).orElse(true)
                // Digital receipts are never shipped or delivered.
                && wasShipped.map(s -> !s).orElse(true)
                && wasDelivered.map(d -> !d).orElse(true);
        synchronized (store.lock()) {
            List<Records.Receipt> all = store.receiptsOf(shopId(req), filter, req.query("sort_on").orElse("created"),
                    ascending(req));
            List<Object> results = page(req, all).stream().map(EtsyJson::receipt).collect(Collectors.toList());
            return ok(EtsyJson.page(all.size(), results));
        }
    }

    private SandboxResponse ledgerEntries(SandboxRequest req) {
        Instant min = longQuery(req, "min_created").map(Instant::ofEpochSecond)
                .orElseThrow(() -> FormFields.invalid("min_created", "Missing required parameter: min_created"));
        Instant max = longQuery(req, "max_created").map(Instant::ofEpochSecond)
                .orElseThrow(() -> FormFields.invalid("max_created", "Missing required parameter: max_created"));
        synchronized (store.lock()) {
            List<Records.LedgerEntry> all = store.ledgerOf(shopId(req), min, max);
            List<Object> results = page(req, all).stream().map(EtsyJson::ledgerEntry).collect(Collectors.toList());
            return ok(EtsyJson.page(all.size(), results));
        }
    }

    private Map<String, Object> paymentJson(Records.Payment p) {
        Records.Receipt r = store.receiptRecord(p.receiptId);
        return EtsyJson.payment(p, r, r.sellerUserId);
    }
}
