package io.patternhub.testkit.shopify.internal;

import graphql.schema.DataFetchingEnvironment;
import io.patternhub.testkit.shopify.SandboxBalanceTransaction;
import io.patternhub.testkit.shopify.SandboxBulkOperation;
import io.patternhub.testkit.shopify.SandboxFile;
import io.patternhub.testkit.shopify.SandboxLineItem;
import io.patternhub.testkit.shopify.SandboxOrder;
import io.patternhub.testkit.shopify.SandboxPayout;
import io.patternhub.testkit.shopify.SandboxProduct;
import io.patternhub.testkit.shopify.SandboxRefund;
import io.patternhub.testkit.shopify.SandboxStagedUpload;
import io.patternhub.testkit.shopify.SandboxTaxLine;
import io.patternhub.testkit.shopify.SandboxTransaction;
import io.patternhub.testkit.shopify.SandboxVariant;
import io.patternhub.testkit.shopify.SandboxWebhookSubscription;
import io.patternhub.testkit.shopify.ShopifySandbox;
import graphql.parser.InvalidSyntaxException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resolves the root fields the sandbox implements, turning state records into GraphQL object maps
 * (keys are schema field names; a key that is absent is a field the sandbox does not implement).
 */
final class ShopifyResolver implements RootResolver {
    private static final Set<String> ORDER_KEYS = Set.of("created_at", "updated_at", "processed_at", "id", "name",
            "email", "financial_status");
    private static final Set<String> PRODUCT_KEYS = Set.of("sku", "handle", "status", "tag", "title", "id",
            "updated_at", "created_at");
    private static final Set<String> FILE_KEYS = Set.of("filename", "media_type", "id", "created_at");
    private static final Set<String> PAYOUT_KEYS = Set.of("issued_at", "status", "id");
    private static final Set<String> BALANCE_KEYS = Set.of("payments_transfer_id", "payout_id", "processed_at",
            "transaction_type");

    private final ShopifySandbox sandbox;
    private final ShopifyState state;
    private final Clock clock;
    private final Function<SandboxBulkOperation, BulkJsonl.Result> bulkRunner;
    private final ExecutorService bulkWorker;
    private final boolean bulk;

    ShopifyResolver(ShopifySandbox sandbox, ShopifyState state, Clock clock,
            Function<SandboxBulkOperation, BulkJsonl.Result> bulkRunner) {
        this(sandbox, state, clock, bulkRunner, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "shopify-sandbox-bulk");
            t.setDaemon(true);
            return t;
        }), false);
    }

    private ShopifyResolver(ShopifySandbox sandbox, ShopifyState state, Clock clock,
            Function<SandboxBulkOperation, BulkJsonl.Result> bulkRunner, ExecutorService bulkWorker, boolean bulk) {
        this.sandbox = sandbox;
        this.state = state;
        this.clock = clock;
        this.bulkRunner = bulkRunner;
        this.bulkWorker = bulkWorker;
        this.bulk = bulk;
    }

    /** The same resolver for a bulk query: connections return everything, no page limits. */
    ShopifyResolver forBulk() {
        return new ShopifyResolver(sandbox, state, clock, bulkRunner, bulkWorker, true);
    }

    void close() {
        bulkWorker.shutdownNow();
    }

    @Override
    public boolean handles(String typeName) {
        return "QueryRoot".equals(typeName) || "Mutation".equals(typeName);
    }

    @Override
    public Object resolve(String typeName, String field, DataFetchingEnvironment env) {
        if (bulk && "Mutation".equals(typeName)) {
            throw new IllegalArgumentException("Bulk queries cannot contain mutations");
        }
        return switch (typeName + "." + field) {
            case "QueryRoot.shop" -> shop();
            case "QueryRoot.product" -> state.product(env.getArgument("id")).map(this::product).orElse(null);
            case "QueryRoot.productByHandle" -> state.productByHandle(env.getArgument("handle")).map(this::product).orElse(null);
            case "QueryRoot.productByIdentifier" -> productByIdentifier(env.getArgument("identifier"));
            case "QueryRoot.products" -> products(env);
            case "QueryRoot.orders" -> orders(env);
            case "QueryRoot.order" -> state.order(env.getArgument("id")).map(this::order).orElse(null);
            case "QueryRoot.files" -> files(env);
            case "QueryRoot.node" -> node(env.getArgument("id"));
            case "QueryRoot.nodes" -> ((List<?>) env.getArgument("ids")).stream().map(id -> node((String) id)).toList();
            case "QueryRoot.currentBulkOperation" -> currentBulkOperation();
            case "QueryRoot.webhookSubscriptions" -> webhookSubscriptions(env);
            case "QueryRoot.shopifyPaymentsAccount" -> paymentsAccount();
            case "Mutation.productSet" -> new ProductSet(state, clock).apply(env, this::product);
            case "Mutation.productChangeStatus" -> productChangeStatus(env);
            case "Mutation.stagedUploadsCreate" -> stagedUploadsCreate(env);
            case "Mutation.fileCreate" -> fileCreate(env);
            case "Mutation.bulkOperationRunQuery" -> bulkOperationRunQuery(env);
            case "Mutation.webhookSubscriptionCreate" -> webhookSubscriptionCreate(env);
            case "Mutation.webhookSubscriptionDelete" -> webhookSubscriptionDelete(env);
            default -> throw new UnsupportedOperationException(typeName + "." + field
                    + " is not implemented by the Shopify sandbox");
        };
    }

    // ------------------------------------------------------------------ shop and nodes

    private Map<String, Object> shop() {
        Map<String, Object> m = typed("Shop", "gid://shopify/Shop/548380009");
        m.put("name", "PatternHub Test Shop");
        m.put("myshopifyDomain", sandbox.shopDomain());
        m.put("email", "owner@example.com");
        m.put("currencyCode", "USD");
        return m;
    }

    private Object node(String id) {
        String type = id.startsWith("gid://shopify/") ? id.substring("gid://shopify/".length(), id.lastIndexOf('/')) : "";
        return switch (type) {
            case "Product" -> state.product(id).map(this::product).orElse(null);
            case "Order" -> state.order(id).map(this::order).orElse(null);
            case "GenericFile" -> state.file(id).map(this::file).orElse(null);
            case "BulkOperation" -> state.bulkOperation(id).map(this::bulkOperation).orElse(null);
            case "WebhookSubscription" -> state.subscriptions().stream().filter(s -> s.id().equals(id)).findFirst()
                    .map(this::subscription).orElse(null);
            default -> null;
        };
    }

    // ------------------------------------------------------------------ products

    private Object productByIdentifier(Map<String, Object> identifier) {
        if (identifier.get("id") != null) {
            return state.product((String) identifier.get("id")).map(this::product).orElse(null);
        }
        if (identifier.get("handle") != null) {
            return state.productByHandle((String) identifier.get("handle")).map(this::product).orElse(null);
        }
        throw new UnsupportedOperationException("productByIdentifier: only id and handle are implemented");
    }

    private Map<String, Object> products(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"), PRODUCT_KEYS);
        List<SandboxProduct> matching = state.products().stream().filter(p -> query.matches(key -> switch (key) {
            case "sku" -> p.variants().stream().map(SandboxVariant::sku).toList();
            case "handle" -> p.handle();
            case "status" -> p.status();
            case "tag" -> p.tags();
            case "title" -> p.title();
            case "id" -> ShopifyState.legacyId(p.id());
            case "updated_at" -> p.updatedAt();
            case "created_at" -> p.createdAt();
            default -> null;
        })).toList();
        return Connections.page(matching, SandboxProduct::id, this::product, env, bulk);
    }

    Map<String, Object> product(SandboxProduct p) {
        Map<String, Object> m = typed("Product", p.id());
        m.put("legacyResourceId", String.valueOf(ShopifyState.legacyId(p.id())));
        m.put("handle", p.handle());
        m.put("title", p.title());
        m.put("descriptionHtml", p.descriptionHtml());
        m.put("description", (LazyField) env -> p.descriptionHtml().replaceAll("<[^>]*>", ""));
        m.put("tags", p.tags());
        m.put("status", p.status());
        m.put("createdAt", p.createdAt());
        m.put("updatedAt", p.updatedAt());
        m.put("onlineStoreUrl", p.status().equals("ACTIVE") ? "https://" + sandbox.shopDomain() + "/products/" + p.handle() : null);
        m.put("totalVariants", p.variants().size());
        m.put("variants", (LazyField) env -> Connections.page(p.variants(), SandboxVariant::id,
                v -> variant(v, p), env, bulk));
        return m;
    }

    private Map<String, Object> variant(SandboxVariant v, SandboxProduct p) {
        Map<String, Object> m = typed("ProductVariant", v.id());
        m.put("legacyResourceId", String.valueOf(ShopifyState.legacyId(v.id())));
        m.put("sku", v.sku());
        m.put("price", v.price());
        m.put("compareAtPrice", null);
        m.put("title", v.title());
        m.put("product", (LazyField) env -> product(p));
        return m;
    }

    private Map<String, Object> productChangeStatus(DataFetchingEnvironment env) {
        String id = env.getArgument("productId");
        String status = env.getArgument("status");
        Map<String, Object> payload = new LinkedHashMap<>();
        Optional<SandboxProduct> existing = state.product(id);
        if (existing.isEmpty()) {
            payload.put("product", null);
            payload.put("userErrors", List.of(userError(List.of("productId"), "Product does not exist", "PRODUCT_NOT_FOUND")));
            return payload;
        }
        SandboxProduct p = existing.get();
        SandboxProduct changed = new SandboxProduct(p.id(), p.handle(), p.title(), p.descriptionHtml(), p.tags(), status,
                p.variants(), p.fileIds(), p.createdAt(), clock.instant());
        state.putProduct(changed);
        payload.put("product", product(changed));
        payload.put("userErrors", List.of());
        return payload;
    }

    // ------------------------------------------------------------------ staged uploads and files

    private Map<String, Object> stagedUploadsCreate(DataFetchingEnvironment env) {
        List<Map<String, Object>> inputs = env.getArgument("input");
        List<Object> targets = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Map<String, Object> in = inputs.get(i);
            String resource = (String) in.get("resource");
            String method = Objects.requireNonNullElse((String) in.get("httpMethod"), "PUT");
            String filename = (String) in.get("filename");
            if (filename == null || filename.isBlank()) {
                errors.add(userError(List.of("input", String.valueOf(i), "filename"), "Filename can't be blank", null));
                continue;
            }
            Object size = in.get("fileSize");
            String key = UUID.randomUUID().toString();
            String url = sandbox.url("/staged-uploads/" + key).toString();
            SandboxStagedUpload upload = new SandboxStagedUpload(key, url, url + "/" + filename, resource, filename,
                    (String) in.get("mimeType"), size == null ? -1 : Long.parseLong(String.valueOf(size)), method, -1,
                    Optional.empty());
            state.putUpload(upload);
            List<Map<String, Object>> parameters = new ArrayList<>();
            if ("POST".equals(method)) {
                parameters.add(parameter("Content-Type", upload.mimeType()));
                parameters.add(parameter("success_action_status", "201"));
                parameters.add(parameter("acl", "private"));
                parameters.add(parameter("key", GraphqlEndpoint.objectKey(upload)));
                parameters.add(parameter("policy", "c2FuZGJveC1wb2xpY3k"));
            } else {
                parameters.add(parameter("content_type", upload.mimeType()));
                parameters.add(parameter("acl", "private"));
            }
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("url", url);
            target.put("resourceUrl", upload.resourceUrl());
            target.put("parameters", parameters);
            targets.add(target);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("stagedTargets", targets);
        payload.put("userErrors", errors);
        return payload;
    }

    private static Map<String, Object> parameter(String name, String value) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("value", value);
        return p;
    }

    private Map<String, Object> fileCreate(DataFetchingEnvironment env) {
        List<Map<String, Object>> inputs = env.getArgument("files");
        List<Object> created = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Map<String, Object> in = inputs.get(i);
            String contentType = Objects.requireNonNullElse((String) in.get("contentType"), "FILE");
            if (!"FILE".equals(contentType)) {
                throw new UnsupportedOperationException("fileCreate with contentType " + contentType
                        + " is not implemented by the Shopify sandbox (only FILE)");
            }
            String source = (String) in.get("originalSource");
            Optional<SandboxStagedUpload> upload = state.uploadByResourceUrl(source);
            if (upload.isEmpty() || !upload.get().uploaded()) {
                errors.add(filesError(List.of("files", String.valueOf(i), "originalSource"), upload.isEmpty()
                        ? "Image URL is invalid" : "The staged upload has no content yet", "INVALID"));
                continue;
            }
            byte[] content = state.uploadContent(upload.get().key()).orElseThrow();
            String filename = Objects.requireNonNullElse((String) in.get("filename"), upload.get().filename());
            String id = state.newId("GenericFile");
            SandboxFile file = new SandboxFile(id, filename, (String) in.get("alt"), contentType,
                    upload.get().mimeType(), source, content.length, upload.get().sha256().orElseThrow(),
                    sandbox.url("/files/" + ShopifyState.legacyId(id) + "/" + filename).toString(), "READY",
                    clock.instant());
            state.putFile(file, content);
            created.add(file(file));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("files", created);
        payload.put("userErrors", errors);
        return payload;
    }

    private Map<String, Object> files(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"), FILE_KEYS);
        List<SandboxFile> matching = state.files().stream().filter(f -> query.matches(key -> switch (key) {
            case "filename" -> f.filename();
            case "media_type" -> f.contentType();
            case "id" -> ShopifyState.legacyId(f.id());
            case "created_at" -> f.createdAt();
            default -> null;
        })).toList();
        return Connections.page(matching, SandboxFile::id, this::file, env, bulk);
    }

    private Map<String, Object> file(SandboxFile f) {
        Map<String, Object> m = typed("GenericFile", f.id());
        m.put("alt", f.alt());
        m.put("createdAt", f.createdAt());
        m.put("updatedAt", f.createdAt());
        m.put("fileStatus", f.fileStatus());
        m.put("fileErrors", List.of());
        m.put("mimeType", f.mimeType());
        m.put("originalFileSize", (int) Math.min(Integer.MAX_VALUE, f.size()));
        m.put("url", f.url());
        m.put("preview", null);
        return m;
    }

    // ------------------------------------------------------------------ orders

    private Map<String, Object> orders(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"), ORDER_KEYS);
        String sortKey = Objects.requireNonNullElse(env.getArgument("sortKey"), "ID");
        Comparator<SandboxOrder> order = switch (sortKey) {
            case "ID", "ORDER_NUMBER" -> Comparator.comparingLong(o -> ShopifyState.legacyId(o.id()));
            case "CREATED_AT", "PROCESSED_AT" -> Comparator.comparing(SandboxOrder::createdAt)
                    .thenComparingLong(o -> ShopifyState.legacyId(o.id()));
            case "UPDATED_AT" -> Comparator.comparing(SandboxOrder::updatedAt)
                    .thenComparingLong(o -> ShopifyState.legacyId(o.id()));
            default -> throw new UnsupportedOperationException("orders sortKey " + sortKey
                    + " is not implemented by the Shopify sandbox");
        };
        List<SandboxOrder> matching = state.orders().stream().filter(o -> query.matches(key -> switch (key) {
            case "created_at", "processed_at" -> o.createdAt();
            case "updated_at" -> o.updatedAt();
            case "id" -> ShopifyState.legacyId(o.id());
            case "name" -> o.name();
            case "email" -> o.email().orElse(null);
            case "financial_status" -> o.financialStatus();
            default -> null;
        })).sorted(order).toList();
        return Connections.page(matching, SandboxOrder::id, this::order, env, bulk);
    }

    private Map<String, Object> order(SandboxOrder o) {
        String c = o.currency();
        Map<String, Object> m = typed("Order", o.id());
        m.put("legacyResourceId", String.valueOf(ShopifyState.legacyId(o.id())));
        m.put("name", o.name());
        m.put("email", o.email().orElse(null));
        m.put("createdAt", o.createdAt());
        m.put("updatedAt", o.updatedAt());
        m.put("processedAt", o.createdAt());
        m.put("cancelledAt", null);
        m.put("test", false);
        m.put("currencyCode", c);
        m.put("presentmentCurrencyCode", c);
        m.put("displayFinancialStatus", o.financialStatus());
        m.put("taxesIncluded", false);
        m.put("paymentGatewayNames", List.of("shopify_payments"));
        m.put("discountCodes", o.discountCodes());
        m.put("customer", o.customerId().map(id -> {
            Map<String, Object> customer = typed("Customer", id);
            customer.put("email", o.email().orElse(null));
            customer.put("displayName", o.email().orElse("Customer"));
            return customer;
        }).orElse(null));
        BigDecimal subtotal = o.subtotalBeforeDiscounts().subtract(o.totalDiscounts());
        m.put("subtotalPriceSet", bag(subtotal, c));
        m.put("totalDiscountsSet", bag(o.totalDiscounts(), c));
        m.put("totalTaxSet", bag(o.totalTax(), c));
        m.put("totalPriceSet", bag(o.totalPrice(), c));
        m.put("currentTotalPriceSet", bag(o.totalPrice().subtract(o.totalRefunded()), c));
        m.put("totalRefundedSet", bag(o.totalRefunded(), c));
        m.put("taxLines", mergedTaxLines(o));
        m.put("lineItems", (LazyField) env -> Connections.page(o.lineItems(), SandboxLineItem::id,
                l -> lineItem(l, c), env, bulk));
        m.put("refunds", (LazyField) env -> limit(o.refunds(), env).stream().map(r -> refund(r, o)).toList());
        m.put("transactions", (LazyField) env -> limit(o.transactions(), env).stream().map(t -> transaction(t, c)).toList());
        return m;
    }

    private static <T> List<T> limit(List<T> items, DataFetchingEnvironment env) {
        Integer first = env.getArgument("first");
        return first == null ? items : items.subList(0, Math.min(first, items.size()));
    }

    private Map<String, Object> lineItem(SandboxLineItem l, String currency) {
        Map<String, Object> m = typed("LineItem", l.id());
        m.put("sku", l.sku());
        m.put("title", l.title());
        m.put("name", l.title());
        m.put("quantity", l.quantity());
        m.put("originalUnitPriceSet", bag(l.unitPrice(), currency));
        m.put("originalTotalSet", bag(l.originalTotal(), currency));
        m.put("totalDiscountSet", bag(l.discount(), currency));
        m.put("discountedTotalSet", bag(l.originalTotal().subtract(l.discount()), currency));
        m.put("discountedUnitPriceSet", bag(l.originalTotal().subtract(l.discount())
                .divide(BigDecimal.valueOf(l.quantity()), 2, java.math.RoundingMode.HALF_UP), currency));
        m.put("taxLines", l.taxLines().stream().map(t -> taxLine(t, currency)).toList());
        Optional<SandboxProduct> product = state.productBySku(l.sku());
        m.put("product", product.map(this::product).orElse(null));
        m.put("variant", product.flatMap(p -> p.variants().stream().filter(v -> v.sku().equals(l.sku())).findFirst()
                .map(v -> variant(v, p))).orElse(null));
        Map<String, Object> allocation = new LinkedHashMap<>();
        allocation.put("allocatedAmountSet", bag(l.discount(), currency));
        m.put("discountAllocations", l.discount().signum() == 0 ? List.of() : List.of(allocation));
        return m;
    }

    private List<Object> mergedTaxLines(SandboxOrder o) {
        Map<String, SandboxTaxLine> merged = new LinkedHashMap<>();
        for (SandboxLineItem l : o.lineItems()) {
            for (SandboxTaxLine t : l.taxLines()) {
                merged.merge(t.title() + "|" + t.rate(), t, (a, b) -> new SandboxTaxLine(a.title(), a.rate(),
                        a.amount().add(b.amount())));
            }
        }
        return merged.values().stream().map(t -> (Object) taxLine(t, o.currency())).toList();
    }

    private Map<String, Object> taxLine(SandboxTaxLine t, String currency) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", t.title());
        m.put("rate", t.rate().doubleValue());
        m.put("ratePercentage", t.rate().movePointRight(2).doubleValue());
        m.put("price", t.amount());
        m.put("priceSet", bag(t.amount(), currency));
        m.put("channelLiable", false);
        m.put("source", "Shopify");
        return m;
    }

    private Map<String, Object> refund(SandboxRefund r, SandboxOrder o) {
        Map<String, Object> m = typed("Refund", r.id());
        m.put("createdAt", r.createdAt());
        m.put("note", r.note());
        m.put("totalRefundedSet", bag(r.amount(), o.currency()));
        List<SandboxTransaction> refundTransactions = o.transactions().stream()
                .filter(t -> "REFUND".equals(t.kind()) && t.processedAt().equals(r.createdAt())
                        && t.amount().compareTo(r.amount()) == 0)
                .limit(1).toList();
        m.put("transactions", (LazyField) env -> Connections.page(refundTransactions, SandboxTransaction::id,
                t -> transaction(t, o.currency()), env, bulk));
        return m;
    }

    private Map<String, Object> transaction(SandboxTransaction t, String currency) {
        Map<String, Object> m = typed("OrderTransaction", t.id());
        m.put("kind", t.kind());
        m.put("status", t.status());
        m.put("gateway", t.gateway());
        m.put("amountSet", bag(t.amount(), currency));
        m.put("processedAt", t.processedAt());
        m.put("createdAt", t.processedAt());
        m.put("parentTransaction", null);
        List<Object> fees = new ArrayList<>();
        if (t.fee().signum() != 0) {
            Map<String, Object> fee = typed("TransactionFee", t.id().replace("OrderTransaction", "TransactionFee"));
            fee.put("amount", money(t.fee(), currency));
            fee.put("flatFee", money(BigDecimal.ZERO.setScale(2), currency));
            fee.put("flatFeeName", null);
            fee.put("rate", BigDecimal.ZERO);
            fee.put("rateName", "Shopify Payments processing fee");
            fee.put("taxAmount", money(BigDecimal.ZERO.setScale(2), currency));
            fee.put("type", "payment_processing");
            fees.add(fee);
        }
        m.put("fees", fees);
        return m;
    }

    // ------------------------------------------------------------------ payments

    private Map<String, Object> paymentsAccount() {
        Map<String, Object> m = typed("ShopifyPaymentsAccount", "gid://shopify/ShopifyPaymentsAccount/1");
        m.put("activated", true);
        m.put("country", "US");
        m.put("defaultCurrency", "USD");
        m.put("onboardable", false);
        m.put("payouts", (LazyField) this::payouts);
        m.put("balanceTransactions", (LazyField) this::balanceTransactions);
        return m;
    }

    private Map<String, Object> payouts(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"), PAYOUT_KEYS);
        List<SandboxPayout> matching = state.payouts().stream().filter(p -> query.matches(key -> switch (key) {
            case "issued_at" -> p.issuedAt();
            case "status" -> p.status();
            case "id" -> ShopifyState.legacyId(p.id());
            default -> null;
        })).toList();
        return Connections.page(matching, SandboxPayout::id, this::payout, env, bulk);
    }

    private Map<String, Object> payout(SandboxPayout p) {
        String c = p.currency();
        Map<String, Object> m = typed("ShopifyPaymentsPayout", p.id());
        m.put("legacyResourceId", String.valueOf(ShopifyState.legacyId(p.id())));
        m.put("issuedAt", p.issuedAt());
        m.put("status", p.status());
        m.put("transactionType", "DEPOSIT");
        m.put("gross", money(p.gross(), c));
        m.put("net", money(p.net(), c));
        List<SandboxBalanceTransaction> lines = state.balanceTransactions().stream()
                .filter(b -> b.payoutId().equals(p.id())).toList();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("chargesGross", money(sum(lines, "CHARGE", SandboxBalanceTransaction::amount), c));
        summary.put("chargesFee", money(sum(lines, "CHARGE", SandboxBalanceTransaction::fee), c));
        summary.put("refundsFeeGross", money(sum(lines, "REFUND", SandboxBalanceTransaction::amount), c));
        summary.put("refundsFee", money(sum(lines, "REFUND", SandboxBalanceTransaction::fee), c));
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        for (String k : List.of("adjustmentsGross", "adjustmentsFee", "advanceGross", "advanceFees", "reservedFundsGross",
                "reservedFundsFee", "retriedPayoutsGross", "retriedPayoutsFee")) {
            summary.put(k, money(zero, c));
        }
        m.put("summary", summary);
        return m;
    }

    private static BigDecimal sum(List<SandboxBalanceTransaction> lines, String type,
            Function<SandboxBalanceTransaction, BigDecimal> value) {
        return lines.stream().filter(b -> b.type().equals(type)).map(value).reduce(BigDecimal.ZERO.setScale(2),
                BigDecimal::add);
    }

    private Map<String, Object> balanceTransactions(DataFetchingEnvironment env) {
        SearchQuery query = SearchQuery.parse(env.getArgument("query"), BALANCE_KEYS);
        List<SandboxBalanceTransaction> matching = state.balanceTransactions().stream()
                .filter(b -> query.matches(key -> switch (key) {
                    case "payments_transfer_id", "payout_id" -> ShopifyState.legacyId(b.payoutId());
                    case "processed_at" -> b.transactionDate();
                    case "transaction_type" -> b.type();
                    default -> null;
                })).toList();
        return Connections.page(matching, SandboxBalanceTransaction::id, this::balanceTransaction, env, bulk);
    }

    private Map<String, Object> balanceTransaction(SandboxBalanceTransaction b) {
        String c = b.currency();
        Map<String, Object> m = typed("ShopifyPaymentsBalanceTransaction", b.id());
        m.put("type", b.type());
        m.put("test", false);
        m.put("amount", money(b.amount(), c));
        m.put("fee", money(b.fee(), c));
        m.put("net", money(b.net(), c));
        m.put("transactionDate", b.transactionDate());
        m.put("sourceType", b.type());
        m.put("sourceId", String.valueOf(b.sourceOrderTransactionId()));
        m.put("sourceOrderTransactionId", String.valueOf(b.sourceOrderTransactionId()));
        m.put("adjustmentReason", null);
        m.put("adjustmentsOrders", List.of());
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", b.orderId());
        order.put("name", state.order(b.orderId()).map(SandboxOrder::name).orElse(""));
        m.put("associatedOrder", order);
        Map<String, Object> payout = new LinkedHashMap<>();
        payout.put("id", b.payoutId());
        payout.put("status", "PAID");
        m.put("associatedPayout", payout);
        return m;
    }

    // ------------------------------------------------------------------ bulk operations

    private Map<String, Object> bulkOperationRunQuery(DataFetchingEnvironment env) {
        String query = env.getArgument("query");
        Map<String, Object> payload = new LinkedHashMap<>();
        List<String> problems;
        try {
            problems = io.patternhub.testkit.shopify.ShopifyAdminSchema.validate(query).stream()
                    .map(graphql.GraphQLError::getMessage).toList();
        } catch (InvalidSyntaxException e) {
            problems = List.of(e.getMessage());
        }
        if (!problems.isEmpty()) {
            payload.put("bulkOperation", null);
            payload.put("userErrors", List.of(userError(List.of("query"), "Invalid bulk query: " + problems.get(0), null)));
            return payload;
        }
        boolean running = state.bulkOperations().stream()
                .anyMatch(op -> op.status().equals("CREATED") || op.status().equals("RUNNING"));
        if (running) {
            payload.put("bulkOperation", null);
            payload.put("userErrors", List.of(userError(null,
                    "A bulk query operation for this app and shop is already in progress: "
                            + state.bulkOperations().get(state.bulkOperations().size() - 1).id() + ".", null)));
            return payload;
        }
        SandboxBulkOperation created = new SandboxBulkOperation(state.newId("BulkOperation"), query, "CREATED",
                clock.instant(), Optional.empty(), 0, 0, 0, Optional.empty(), Optional.empty());
        state.putBulkOperation(created);
        bulkWorker.submit(() -> runBulk(created));
        payload.put("bulkOperation", bulkOperation(created));
        payload.put("userErrors", List.of());
        return payload;
    }

    private void runBulk(SandboxBulkOperation created) {
        state.putBulkOperation(withStatus(created, "RUNNING"));
        try {
            BulkJsonl.Result result = bulkRunner.apply(created);
            String url = sandbox.url("/bulk/" + ShopifyState.legacyId(created.id()) + ".jsonl").toString();
            state.completeBulkOperation(new SandboxBulkOperation(created.id(), created.query(), "COMPLETED",
                    created.createdAt(), Optional.of(clock.instant()), result.objectCount(), result.rootObjectCount(),
                    result.jsonl().length, Optional.of(url), Optional.empty()), result.jsonl());
        } catch (RuntimeException e) {
            state.putBulkOperation(new SandboxBulkOperation(created.id(), created.query(), "FAILED",
                    created.createdAt(), Optional.of(clock.instant()), 0, 0, 0, Optional.empty(),
                    Optional.of("INTERNAL_SERVER_ERROR")));
        }
    }

    private static SandboxBulkOperation withStatus(SandboxBulkOperation op, String status) {
        return new SandboxBulkOperation(op.id(), op.query(), status, op.createdAt(), op.completedAt(), op.objectCount(),
                op.rootObjectCount(), op.fileSize(), op.url(), op.errorCode());
    }

    private Object currentBulkOperation() {
        List<SandboxBulkOperation> all = state.bulkOperations();
        return all.isEmpty() ? null : bulkOperation(all.get(all.size() - 1));
    }

    private Map<String, Object> bulkOperation(SandboxBulkOperation op) {
        Map<String, Object> m = typed("BulkOperation", op.id());
        m.put("status", op.status());
        m.put("type", "QUERY");
        m.put("query", op.query());
        m.put("createdAt", op.createdAt());
        m.put("completedAt", op.completedAt().orElse(null));
        m.put("objectCount", String.valueOf(op.objectCount()));
        m.put("rootObjectCount", String.valueOf(op.rootObjectCount()));
        m.put("fileSize", op.status().equals("COMPLETED") ? String.valueOf(op.fileSize()) : null);
        m.put("url", op.url().orElse(null));
        m.put("partialDataUrl", null);
        m.put("errorCode", op.errorCode().orElse(null));
        return m;
    }

    // ------------------------------------------------------------------ webhooks

    private Map<String, Object> webhookSubscriptionCreate(DataFetchingEnvironment env) {
        String topic = env.getArgument("topic");
        Map<String, Object> input = env.getArgument("webhookSubscription");
        String callbackUrl = (String) input.get("callbackUrl");
        Map<String, Object> payload = new LinkedHashMap<>();
        String problem = null;
        if (callbackUrl == null || !(callbackUrl.startsWith("https://") || callbackUrl.startsWith("http://"))) {
            problem = "Address is invalid";
        } else if (state.subscriptions().stream().anyMatch(s -> s.topic().equals(topic)
                && s.callbackUrl().equals(callbackUrl))) {
            problem = "Address for this topic has already been taken";
        }
        if (problem != null) {
            payload.put("webhookSubscription", null);
            payload.put("userErrors", List.of(userError(List.of("webhookSubscription", "callbackUrl"), problem, null)));
            return payload;
        }
        SandboxWebhookSubscription s = new SandboxWebhookSubscription(state.newId("WebhookSubscription"), topic,
                callbackUrl, Objects.requireNonNullElse((String) input.get("format"), "JSON"), clock.instant());
        state.putSubscription(s);
        payload.put("webhookSubscription", subscription(s));
        payload.put("userErrors", List.of());
        return payload;
    }

    private Map<String, Object> webhookSubscriptionDelete(DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        Map<String, Object> payload = new LinkedHashMap<>();
        boolean removed = state.removeSubscription(id);
        payload.put("deletedWebhookSubscriptionId", removed ? id : null);
        payload.put("userErrors", removed ? List.of()
                : List.of(userError(List.of("id"), "Webhook subscription does not exist", null)));
        return payload;
    }

    private Map<String, Object> webhookSubscriptions(DataFetchingEnvironment env) {
        List<String> topics = env.getArgument("topics");
        String callbackUrl = env.getArgument("callbackUrl");
        List<SandboxWebhookSubscription> matching = state.subscriptions().stream()
                .filter(s -> topics == null || topics.contains(s.topic()))
                .filter(s -> callbackUrl == null || callbackUrl.equals(s.callbackUrl()))
                .toList();
        return Connections.page(matching, SandboxWebhookSubscription::id, this::subscription, env, bulk);
    }

    private Map<String, Object> subscription(SandboxWebhookSubscription s) {
        Map<String, Object> m = typed("WebhookSubscription", s.id());
        m.put("legacyResourceId", String.valueOf(ShopifyState.legacyId(s.id())));
        m.put("topic", s.topic());
        m.put("callbackUrl", s.callbackUrl());
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put(SandboxWiring.TYPENAME, "WebhookHttpEndpoint");
        endpoint.put("callbackUrl", s.callbackUrl());
        m.put("endpoint", endpoint);
        m.put("format", s.format());
        m.put("createdAt", s.createdAt());
        m.put("updatedAt", s.createdAt());
        m.put("includeFields", List.of());
        m.put("metafieldNamespaces", List.of());
        m.put("filter", null);
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("handle", sandbox.apiVersion());
        version.put("displayName", sandbox.apiVersion());
        version.put("supported", true);
        m.put("apiVersion", version);
        return m;
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, Object> typed(String type, String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(SandboxWiring.TYPENAME, type);
        m.put("id", id);
        return m;
    }

    static Map<String, Object> userError(List<String> field, String message, String code) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("field", field);
        e.put("message", message);
        e.put("code", code);
        return e;
    }

    private static Map<String, Object> filesError(List<String> field, String message, String code) {
        return userError(field, message, code);
    }

    static Map<String, Object> money(BigDecimal amount, String currency) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("amount", amount);
        m.put("currencyCode", currency);
        return m;
    }

    static Map<String, Object> bag(BigDecimal amount, String currency) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shopMoney", money(amount, currency));
        m.put("presentmentMoney", money(amount, currency));
        return m;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static String joined(List<String> values) {
        return values.stream().collect(Collectors.joining(", "));
    }

    static Instant now(Clock clock) {
        return clock.instant();
    }
}
