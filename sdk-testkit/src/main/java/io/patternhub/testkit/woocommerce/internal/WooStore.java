package io.patternhub.testkit.woocommerce.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.testkit.SandboxRejection;
import io.patternhub.testkit.woocommerce.WooOrderSeed;
import io.patternhub.testkit.woocommerce.WooOrderView;
import io.patternhub.testkit.woocommerce.WooPermissionView;
import io.patternhub.testkit.woocommerce.WooProductView;
import io.patternhub.testkit.woocommerce.WooWebhookView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The sandbox's WooCommerce state: products with downloads, orders with lines, tax, fee and refund
 * lines, download permissions, webhooks. Every method runs under one lock. Timestamps are whole
 * seconds (WordPress stores {@code Y-m-d H:i:s}). Not public API.
 */
public final class WooStore {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final Set<String> PRODUCT_STATUSES = Set.of("draft", "pending", "private", "publish");
    private static final Set<String> ORDER_STATUSES = Set.of("pending", "processing", "on-hold", "completed",
            "cancelled", "refunded", "failed");

    private final Clock clock;
    private final Object lock = new Object();
    private long nextId = 100;
    private final Map<Long, Product> products = new LinkedHashMap<>();
    private final Map<Long, Order> orders = new LinkedHashMap<>();
    private final List<Permission> permissions = new ArrayList<>();
    private final Map<Long, Webhook> webhooks = new LinkedHashMap<>();

    public WooStore(Clock clock) {
        this.clock = clock;
    }

    public Object lock() {
        return lock;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    // ------------------------------------------------------------------ products

    static final class Product {
        long id;
        String name = "";
        String sku = "";
        String status = "publish";
        String regularPrice = "";
        String description = "";
        boolean virtual;
        boolean downloadable;
        List<WooProductView.Download> downloads = new ArrayList<>();
        int downloadLimit = -1;
        int downloadExpiry = -1;
        Instant created;
        Instant modified;
    }

    public ObjectNode createProduct(JsonNode body) {
        synchronized (lock) {
            Product p = new Product();
            p.id = nextId++;
            p.created = now();
            applyProduct(p, body, true);
            products.put(p.id, p);
            return productJson(p);
        }
    }

    public ObjectNode updateProduct(long id, JsonNode body) {
        synchronized (lock) {
            Product p = product(id);
            applyProduct(p, body, false);
            return productJson(p);
        }
    }

    public ObjectNode deleteProduct(long id) {
        synchronized (lock) {
            Product p = product(id);
            products.remove(id);
            return productJson(p);
        }
    }

    private void applyProduct(Product p, JsonNode body, boolean creating) {
        if (!body.isObject()) {
            throw invalid("rest_invalid_json", "The request body is not a JSON object.");
        }
        if (body.has("sku")) {
            String sku = body.path("sku").asText("");
            boolean taken = !sku.isEmpty() && products.values().stream()
                    .anyMatch(o -> o.id != p.id && o.sku.equals(sku));
            if (taken) {
                throw SandboxRejection.of(400, "product_invalid_sku",
                        "Invalid or duplicated SKU.");
            }
            p.sku = sku;
        }
        if (body.has("status")) {
            String s = body.path("status").asText();
            if (!PRODUCT_STATUSES.contains(s)) {
                throw invalid("rest_invalid_param", "Invalid parameter(s): status");
            }
            p.status = s;
        }
        if (body.has("name")) {
            p.name = body.path("name").asText("");
        }
        if (creating && p.name.isBlank()) {
            p.name = "Product";
        }
        if (body.has("regular_price")) {
            String price = body.path("regular_price").asText("");
            if (!price.isEmpty() && !price.matches("\\d+(\\.\\d+)?")) {
                throw invalid("rest_invalid_param", "Invalid parameter(s): regular_price");
            }
            p.regularPrice = price;
        }
        if (body.has("description")) {
            p.description = body.path("description").asText("");
        }
        if (body.has("virtual")) {
            p.virtual = body.path("virtual").asBoolean();
        }
        if (body.has("downloadable")) {
            p.downloadable = body.path("downloadable").asBoolean();
        }
        if (body.has("download_limit")) {
            p.downloadLimit = body.path("download_limit").asInt(-1);
        }
        if (body.has("download_expiry")) {
            p.downloadExpiry = body.path("download_expiry").asInt(-1);
        }
        if (body.has("downloads")) {
            List<WooProductView.Download> downloads = new ArrayList<>();
            for (JsonNode d : body.path("downloads")) {
                String file = d.path("file").asText("");
                if (file.isEmpty()) {
                    continue; // WooCommerce skips entries without a file
                }
                if (!file.matches("(?i)https?://.+")) {
                    throw SandboxRejection.of(400, "woocommerce_rest_invalid_download",
                            "The downloadable file " + file + " cannot be used as it does not exist on the server.");
                }
                String id = d.path("id").asText("");
                downloads.add(new WooProductView.Download(id.isEmpty() ? UUID.randomUUID().toString() : id,
                        d.path("name").asText(fileName(file)), file));
            }
            p.downloads = downloads;
        }
        p.modified = now();
    }

    private static String fileName(String url) {
        int slash = url.lastIndexOf('/');
        return slash < 0 ? url : url.substring(slash + 1);
    }

    Product product(long id) {
        Product p = products.get(id);
        if (p == null) {
            throw SandboxRejection.of(404, "woocommerce_rest_product_invalid_id", "Invalid ID.");
        }
        return p;
    }

    public ObjectNode productJson(long id) {
        synchronized (lock) {
            return productJson(product(id));
        }
    }

    public List<ObjectNode> productsJson(Predicate<ObjectNode> filter) {
        synchronized (lock) {
            List<ObjectNode> out = new ArrayList<>();
            for (Product p : products.values()) {
                ObjectNode json = productJson(p);
                if (filter.test(json)) {
                    out.add(json);
                }
            }
            return out;
        }
    }

    private ObjectNode productJson(Product p) {
        ObjectNode n = JSON.objectNode();
        n.put("id", p.id).put("name", p.name).put("slug", "product-" + p.id).put("type", "simple")
                .put("status", p.status).put("description", p.description).put("sku", p.sku)
                .put("price", p.regularPrice).put("regular_price", p.regularPrice).put("sale_price", "")
                .put("virtual", p.virtual).put("downloadable", p.downloadable)
                .put("download_limit", p.downloadLimit).put("download_expiry", p.downloadExpiry)
                .put("date_created", wp(p.created)).put("date_created_gmt", wp(p.created))
                .put("date_modified", wp(p.modified)).put("date_modified_gmt", wp(p.modified))
                .put("permalink", "https://shop.example/product/product-" + p.id);
        ArrayNode downloads = n.putArray("downloads");
        for (WooProductView.Download d : p.downloads) {
            downloads.addObject().put("id", d.id()).put("name", d.name()).put("file", d.file());
        }
        n.putArray("tags");
        n.putArray("meta_data");
        return n;
    }

    public Optional<WooProductView> productView(long id) {
        synchronized (lock) {
            Product p = products.get(id);
            return Optional.ofNullable(p).map(x -> new WooProductView(x.id, x.name, x.sku, x.status, x.regularPrice,
                    x.virtual, x.downloadable, x.downloads, x.downloadLimit, x.downloadExpiry));
        }
    }

    public List<WooProductView> productViews() {
        synchronized (lock) {
            return products.keySet().stream().map(id -> productView(id).orElseThrow()).toList();
        }
    }

    // ------------------------------------------------------------------ orders

    static final class Order {
        long id;
        String status;
        String currency;
        long customerId;
        String email;
        String country;
        String orderKey;
        List<ObjectNode> lines = new ArrayList<>();
        List<ObjectNode> taxes = new ArrayList<>();
        List<ObjectNode> fees = new ArrayList<>();
        List<Refund> refunds = new ArrayList<>();
        boolean permissionsGranted;
        Instant created;
        Instant modified;
        Instant paid;
        Instant completed;
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal totalTax = BigDecimal.ZERO;
    }

    static final class Refund {
        long id;
        BigDecimal amount;
        String reason;
        Instant created;
        boolean apiRefund;
    }

    /** Seeds an order, granting download permissions when it is paid, as a checkout would. */
    public long addOrder(WooOrderSeed seed) {
        synchronized (lock) {
            if (!ORDER_STATUSES.contains(seed.status())) {
                throw new IllegalArgumentException("unknown order status " + seed.status());
            }
            Order o = new Order();
            o.id = nextId++;
            o.status = seed.status();
            o.currency = seed.currency();
            o.customerId = seed.customerId();
            o.email = seed.email();
            o.country = seed.country();
            o.orderKey = "wc_order_" + Long.toString(o.id, 36) + "x";
            o.created = now();
            o.modified = o.created;
            long itemId = o.id * 1000;
            for (WooOrderSeed.Line l : seed.lines()) {
                Product p = products.get(l.productId());
                BigDecimal total = l.unitPrice().multiply(BigDecimal.valueOf(l.quantity()));
                ObjectNode line = JSON.objectNode().put("id", ++itemId)
                        .put("name", p == null ? "Deleted product" : p.name).put("product_id", l.productId())
                        .put("variation_id", 0).put("quantity", l.quantity()).put("tax_class", "")
                        .put("subtotal", money(total)).put("subtotal_tax", money(l.lineTax()))
                        .put("total", money(total)).put("total_tax", money(l.lineTax()))
                        .put("sku", p == null ? "" : p.sku).put("price", l.unitPrice().doubleValue());
                line.putArray("taxes");
                line.putArray("meta_data");
                o.lines.add(line);
                o.total = o.total.add(total).add(l.lineTax());
                o.totalTax = o.totalTax.add(l.lineTax());
            }
            for (WooOrderSeed.Tax t : seed.taxes()) {
                ObjectNode tax = JSON.objectNode().put("id", ++itemId).put("rate_code", t.rateCode())
                        .put("rate_id", itemId).put("label", t.label()).put("compound", false)
                        .put("tax_total", money(t.total())).put("shipping_tax_total", "0.00")
                        .put("rate_percent", t.ratePercent().doubleValue());
                tax.putArray("meta_data");
                o.taxes.add(tax);
            }
            for (WooOrderSeed.FeeLine f : seed.fees()) {
                ObjectNode fee = JSON.objectNode().put("id", ++itemId).put("name", f.name()).put("tax_class", "")
                        .put("tax_status", "none").put("total", money(f.total())).put("total_tax", "0.00");
                fee.putArray("taxes");
                fee.putArray("meta_data");
                o.fees.add(fee);
                o.total = o.total.add(f.total());
            }
            if (isPaidStatus(o.status)) {
                o.paid = o.created;
                if ("completed".equals(o.status)) {
                    o.completed = o.created;
                }
                grantIfNeeded(o);
            }
            orders.put(o.id, o);
            return o.id;
        }
    }

    private static boolean isPaidStatus(String status) {
        return "processing".equals(status) || "completed".equals(status);
    }

    Order order(long id) {
        Order o = orders.get(id);
        if (o == null) {
            throw SandboxRejection.of(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
        }
        return o;
    }

    /**
     * Applies an order update ({@code status}, {@code meta_data}, {@code customer_note}...). A move into
     * {@code processing} or {@code completed} runs WooCommerce's grant: every file of every
     * downloadable product on the order gets a permission, unless the order's
     * {@code _download_permissions_granted} flag is already set (WooCommerce does not de-duplicate).
     */
    public ObjectNode updateOrder(long id, JsonNode body) {
        synchronized (lock) {
            Order o = order(id);
            if (!body.isObject()) {
                throw invalid("rest_invalid_json", "The request body is not a JSON object.");
            }
            for (JsonNode meta : body.path("meta_data")) {
                if ("_download_permissions_granted".equals(meta.path("key").asText())) {
                    o.permissionsGranted = "yes".equals(meta.path("value").asText());
                }
            }
            if (body.has("status")) {
                String to = body.path("status").asText();
                if (!ORDER_STATUSES.contains(to)) {
                    throw invalid("rest_invalid_param", "Invalid parameter(s): status");
                }
                if (!to.equals(o.status)) {
                    o.status = to;
                    if (isPaidStatus(to)) {
                        if (o.paid == null) {
                            o.paid = now();
                        }
                        if ("completed".equals(to)) {
                            o.completed = now();
                        }
                        grantIfNeeded(o);
                    }
                }
            }
            o.modified = now();
            return orderJson(o);
        }
    }

    private void grantIfNeeded(Order o) {
        if (o.permissionsGranted) {
            return;
        }
        for (ObjectNode line : o.lines) {
            Product p = products.get(line.path("product_id").asLong());
            if (p == null || !p.downloadable) {
                continue;
            }
            int qty = line.path("quantity").asInt(1);
            for (WooProductView.Download d : p.downloads) {
                Optional<Integer> remaining = p.downloadLimit < 0 ? Optional.empty()
                        : Optional.of(p.downloadLimit * qty);
                Optional<Instant> expires = p.downloadExpiry > 0
                        ? Optional.of((o.completed != null ? o.completed : now()).plus(Duration.ofDays(p.downloadExpiry)))
                        : Optional.empty();
                permissions.add(new Permission(d.id(), p.id, o.id, o.customerId, remaining, expires, now()));
            }
        }
        o.permissionsGranted = true;
    }

    record Permission(String downloadId, long productId, long orderId, long customerId,
            Optional<Integer> remaining, Optional<Instant> expires, Instant granted) {
    }

    public ObjectNode refund(long orderId, JsonNode body) {
        synchronized (lock) {
            Order o = order(orderId);
            BigDecimal amount;
            try {
                amount = new BigDecimal(body.path("amount").asText("0"));
            } catch (NumberFormatException e) {
                throw invalid("rest_invalid_param", "Invalid parameter(s): amount");
            }
            BigDecimal refunded = refunded(o);
            if (amount.signum() <= 0 || amount.add(refunded).compareTo(o.total) > 0) {
                throw SandboxRejection.of(400, "woocommerce_rest_cannot_create_order_refund",
                        "Invalid refund amount.");
            }
            Refund r = new Refund();
            r.id = nextId++;
            r.amount = amount;
            r.reason = body.path("reason").asText("");
            r.created = now();
            r.apiRefund = body.path("api_refund").asBoolean(true);
            o.refunds.add(r);
            if (refunded(o).compareTo(o.total) >= 0) {
                o.status = "refunded";
            }
            o.modified = now();
            return refundJson(r);
        }
    }

    private static BigDecimal refunded(Order o) {
        return o.refunds.stream().map(r -> r.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public List<ObjectNode> refundsJson(long orderId) {
        synchronized (lock) {
            return order(orderId).refunds.stream().map(WooStore::refundJson).toList();
        }
    }

    private static ObjectNode refundJson(Refund r) {
        ObjectNode n = JSON.objectNode().put("id", r.id).put("date_created", wp(r.created))
                .put("date_created_gmt", wp(r.created)).put("amount", money(r.amount)).put("reason", r.reason)
                .put("refunded_by", 1).put("refunded_payment", r.apiRefund);
        n.putArray("meta_data");
        n.putArray("line_items");
        return n;
    }

    public ObjectNode orderJson(long id) {
        synchronized (lock) {
            return orderJson(order(id));
        }
    }

    /** The orders matching a filter, as JSON, in id order. */
    public List<ObjectNode> ordersJson(Predicate<Long> idFilter, OrderFilter filter) {
        synchronized (lock) {
            List<ObjectNode> out = new ArrayList<>();
            for (Order o : orders.values()) {
                if (idFilter.test(o.id) && filter.test(o)) {
                    out.add(orderJson(o));
                }
            }
            return out;
        }
    }

    /** Which orders a list request wants. */
    public record OrderFilter(Optional<Instant> after, Optional<Instant> before, Optional<Instant> modifiedAfter,
            Optional<Instant> modifiedBefore, Set<String> statuses, Optional<Long> product, Optional<Long> customer) {
        boolean test(Order o) {
            return after.map(o.created::isAfter).orElse(true)
                    && before.map(o.created::isBefore).orElse(true)
                    && modifiedAfter.map(o.modified::isAfter).orElse(true)
                    && modifiedBefore.map(o.modified::isBefore).orElse(true)
                    && (statuses.isEmpty() || statuses.contains("any") || statuses.contains(o.status))
                    && customer.map(c -> c == o.customerId).orElse(true)
                    && product.map(p -> o.lines.stream().anyMatch(l -> l.path("product_id").asLong() == p))
                            .orElse(true);
        }
    }

    private ObjectNode orderJson(Order o) {
        ObjectNode n = JSON.objectNode();
        n.put("id", o.id).put("parent_id", 0).put("number", String.valueOf(o.id)).put("order_key", o.orderKey)
                .put("created_via", "checkout").put("version", "8.6.1").put("status", o.status)
                .put("currency", o.currency)
                .put("date_created", wp(o.created)).put("date_created_gmt", wp(o.created))
                .put("date_modified", wp(o.modified)).put("date_modified_gmt", wp(o.modified))
                .put("discount_total", "0.00").put("discount_tax", "0.00")
                .put("shipping_total", "0.00").put("shipping_tax", "0.00")
                .put("cart_tax", money(o.totalTax)).put("total", money(o.total)).put("total_tax", money(o.totalTax))
                .put("prices_include_tax", false).put("customer_id", o.customerId)
                .put("payment_method", "stripe").put("payment_method_title", "Credit card")
                .put("transaction_id", "txn_" + o.id);
        n.put("date_paid", o.paid == null ? null : wp(o.paid));
        n.put("date_paid_gmt", o.paid == null ? null : wp(o.paid));
        n.put("date_completed", o.completed == null ? null : wp(o.completed));
        n.put("date_completed_gmt", o.completed == null ? null : wp(o.completed));
        ObjectNode billing = n.putObject("billing");
        billing.put("first_name", "Ada").put("last_name", "Buyer").put("email", o.email).put("country", o.country);
        n.putArray("meta_data").addObject().put("id", o.id * 10).put("key", "_download_permissions_granted")
                .put("value", o.permissionsGranted ? "yes" : "no");
        n.putArray("line_items").addAll(o.lines);
        n.putArray("tax_lines").addAll(o.taxes);
        n.putArray("shipping_lines");
        n.putArray("fee_lines").addAll(o.fees);
        n.putArray("coupon_lines");
        ArrayNode refunds = n.putArray("refunds");
        for (Refund r : o.refunds) {
            refunds.addObject().put("id", r.id).put("reason", r.reason).put("total", "-" + money(r.amount));
        }
        return n;
    }

    public Optional<WooOrderView> orderView(long id) {
        synchronized (lock) {
            Order o = orders.get(id);
            return Optional.ofNullable(o).map(x -> new WooOrderView(x.id, x.status, x.customerId, money(x.total),
                    money(refunded(x)), x.refunds.size(), x.permissionsGranted, x.modified));
        }
    }

    public List<Long> orderIds() {
        synchronized (lock) {
            return List.copyOf(orders.keySet());
        }
    }

    /** Moves an order's modification time (sandbox control for polling tests). */
    public void touchOrder(long id) {
        synchronized (lock) {
            order(id).modified = now();
        }
    }

    // ------------------------------------------------------------------ permissions

    public List<WooPermissionView> permissions(long orderId) {
        synchronized (lock) {
            return permissions.stream().filter(p -> p.orderId() == orderId).map(WooStore::view).toList();
        }
    }

    public long permissionCount() {
        synchronized (lock) {
            return permissions.size();
        }
    }

    private static WooPermissionView view(Permission p) {
        return new WooPermissionView(p.downloadId(), p.productId(), p.orderId(), p.customerId(), p.remaining(),
                p.expires(), p.granted());
    }

    /** {@code GET /customers/{id}/downloads}: one entry per permission still usable. */
    public List<ObjectNode> customerDownloadsJson(long customerId, String siteUrl) {
        synchronized (lock) {
            List<ObjectNode> out = new ArrayList<>();
            Instant now = now();
            for (Permission p : permissions) {
                if (p.customerId() != customerId || p.remaining().map(r -> r <= 0).orElse(false)
                        || p.expires().map(e -> !e.isAfter(now)).orElse(false)) {
                    continue;
                }
                Product product = products.get(p.productId());
                Order order = orders.get(p.orderId());
                if (product == null || order == null) {
                    continue;
                }
                Optional<WooProductView.Download> file = product.downloads.stream()
                        .filter(d -> d.id().equals(p.downloadId())).findFirst();
                if (file.isEmpty()) {
                    continue; // the file was removed from the product: WooCommerce no longer lists it
                }
                ObjectNode n = JSON.objectNode().put("download_id", p.downloadId())
                        .put("download_url", siteUrl + "/?download_file=" + p.productId() + "&order=" + order.orderKey
                                + "&key=" + p.downloadId())
                        .put("product_id", p.productId()).put("product_name", product.name)
                        .put("download_name", file.get().name()).put("order_id", p.orderId())
                        .put("order_key", order.orderKey)
                        .put("downloads_remaining", p.remaining().map(String::valueOf).orElse("unlimited"))
                        .put("access_expires", p.expires().map(WooStore::wp).orElse("never"))
                        .put("access_expires_gmt", p.expires().map(WooStore::wp).orElse("never"));
                n.putObject("file").put("name", file.get().name()).put("file", file.get().file());
                out.add(n);
            }
            return out;
        }
    }

    // ------------------------------------------------------------------ webhooks

    static final class Webhook {
        long id;
        String name;
        String status;
        String topic;
        String deliveryUrl;
        String secret;
        int failures;
        int deliveries;
        Instant created;
        Instant modified;
    }

    public ObjectNode createWebhook(JsonNode body, String defaultSecret) {
        synchronized (lock) {
            String topic = body.path("topic").asText("");
            String url = body.path("delivery_url").asText("");
            if (!topic.matches("(order|product|customer|coupon)\\.(created|updated|deleted|restored)|action\\..+")) {
                throw SandboxRejection.of(400, "rest_invalid_param", "Invalid parameter(s): topic");
            }
            if (!url.matches("(?i)https?://.+")) {
                throw SandboxRejection.of(400, "rest_invalid_param", "Invalid parameter(s): delivery_url");
            }
            Webhook w = new Webhook();
            w.id = nextId++;
            w.name = body.path("name").asText("Webhook " + topic);
            w.status = "active";
            w.topic = topic;
            w.deliveryUrl = url;
            w.secret = body.path("secret").asText(defaultSecret);
            w.created = now();
            w.modified = w.created;
            applyWebhookStatus(w, body);
            webhooks.put(w.id, w);
            return webhookJson(w);
        }
    }

    public ObjectNode updateWebhook(long id, JsonNode body) {
        synchronized (lock) {
            Webhook w = webhook(id);
            if (body.has("name")) {
                w.name = body.path("name").asText();
            }
            if (body.has("secret")) {
                w.secret = body.path("secret").asText();
            }
            if (body.has("delivery_url")) {
                w.deliveryUrl = body.path("delivery_url").asText();
            }
            applyWebhookStatus(w, body);
            w.modified = now();
            return webhookJson(w);
        }
    }

    private static void applyWebhookStatus(Webhook w, JsonNode body) {
        if (body.has("status")) {
            String s = body.path("status").asText();
            if (!Set.of("active", "paused", "disabled").contains(s)) {
                throw SandboxRejection.of(400, "rest_invalid_param", "Invalid parameter(s): status");
            }
            if ("active".equals(s)) {
                w.failures = 0; // re-enabling starts the failure count afresh
            }
            w.status = s;
        }
    }

    public ObjectNode deleteWebhook(long id) {
        synchronized (lock) {
            Webhook w = webhook(id);
            webhooks.remove(id);
            return webhookJson(w);
        }
    }

    Webhook webhook(long id) {
        Webhook w = webhooks.get(id);
        if (w == null) {
            throw SandboxRejection.of(404, "woocommerce_rest_webhook_invalid_id", "Invalid ID.");
        }
        return w;
    }

    public ObjectNode webhookJson(long id) {
        synchronized (lock) {
            return webhookJson(webhook(id));
        }
    }

    public List<ObjectNode> webhooksJson(Optional<String> status) {
        synchronized (lock) {
            return webhooks.values().stream().filter(w -> status.map(s -> s.equals("all") || s.equals(w.status))
                    .orElse(true)).map(WooStore::webhookJson).toList();
        }
    }

    private static ObjectNode webhookJson(Webhook w) {
        ObjectNode n = JSON.objectNode().put("id", w.id).put("name", w.name).put("status", w.status)
                .put("topic", w.topic).put("resource", w.topic.substring(0, w.topic.indexOf('.')))
                .put("event", w.topic.substring(w.topic.indexOf('.') + 1)).put("delivery_url", w.deliveryUrl)
                .put("date_created", wp(w.created)).put("date_created_gmt", wp(w.created))
                .put("date_modified", wp(w.modified)).put("date_modified_gmt", wp(w.modified));
        n.putArray("hooks");
        return n;
    }

    /** The active webhooks for a topic, as (id, url, secret) to deliver to. */
    public List<Target> targets(String topic) {
        synchronized (lock) {
            List<Target> out = new ArrayList<>();
            for (Webhook w : webhooks.values()) {
                if ("active".equals(w.status) && w.topic.equals(topic)) {
                    out.add(new Target(w.id, w.deliveryUrl, w.secret));
                }
            }
            return out;
        }
    }

    /** Where one delivery goes. */
    public record Target(long webhookId, String url, String secret) {
    }

    /** Records a delivery's outcome: the fifth non-2xx in a row disables the webhook. */
    public void recordDelivery(long webhookId, boolean ok) {
        synchronized (lock) {
            Webhook w = webhooks.get(webhookId);
            if (w == null) {
                return;
            }
            w.deliveries++;
            w.failures = ok ? 0 : w.failures + 1;
            if (w.failures >= 5) {
                w.status = "disabled";
            }
        }
    }

    public Optional<WooWebhookView> webhookView(long id) {
        synchronized (lock) {
            Webhook w = webhooks.get(id);
            return Optional.ofNullable(w).map(x -> new WooWebhookView(x.id, x.topic, x.status, x.deliveryUrl,
                    x.failures, x.deliveries));
        }
    }

    // ------------------------------------------------------------------ values

    static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static String wp(Instant t) {
        return WP_DATE.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    /**
     * Parses an ISO 8601 date as WordPress does for {@code after}/{@code modified_after}: with an offset it
     * is absolute; without one it is GMT when {@code dates_are_gmt} (the sandbox's site timezone is UTC
     * anyway).
     */
    static Instant parseDate(String name, String value) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw invalid("rest_invalid_param", "Invalid parameter(s): " + name);
            }
        }
    }

    static SandboxRejection invalid(String code, String message) {
        return SandboxRejection.of(400, code, message);
    }
}
