package io.patternhub.testkit.ravelry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.testkit.MultipartPart;
import io.patternhub.testkit.RouteHandler;
import io.patternhub.testkit.SandboxRejection;
import io.patternhub.testkit.SandboxRequest;
import io.patternhub.testkit.SandboxResponse;
import io.patternhub.testkit.SandboxServer;
import io.patternhub.testkit.ravelry.InvoiceSeed;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Ravelry routes of the sandbox: credentials and permissions per method, handlers over
 * {@link RavelryState}, Ravelry's JSON shapes, {@code paginator}, ETags with 304, and the 504 a slow page
 * gets. Not public API.
 */
public final class RavelryApi {
    private static final Pattern RFC3339_WITH_OFFSET =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?[+-]\\d{2}:\\d{2}");
    private static final Set<String> PRODUCT_POST_FIELDS = Set.of("active", "currency", "free", "price",
            "reporting_tag", "sku", "title", "wholesale");
    private static final Set<String> READ = Set.of("patternstore-read", "patternstore-write");
    private static final Set<String> WRITE = Set.of("patternstore-write");
    private static final Set<String> PURCHASES = Set.of("patternstore-purchases");

    private final SandboxServer server;
    private final RavelryState state;
    private final RavelryAuth auth;
    private final int timeoutAbovePageSize;
    private final ObjectMapper mapper = PatternHubJson.newMapper();

    public RavelryApi(SandboxServer server, RavelryState state, RavelryAuth auth, int timeoutAbovePageSize) {
        this.server = server;
        this.state = state;
        this.auth = auth;
        this.timeoutAbovePageSize = timeoutAbovePageSize;
    }

    public void registerRoutes() {
        server.route("POST", "/oauth2/token", req -> auth.tokenEndpoint(req.header("Authorization"), req.form()));
        get("/stores/list.json", READ, req -> Map.of("stores", state.stores().stream().map(this::store).toList()));
        get("/stores/{store_id}/products.json", READ, this::products);
        get("/stores/{store_id}/purchases.json", PURCHASES, this::purchases);
        route("POST", "/products/create.json", WRITE, this::createProduct);
        get("/products/{id}.json", READ, req -> {
            synchronized (state) {
                long id = id(req, "id");
                state.polled(id);
                return Map.of("product", productFull(state.product(id)));
            }
        });
        route("POST", "/products/{id}.json", WRITE, this::updateProduct);
        get("/products/{id}/attachments.json", READ, req -> {
            synchronized (state) {
                long id = id(req, "id");
                state.product(id);
                state.polled(id);
                return Map.of("product_attachments", state.visibleAttachments(id).stream().map(this::attachment)
                        .toList());
            }
        });
        route("POST", "/product_attachments/upload.json", WRITE, this::upload);
        get("/product_attachments/{id}.json", WRITE, req -> Map.of("product_attachment",
                attachment(state.attachment(id(req, "id")))));
        route("POST", "/product_attachments/{id}.json", WRITE, req -> {
            Map<String, String> form = flat(req.form());
            return SandboxResponse.json(Map.of("product_attachment", attachment(state.updateAttachment(id(req, "id"),
                    optionalInt(form, "language_id"), optionalInt(form, "sort_order")))));
        });
        route("DELETE", "/product_attachments/{id}.json", WRITE, req -> SandboxResponse.json(
                Map.of("product_attachment", attachment(state.deleteAttachment(id(req, "id"))))));
    }

    // ------------------------------------------------------------ routing helpers

    private void route(String method, String template, Set<String> anyOf, RouteHandler handler) {
        server.route(method, template, req -> {
            authorize(req, anyOf);
            return handler.handle(req);
        });
    }

    /** A GET with Ravelry's ETag: a matching {@code If-None-Match} gets 304 and no body. */
    private void get(String template, Set<String> anyOf, java.util.function.Function<SandboxRequest, Object> body) {
        route("GET", template, anyOf, req -> {
            byte[] bytes;
            try {
                bytes = mapper.writeValueAsBytes(body.apply(req));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            String etag = "\"" + HexFormat.of().formatHex(sha256(bytes), 0, 16) + "\"";
            if (req.header("If-None-Match").map(etag::equals).orElse(false)) {
                return SandboxResponse.status(304).withHeader("ETag", etag);
            }
            return SandboxResponse.text(200, "application/json; charset=utf-8", "").withBody(bytes)
                    .withHeader("ETag", etag);
        });
    }

    private void authorize(SandboxRequest req, Set<String> anyOf) {
        RavelryAuth.Principal who = auth.authenticate(req.header("Authorization"));
        if (anyOf.stream().noneMatch(who.permissions()::contains)) {
            String needed = String.join(" or ", anyOf.stream().sorted().toList());
            String extra = anyOf.equals(WRITE) ? " (patternstore-write is only available to whitelisted apps)"
                    : anyOf.equals(PURCHASES) ? " (patternstore-purchases is not available to OAuth apps/keys)" : "";
            throw SandboxRejection.of(403, "forbidden", "The authenticated user is not permitted to use this method:"
                    + " it requires " + needed + extra);
        }
    }

    // ------------------------------------------------------------ handlers

    private Object products(SandboxRequest req) {
        synchronized (state) {
            List<RavelryState.Product> all = state.productsOf(id(req, "store_id"));
            Optional<Integer> size = intParam(req, "page_size");
            List<Object> rows = all.stream().map(p -> (Object) productList(p)).toList();
            if (size.isEmpty()) {
                return Map.of("products", rows); // the entire result set in one page
            }
            return paged("products", rows, page(req), size.get());
        }
    }

    private Object purchases(SandboxRequest req) {
        synchronized (state) {
            long storeId = id(req, "store_id");
            String creator = req.query("creator").orElse("all");
            if (!List.of("all", "ravelry-purchase", "lys-sale", "lys-payment").contains(creator)) {
                throw invalid("creator must be one of all, ravelry-purchase, lys-sale, lys-payment");
            }
            Optional<Instant> minPaid = req.query("min_paid_date").map(v -> {
                if (!RFC3339_WITH_OFFSET.matcher(v).matches()) {
                    throw invalid("min_paid_date must be an RFC 3339 timestamp with offset: YYYY-MM-DDTHH:mm:ss+HH:MM");
                }
                return OffsetDateTime.parse(v).toInstant();
            });
            String sort = req.query("sort").orElse("date");
            Comparator<RavelryState.Invoice> order = switch (sort.replace("_", "")) {
                case "date" -> Comparator.comparing((RavelryState.Invoice i) -> i.invoiceDate);
                case "paiddate" -> Comparator.comparing((RavelryState.Invoice i) -> i.paidAt,
                        Comparator.nullsLast(Comparator.naturalOrder()));
                default -> throw invalid("sort must be date, paid_date, date_ or paid_date_");
            };
            if (sort.endsWith("_")) {
                order = order.reversed();
            }
            order = order.thenComparing(i -> i.id);
            List<RavelryState.Invoice> matching = state.invoicesOf(storeId).stream()
                    .filter(i -> minPaid.map(m -> i.paidAt != null && !i.paidAt.isBefore(m)).orElse(true))
                    .sorted(order).toList();
            Optional<String> month = req.query("month");
            if (month.isPresent()) {
                LocalDate first;
                try {
                    first = LocalDate.parse(month.get());
                } catch (DateTimeParseException e) {
                    throw invalid("month must be YYYY-MM-01");
                }
                Instant from = first.withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                Instant to = first.withDayOfMonth(1).plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                return Map.of("invoices", matching.stream().filter(i -> !i.invoiceDate.isBefore(from)
                        && i.invoiceDate.isBefore(to)).map(this::invoice).toList());
            }
            int size = intParam(req, "page_size").orElse(100);
            if (size > 250) {
                throw invalid("page_size must be 250 or less");
            }
            if (timeoutAbovePageSize > 0 && size > timeoutAbovePageSize) {
                throw SandboxRejection.of(504, "gateway_timeout", "Your request was cancelled because it took more than"
                        + " 10 seconds to generate your response. Choose a smaller page size.");
            }
            return paged("invoices", matching.stream().map(i -> (Object) invoice(i)).toList(), page(req), size);
        }
    }

    private SandboxResponse createProduct(SandboxRequest req) {
        Map<String, String> form = params(req);
        List<String> sources = List.of("pattern_id", "pattern_source_id", "draft_pattern_id").stream()
                .filter(form::containsKey).toList();
        if (sources.size() != 1) {
            throw invalid("Supply exactly one of pattern_id, pattern_source_id or draft_pattern_id");
        }
        long storeId = parseId(form.get("store_id"), "store_id");
        long sourceId = parseId(form.get(sources.get(0)), sources.get(0));
        synchronized (state) {
            return SandboxResponse.json(Map.of("product", productFull(state.createProduct(storeId, sources.get(0),
                    sourceId))));
        }
    }

    private SandboxResponse updateProduct(SandboxRequest req) {
        JsonNode data = productData(req);
        Map<String, Object> fields = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        data.fields().forEachRemaining(e -> {
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (!PRODUCT_POST_FIELDS.contains(k)) {
                problems.add("unknown Product field '" + k + "'");
            } else if (Set.of("active", "free", "wholesale").contains(k)) {
                if (!v.isBoolean() && !v.asText().matches("true|false")) {
                    problems.add(k + " must be true or false");
                } else {
                    fields.put(k, v.isBoolean() ? v.asBoolean() : Boolean.parseBoolean(v.asText()));
                }
            } else if (k.equals("price")) {
                if (v.isNull()) {
                    fields.put(k, null);
                } else {
                    try {
                        BigDecimal p = new BigDecimal(v.asText());
                        if (p.signum() < 0) {
                            problems.add("price must not be negative");
                        }
                        fields.put(k, p.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
                    } catch (NumberFormatException ex) {
                        problems.add("price must be a decimal");
                    }
                }
            } else if (k.equals("currency") && !v.asText().matches("[A-Z]{3}")) {
                problems.add("currency must be a 3 letter ISO code");
            } else if ((k.equals("title") || k.equals("sku")) && v.asText().isBlank()) {
                problems.add(k + " must not be blank");
            } else {
                fields.put(k, v.isNull() ? null : v.asText());
            }
        });
        if (!problems.isEmpty()) {
            throw invalid(problems.get(0));
        }
        synchronized (state) {
            return SandboxResponse.json(Map.of("product", productFull(state.updateProduct(id(req, "id"), fields))));
        }
    }

    /** Product#POST as a {@code data} JSON field (recommended), raw JSON, or plain name/value pairs. */
    private JsonNode productData(SandboxRequest req) {
        String type = req.header("Content-Type").orElse("");
        if (type.startsWith("application/json")) {
            JsonNode body = req.json();
            return body.has("data") ? body.path("data") : body;
        }
        Map<String, String> form = flat(req.form());
        if (form.containsKey("data")) {
            try {
                return mapper.readTree(form.get("data"));
            } catch (JsonProcessingException e) {
                throw invalid("data is not valid JSON: " + e.getOriginalMessage());
            }
        }
        return mapper.valueToTree(form);
    }

    private SandboxResponse upload(SandboxRequest req) {
        List<MultipartPart> parts = req.multipart();
        Optional<MultipartPart> productPart = parts.stream().filter(p -> p.name().equals("product_id")).findFirst();
        Optional<MultipartPart> filePart = parts.stream().filter(p -> p.name().equals("file")).findFirst();
        if (productPart.isEmpty() || filePart.isEmpty() || filePart.get().filename().isEmpty()) {
            throw invalid("An upload needs a product_id parameter and a file parameter named \"file\"");
        }
        byte[] content = filePart.get().content();
        if (content.length < 5 || !new String(content, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw invalid("The uploaded file must be a PDF");
        }
        state.upload(parseId(productPart.get().text().trim(), "product_id"), filePart.get().filename().get(),
                filePart.get().contentType().orElse("application/pdf"), content);
        return SandboxResponse.json(Map.of("success", true));
    }

    // ------------------------------------------------------------ JSON shapes

    private Map<String, Object> store(RavelryState.Store s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id);
        m.put("name", s.name);
        m.put("permalink", s.permalink);
        m.put("products_count", state.productsOf(s.id).size());
        m.put("business", null);
        return m;
    }

    private Map<String, Object> productList(RavelryState.Product p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id);
        m.put("store_id", String.valueOf(p.storeId));
        m.put("title", p.title);
        m.put("sku", p.sku);
        m.put("price", p.price);
        m.put("currency", p.currency);
        m.put("pretty_price", p.price == null ? null : p.price + " " + p.currency);
        m.put("free", p.free);
        m.put("active", p.active);
        m.put("attachment_bytes", state.visibleAttachments(p.id).stream().mapToLong(a -> a.bytes).sum());
        m.put("languages", List.of());
        m.put("updated_at", p.updatedAt.toString());
        return m;
    }

    private Map<String, Object> productFull(RavelryState.Product p) {
        Map<String, Object> m = productList(p);
        m.remove("attachment_bytes");
        m.put("attachments", state.visibleAttachments(p.id).stream().map(this::attachment).toList());
        m.put("patterns", p.sourceKey.equals("pattern_id") ? List.of(Map.of("id", p.sourceId)) : List.of());
        m.put("pattern_sources", List.of());
        m.put("wholesale_price", null);
        return m;
    }

    private Map<String, Object> attachment(RavelryState.Attachment a) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", a.documentId);
        doc.put("filename", a.filename);
        doc.put("bytes", a.bytes);
        doc.put("content_type", a.contentType);
        doc.put("notes", null);
        doc.put("thumbnail_url", "https://images.example/ravelry/doc-" + a.documentId + ".jpg");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id);
        m.put("product_id", a.productId);
        m.put("language_id", a.languageId);
        m.put("sort_order", a.sortOrder);
        m.put("created_at", a.createdAt.toString());
        m.put("updated_at", a.updatedAt.toString());
        m.put("deleted", a.deleted);
        m.put("document", doc);
        return m;
    }

    private Map<String, Object> invoice(RavelryState.Invoice i) {
        InvoiceSeed s = i.seed;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id);
        m.put("invoice_number", i.number);
        m.put("invoice_date", i.invoiceDate.toString());
        m.put("currency", s.currency());
        m.put("paid", i.paidAt != null);
        m.put("amount_due", i.total().toPlainString());
        m.put("amount_due_to_lys", null);
        m.put("bill_to_email", s.email().orElse(null));
        m.put("bill_to_name", s.name().orElse(null));
        m.put("country", s.country().orElse(null));
        m.put("country_from_paypal", s.country().orElse(null));
        m.put("creator_type", null);
        m.put("payment_reference", null);
        m.put("ravelry_user_id", s.ravelryUserId().orElse(null));
        m.put("ravelry_username", s.ravelryUserId().map(u -> "user" + u).orElse(null));
        List<Object> lines = new ArrayList<>();
        for (int n = 0; n < s.lines().size(); n++) {
            InvoiceSeed.Line l = s.lines().get(n);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", i.lineIds.get(n));
            line.put("product_id", l.productId().orElse(null));
            line.put("promotion_id", l.productId().isPresent() ? null : 7_000 + n);
            line.put("amount", l.amount().toPlainString());
            line.put("promotional_discount_applied", l.promotionalDiscount().map(BigDecimal::toPlainString).orElse(null));
            lines.add(line);
        }
        m.put("invoice_line_items", lines);
        m.put("payments", i.paidAt == null ? List.of() : List.of(Map.of("id", i.paymentIds.get(0),
                "gross", i.total().toPlainString(), "txn_id", 90_000_000L + i.id, "txn_type", "express_checkout")));
        return m;
    }

    private static Map<String, Object> paged(String key, List<Object> rows, int page, int size) {
        int pageCount = Math.max(1, (rows.size() + size - 1) / size);
        int from = Math.min(rows.size(), (page - 1) * size);
        int to = Math.min(rows.size(), from + size);
        Map<String, Object> paginator = new LinkedHashMap<>();
        paginator.put("page_count", pageCount);
        paginator.put("page", page);
        paginator.put("page_size", size);
        paginator.put("results", rows.size());
        paginator.put("last_page", pageCount);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, rows.subList(from, to));
        body.put("paginator", paginator);
        return body;
    }

    // ------------------------------------------------------------ parameters

    private static int page(SandboxRequest req) {
        int page = intParam(req, "page").orElse(1);
        if (page < 1) {
            throw invalid("page must be 1 or more");
        }
        return page;
    }

    private static Optional<Integer> intParam(SandboxRequest req, String name) {
        return req.query(name).map(v -> {
            try {
                int n = Integer.parseInt(v);
                if (n < 1) {
                    throw invalid(name + " must be 1 or more");
                }
                return n;
            } catch (NumberFormatException e) {
                throw invalid(name + " must be an integer");
            }
        });
    }

    private Map<String, String> params(SandboxRequest req) {
        if (req.header("Content-Type").orElse("").startsWith("application/json")) {
            Map<String, String> out = new LinkedHashMap<>();
            req.json().fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }
        return flat(req.form());
    }

    private static Map<String, String> flat(Map<String, List<String>> form) {
        Map<String, String> out = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v.get(0));
            }
        });
        return out;
    }

    private static Integer optionalInt(Map<String, String> form, String name) {
        return form.containsKey(name) ? (int) parseId(form.get(name), name) : null;
    }

    private static long id(SandboxRequest req, String name) {
        return parseId(req.pathParam(name), name);
    }

    private static long parseId(String value, String name) {
        try {
            long id = Long.parseLong(value == null ? "" : value.trim());
            if (id < 0) {
                throw invalid(name + " must not be negative");
            }
            return id;
        } catch (NumberFormatException e) {
            throw invalid(name + " must be an integer, was '" + value + "'");
        }
    }

    private static SandboxRejection invalid(String message) {
        return SandboxRejection.of(400, "invalid_request", message);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
