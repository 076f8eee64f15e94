package io.patternhub.testkit.woocommerce.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.webhook.HmacBodySigner;
import io.patternhub.testkit.RouteHandler;
import io.patternhub.testkit.SandboxRejection;
import io.patternhub.testkit.SandboxRequest;
import io.patternhub.testkit.SandboxResponse;
import io.patternhub.testkit.SandboxServer;
import io.patternhub.testkit.webhook.SignedWebhook;
import io.patternhub.testkit.webhook.WebhookDelivery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The WooCommerce routes of the sandbox: consumer key authentication, handlers over the
 * {@link WooStore}, pagination headers, batch endpoints, webhook delivery and the
 * {@code /wc-auth/v1/authorize} key-provisioning endpoint. Not public API.
 */
public final class WooApi {
    /** WooCommerce's default batch limit. */
    public static final int BATCH_LIMIT = 100;
    private static final String V3 = WooSpec.API_PREFIX;

    private final SandboxServer server;
    private final WooStore store;
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final String defaultWebhookSecret;
    private final WebhookDelivery delivery = WebhookDelivery.create();
    private final AtomicLong deliveryIds = new AtomicLong(1000);
    private final AtomicLong keyIds = new AtomicLong(1);

    public WooApi(SandboxServer server, WooStore store, String consumerKey, String consumerSecret,
            String defaultWebhookSecret) {
        this.server = server;
        this.store = store;
        this.keys.put(consumerKey, consumerSecret);
        this.defaultWebhookSecret = defaultWebhookSecret;
    }

    public void registerRoutes() {
        api("GET", "/products", req -> page(req, store.productsJson(p -> productMatches(p, req))));
        api("POST", "/products", req -> {
            ObjectNode created = store.createProduct(req.json());
            fire("product.created", created);
            return SandboxResponse.json(201, created);
        });
        api("GET", "/products/{id}", req -> SandboxResponse.json(store.productJson(id(req, "id"))));
        api("PUT", "/products/{id}", req -> {
            ObjectNode updated = store.updateProduct(id(req, "id"), req.json());
            fire("product.updated", updated);
            return SandboxResponse.json(updated);
        });
        api("DELETE", "/products/{id}", req -> {
            ObjectNode deleted = store.deleteProduct(id(req, "id"));
            fire("product.deleted", deleted);
            return SandboxResponse.json(deleted);
        });
        api("POST", "/products/batch", req -> batch(req, "product",
                store::createProduct, b -> store.updateProduct(b.path("id").asLong(), b), store::deleteProduct));

        api("GET", "/orders", this::listOrders);
        api("GET", "/orders/{id}", req -> SandboxResponse.json(store.orderJson(id(req, "id"))));
        api("PUT", "/orders/{id}", req -> {
            ObjectNode updated = store.updateOrder(id(req, "id"), req.json());
            fire("order.updated", updated);
            return SandboxResponse.json(updated);
        });
        api("POST", "/orders/batch", req -> batch(req, "order", b -> {
            throw SandboxRejection.of(400, "woocommerce_rest_sandbox_unsupported",
                    "The sandbox seeds orders with WooCommerceSandbox.addOrder");
        }, b -> store.updateOrder(b.path("id").asLong(), b), id -> {
            throw SandboxRejection.of(400, "woocommerce_rest_sandbox_unsupported", "The sandbox does not delete orders");
        }));
        api("GET", "/orders/{order_id}/refunds", req -> page(req, store.refundsJson(id(req, "order_id"))));
        api("POST", "/orders/{order_id}/refunds", req -> {
            ObjectNode refund = store.refund(id(req, "order_id"), req.json());
            fire("order.updated", store.orderJson(id(req, "order_id")));
            return SandboxResponse.json(201, refund);
        });
        api("GET", "/customers/{customer_id}/downloads", req -> SandboxResponse.json(
                store.customerDownloadsJson(id(req, "customer_id"), server.baseUrl())));

        api("GET", "/webhooks", req -> page(req, store.webhooksJson(req.query("status"))));
        api("POST", "/webhooks", req -> SandboxResponse.json(201, store.createWebhook(req.json(),
                defaultWebhookSecret)));
        api("GET", "/webhooks/{id}", req -> SandboxResponse.json(store.webhookJson(id(req, "id"))));
        api("PUT", "/webhooks/{id}", req -> SandboxResponse.json(store.updateWebhook(id(req, "id"), req.json())));
        api("DELETE", "/webhooks/{id}", req -> SandboxResponse.json(store.deleteWebhook(id(req, "id"))));

        server.route("GET", "/wc-auth/v1/authorize", this::authorize);
    }

    private void api(String method, String path, RouteHandler handler) {
        server.route(method, V3 + path, req -> {
            authenticate(req);
            return handler.handle(req);
        });
    }

    /** Basic auth with a known key and secret, or the {@code consumer_key}/{@code consumer_secret} query pair. */
    private void authenticate(SandboxRequest req) {
        String key = null;
        String secret = null;
        Optional<String> header = req.header("Authorization");
        if (header.isPresent() && header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.get().substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                key = decoded.substring(0, colon);
                secret = decoded.substring(colon + 1);
            }
        } else if (req.query("consumer_key").isPresent()) {
            key = req.query("consumer_key").get();
            secret = req.query("consumer_secret").orElse("");
        }
        if (key == null) {
            throw SandboxRejection.of(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
        }
        String expected = keys.get(key);
        if (expected == null) {
            throw SandboxRejection.of(401, "woocommerce_rest_authentication_error", "Consumer key is invalid.");
        }
        if (!expected.equals(secret)) {
            throw SandboxRejection.of(401, "woocommerce_rest_authentication_error", "Invalid signature - provided"
                    + " signature does not match.");
        }
    }

    private static long id(SandboxRequest req, String name) {
        try {
            return Long.parseLong(req.pathParam(name));
        } catch (NumberFormatException e) {
            throw SandboxRejection.of(404, "rest_no_route", "No route was found matching the URL and request method.");
        }
    }

    // ------------------------------------------------------------------ lists and pages

    private static boolean productMatches(ObjectNode p, SandboxRequest req) {
        Optional<String> sku = req.query("sku");
        Optional<String> status = req.query("status");
        return sku.map(s -> Set.of(s.split(",")).contains(p.path("sku").asText())).orElse(true)
                && status.map(s -> "any".equals(s) || s.equals(p.path("status").asText())).orElse(true);
    }

    private SandboxResponse listOrders(SandboxRequest req) {
        Set<String> statuses = new LinkedHashSet<>();
        req.queryParams().getOrDefault("status", List.of()).forEach(v -> statuses.addAll(List.of(v.split(","))));
        WooStore.OrderFilter filter = new WooStore.OrderFilter(date(req, "after"), date(req, "before"),
                date(req, "modified_after"), date(req, "modified_before"), statuses,
                req.query("product").map(Long::parseLong), req.query("customer").map(Long::parseLong));
        List<ObjectNode> all = store.ordersJson(id -> true, filter);
        String orderby = req.query("orderby").orElse("date");
        boolean asc = "asc".equals(req.query("order").orElse("desc"));
        java.util.Comparator<ObjectNode> cmp = "modified".equals(orderby)
                ? java.util.Comparator.comparing((ObjectNode o) -> o.path("date_modified_gmt").asText())
                        .thenComparingLong(o -> o.path("id").asLong())
                : "id".equals(orderby) ? java.util.Comparator.comparingLong((ObjectNode o) -> o.path("id").asLong())
                : java.util.Comparator.comparing((ObjectNode o) -> o.path("date_created_gmt").asText())
                        .thenComparingLong(o -> o.path("id").asLong());
        List<ObjectNode> sorted = new ArrayList<>(all);
        sorted.sort(asc ? cmp : cmp.reversed());
        return page(req, sorted);
    }

    private static Optional<Instant> date(SandboxRequest req, String name) {
        return req.query(name).map(v -> WooStore.parseDate(name, v));
    }

    /** One page of a list with X-WP-Total, X-WP-TotalPages and an RFC 8288 Link header. */
    private SandboxResponse page(SandboxRequest req, List<ObjectNode> all) {
        int perPage = intParam(req, "per_page", 10);
        int page = intParam(req, "page", 1);
        if (perPage < 1 || perPage > 100) {
            throw SandboxRejection.of(400, "rest_invalid_param", "Invalid parameter(s): per_page");
        }
        if (page < 1) {
            throw SandboxRejection.of(400, "rest_invalid_param", "Invalid parameter(s): page");
        }
        int offset = req.query("offset").map(Integer::parseInt).orElse((page - 1) * perPage);
        int total = all.size();
        int totalPages = (total + perPage - 1) / perPage;
        if (total > 0 && page > totalPages) {
            throw SandboxRejection.of(400, "rest_post_invalid_page_number",
                    "The page number requested is larger than the number of pages available.");
        }
        ArrayNode body = WooStore.JSON.arrayNode();
        all.stream().skip(offset).limit(perPage).forEach(body::add);
        List<String> links = new ArrayList<>();
        if (page > 1) {
            links.add("<" + pageUrl(req, page - 1) + ">; rel=\"prev\"");
        }
        if (page < totalPages) {
            links.add("<" + pageUrl(req, page + 1) + ">; rel=\"next\"");
        }
        SandboxResponse response = SandboxResponse.json(body).withHeader("X-WP-Total", String.valueOf(total))
                .withHeader("X-WP-TotalPages", String.valueOf(totalPages));
        return links.isEmpty() ? response : response.withHeader("Link", String.join(", ", links));
    }

    private String pageUrl(SandboxRequest req, int page) {
        Map<String, List<String>> query = new LinkedHashMap<>(req.queryParams());
        query.put("page", List.of(String.valueOf(page)));
        String q = query.entrySet().stream().flatMap(e -> e.getValue().stream()
                .map(v -> enc(e.getKey()) + "=" + enc(v))).collect(Collectors.joining("&"));
        return server.baseUrl() + req.path() + "?" + q;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int intParam(SandboxRequest req, String name, int dflt) {
        try {
            return req.query(name).map(Integer::parseInt).orElse(dflt);
        } catch (NumberFormatException e) {
            throw SandboxRejection.of(400, "rest_invalid_param", "Invalid parameter(s): " + name);
        }
    }

    // ------------------------------------------------------------------ batch

    /**
     * {@code POST /<resource>/batch}: {@code create}, {@code update}, {@code delete} lists, at most 100
     * objects in all (413 otherwise). Each item succeeds or fails on its own; a failed item is answered
     * in place as {@code {"id":..., "error":{"code","message","data":{"status"}}}}.
     */
    private SandboxResponse batch(SandboxRequest req, String resource, Function<JsonNode, ObjectNode> create,
            Function<JsonNode, ObjectNode> update, Function<Long, ObjectNode> delete) {
        JsonNode body = req.json();
        int count = body.path("create").size() + body.path("update").size() + body.path("delete").size();
        if (count > BATCH_LIMIT) {
            throw SandboxRejection.of(413, "woocommerce_rest_request_entity_too_large",
                    "Unable to accept more than " + BATCH_LIMIT + " items for this request.");
        }
        ObjectNode out = WooStore.JSON.objectNode();
        List<Map.Entry<String, ObjectNode>> events = new ArrayList<>();
        if (body.has("create")) {
            ArrayNode created = out.putArray("create");
            for (JsonNode item : body.path("create")) {
                created.add(item(0, () -> create.apply(item), resource + ".created", events));
            }
        }
        if (body.has("update")) {
            ArrayNode updated = out.putArray("update");
            for (JsonNode item : body.path("update")) {
                updated.add(item(item.path("id").asLong(), () -> update.apply(item), resource + ".updated", events));
            }
        }
        if (body.has("delete")) {
            ArrayNode deleted = out.putArray("delete");
            for (JsonNode item : body.path("delete")) {
                deleted.add(item(item.asLong(), () -> delete.apply(item.asLong()), resource + ".deleted", events));
            }
        }
        events.forEach(e -> fire(e.getKey(), e.getValue()));
        return SandboxResponse.json(out);
    }

    private static ObjectNode item(long id, java.util.function.Supplier<ObjectNode> action, String topic,
            List<Map.Entry<String, ObjectNode>> events) {
        try {
            ObjectNode result = action.get();
            events.add(Map.entry(topic, result));
            return result;
        } catch (SandboxRejection r) {
            ObjectNode failed = WooStore.JSON.objectNode().put("id", id);
            failed.putObject("error").put("code", r.error().code()).put("message", r.error().message())
                    .putObject("data").put("status", r.error().status());
            return failed;
        }
    }

    // ------------------------------------------------------------------ webhooks

    /**
     * Delivers a topic's payload to every active webhook subscribed to it, signed with the webhook's
     * secret ({@code X-WC-Webhook-Signature}: Base64 HMAC-SHA256 of the body). The fifth non-2xx in a
     * row disables the webhook. Runs outside the store lock.
     *
     * @param topic   e.g. {@code order.updated}
     * @param payload the resource as the REST API shows it
     * @return how many deliveries got a 2xx
     */
    public int fire(String topic, ObjectNode payload) {
        int ok = 0;
        for (WooStore.Target t : store.targets(topic)) {
            SignedWebhook webhook = sign(t, topic, payload);
            int status;
            try {
                status = delivery.deliver(t.url(), webhook);
            } catch (RuntimeException unreachable) {
                status = 0; // wp_remote_post failed: counts as a failed delivery
            }
            boolean success = status >= 200 && status < 300;
            store.recordDelivery(t.webhookId(), success);
            ok += success ? 1 : 0;
        }
        return ok;
    }

    /** The delivery WooCommerce would send to one webhook. */
    public SignedWebhook sign(WooStore.Target target, String topic, ObjectNode payload) {
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-WC-Webhook-Source", server.baseUrl() + "/");
        headers.put("X-WC-Webhook-Topic", topic);
        headers.put("X-WC-Webhook-Resource", topic.substring(0, topic.indexOf('.')));
        headers.put("X-WC-Webhook-Event", topic.substring(topic.indexOf('.') + 1));
        headers.put("X-WC-Webhook-Signature", HmacBodySigner.create(target.secret()).sign(body));
        headers.put("X-WC-Webhook-ID", String.valueOf(target.webhookId()));
        headers.put("X-WC-Webhook-Delivery-ID", String.valueOf(deliveryIds.incrementAndGet()));
        return new SignedWebhook(headers, body);
    }

    // ------------------------------------------------------------------ key provisioning

    /**
     * {@code /wc-auth/v1/authorize}: the sandbox's shop owner approves at once. New keys are POSTed as
     * JSON to {@code callback_url}, then the browser is redirected to {@code return_url} with
     * {@code success=1&user_id=...}. With {@code deny=1} the owner refuses: no keys, {@code success=0}.
     */
    private SandboxResponse authorize(SandboxRequest req) {
        List<String> missing = new ArrayList<>();
        for (String p : List.of("app_name", "scope", "user_id", "return_url", "callback_url")) {
            if (req.query(p).filter(v -> !v.isBlank()).isEmpty()) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            throw SandboxRejection.of(400, "woocommerce_rest_missing_params", "Missing parameter " + missing.get(0));
        }
        String scope = req.query("scope").orElseThrow();
        if (!Set.of("read", "write", "read_write").contains(scope)) {
            throw SandboxRejection.of(400, "woocommerce_rest_invalid_scope", "Invalid scope " + scope);
        }
        String userId = req.query("user_id").orElseThrow();
        String returnUrl = req.query("return_url").orElseThrow();
        if (req.query("deny").isPresent()) {
            return SandboxResponse.status(302).withHeader("Location", returnUrl + sep(returnUrl) + "success=0&user_id="
                    + enc(userId));
        }
        String key = "ck_" + random40();
        String secret = "cs_" + random40();
        keys.put(key, secret);
        ObjectNode body = WooStore.JSON.objectNode().put("key_id", keyIds.incrementAndGet()).put("user_id", userId)
                .put("consumer_key", key).put("consumer_secret", secret).put("key_permissions", scope);
        int status = delivery.deliver(req.query("callback_url").orElseThrow(),
                new SignedWebhook(Map.of(), body.toString().getBytes(StandardCharsets.UTF_8)));
        if (status < 200 || status >= 300) {
            keys.remove(key);
            throw SandboxRejection.of(401, "woocommerce_rest_cannot_create_key",
                    "An error occurred in the request and at the time were unable to send the consumer data");
        }
        return SandboxResponse.status(302).withHeader("Location", returnUrl + sep(returnUrl) + "success=1&user_id="
                + enc(userId));
    }

    private static String sep(String url) {
        return url.contains("?") ? "&" : "?";
    }

    private static String random40() {
        return (java.util.UUID.randomUUID().toString() + java.util.UUID.randomUUID()).replace("-", "").substring(0, 40);
    }

    /** Whether a key pair is accepted. */
    public boolean accepts(String key, String secret) {
        return secret.equals(keys.get(key));
    }
}
