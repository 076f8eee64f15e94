package io.patternhub.testkit.ravelry.internal;

import io.patternhub.testkit.SandboxRejection;
import io.patternhub.testkit.ravelry.InvoiceSeed;
import io.patternhub.testkit.ravelry.RavelryAttachmentView;
import io.patternhub.testkit.ravelry.RavelryInvoiceView;
import io.patternhub.testkit.ravelry.RavelryProductView;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Ravelry sandbox's data: stores, patterns, products, attachments (ready after a number of polls)
 * and sale invoices. Every method is synchronized on this object. Not public API.
 */
public final class RavelryState {
    private final Clock clock;
    private final int readyAfterPolls;
    private final Map<Long, Store> stores = new LinkedHashMap<>();
    private final Map<Long, String> patterns = new LinkedHashMap<>();
    private final Map<Long, Product> products = new LinkedHashMap<>();
    private final Map<Long, Attachment> attachments = new LinkedHashMap<>();
    private final Map<Long, Invoice> invoices = new LinkedHashMap<>();
    private long nextId = 1000;

    /** A store. */
    public static final class Store {
        long id;
        String name;
        String permalink;
        String currency;
    }

    /** A product. */
    public static final class Product {
        long id;
        long storeId;
        String title;
        String sku;
        String price;
        String currency;
        boolean free;
        boolean active;
        boolean wholesale;
        String reportingTag;
        String sourceKey;
        long sourceId;
        Instant updatedAt;
    }

    /** An attachment; visible once {@code pollsLeft} reaches zero. */
    public static final class Attachment {
        long id;
        long documentId;
        long productId;
        String filename;
        String contentType;
        long bytes;
        String sha256;
        int pollsLeft;
        boolean deleted;
        Integer languageId;
        int sortOrder;
        Instant createdAt;
        Instant updatedAt;

        boolean ready() {
            return pollsLeft <= 0;
        }
    }

    /** A sale invoice. */
    public static final class Invoice {
        long id;
        long number;
        long storeId;
        InvoiceSeed seed;
        Instant invoiceDate;
        Instant paidAt;
        List<Long> lineIds = new ArrayList<>();
        List<Long> paymentIds = new ArrayList<>();

        BigDecimal total() {
            return seed.lines().stream().map(InvoiceSeed.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    public RavelryState(Clock clock, int readyAfterPolls) {
        this.clock = clock;
        this.readyAfterPolls = readyAfterPolls;
    }

    public synchronized long addStore(String name, String currency) {
        Store s = new Store();
        s.id = ++nextId;
        s.name = name;
        s.permalink = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        s.currency = currency;
        stores.put(s.id, s);
        return s.id;
    }

    public synchronized long addPattern(String name) {
        long id = ++nextId;
        patterns.put(id, name);
        return id;
    }

    synchronized List<Store> stores() {
        return List.copyOf(stores.values());
    }

    synchronized Store store(long id) {
        Store s = stores.get(id);
        if (s == null) {
            throw SandboxRejection.of(404, "not_found", "Store " + id + " not found");
        }
        return s;
    }

    synchronized List<Product> productsOf(long storeId) {
        store(storeId);
        return products.values().stream().filter(p -> p.storeId == storeId).toList();
    }

    synchronized Product product(long id) {
        Product p = products.get(id);
        if (p == null) {
            throw SandboxRejection.of(404, "not_found", "Product " + id + " not found");
        }
        return p;
    }

    synchronized Product createProduct(long storeId, String sourceKey, long sourceId) {
        store(storeId);
        Product p = new Product();
        p.id = ++nextId;
        p.storeId = storeId;
        p.sourceKey = sourceKey;
        p.sourceId = sourceId;
        p.title = Optional.ofNullable(patterns.get(sourceId)).orElse("Pattern " + sourceId);
        p.sku = "RAV-" + p.id; // Ravelry gives every product a default SKU
        p.updatedAt = clock.instant();
        products.put(p.id, p);
        return p;
    }

    /** Applies Product#POST fields already validated by the caller. */
    synchronized Product updateProduct(long id, Map<String, Object> fields) {
        Product p = product(id);
        if (Boolean.TRUE.equals(fields.get("active")) && !p.active) {
            boolean priced = Boolean.TRUE.equals(fields.getOrDefault("free", p.free))
                    || fields.getOrDefault("price", p.price) != null;
            if (visibleAttachments(id).isEmpty() || !priced) {
                throw SandboxRejection.of(400, "invalid_request", "A product can be activated only once it is set up:"
                        + " it needs a price (or free) and at least one attachment");
            }
        }
        fields.forEach((k, v) -> {
            switch (k) {
                case "title" -> p.title = (String) v;
                case "sku" -> p.sku = (String) v;
                case "price" -> p.price = (String) v;
                case "currency" -> p.currency = (String) v;
                case "free" -> p.free = (Boolean) v;
                case "active" -> p.active = (Boolean) v;
                case "wholesale" -> p.wholesale = (Boolean) v;
                case "reporting_tag" -> p.reportingTag = (String) v;
                default -> throw new IllegalStateException("unvalidated field " + k);
            }
        });
        p.updatedAt = clock.instant();
        return p;
    }

    /** Records a poll of a product's attachments: processing moves one step on. */
    synchronized void polled(long productId) {
        for (Attachment a : attachments.values()) {
            if (a.productId == productId && !a.ready()) {
                a.pollsLeft--;
            }
        }
    }

    synchronized List<Attachment> visibleAttachments(long productId) {
        return attachments.values().stream().filter(a -> a.productId == productId && a.ready() && !a.deleted)
                .toList();
    }

    synchronized Attachment upload(long productId, String filename, String contentType, byte[] content) {
        product(productId);
        Attachment a = new Attachment();
        a.id = ++nextId;
        a.documentId = ++nextId;
        a.productId = productId;
        a.filename = filename;
        a.contentType = contentType;
        a.bytes = content.length;
        a.sha256 = sha256(content);
        a.pollsLeft = readyAfterPolls;
        a.createdAt = clock.instant();
        a.updatedAt = a.createdAt;
        a.sortOrder = (int) attachments.values().stream().filter(x -> x.productId == productId).count();
        attachments.put(a.id, a);
        return a;
    }

    /** A ready, not deleted attachment. */
    synchronized Attachment attachment(long id) {
        Attachment a = attachments.get(id);
        if (a == null || a.deleted || !a.ready()) {
            throw SandboxRejection.of(404, "not_found", "Product attachment " + id + " not found");
        }
        return a;
    }

    synchronized Attachment deleteAttachment(long id) {
        Attachment a = attachment(id);
        a.deleted = true;
        a.updatedAt = clock.instant();
        return a;
    }

    synchronized Attachment updateAttachment(long id, Integer languageId, Integer sortOrder) {
        Attachment a = attachment(id);
        if (languageId != null) {
            a.languageId = languageId;
        }
        if (sortOrder != null) {
            a.sortOrder = sortOrder;
        }
        a.updatedAt = clock.instant();
        return a;
    }

    public synchronized long addInvoice(long storeId, InvoiceSeed seed) {
        store(storeId);
        Invoice i = new Invoice();
        i.id = ++nextId;
        i.number = 50_000 + i.id;
        i.storeId = storeId;
        i.seed = seed;
        i.invoiceDate = seed.invoiceDate().orElse(clock.instant());
        i.paidAt = seed.paid() ? seed.paidAt().orElse(i.invoiceDate) : null;
        for (int n = 0; n < seed.lines().size(); n++) {
            i.lineIds.add(++nextId);
        }
        i.paymentIds.add(++nextId);
        invoices.put(i.id, i);
        return i.id;
    }

    public synchronized void pay(long invoiceId, Instant at) {
        Invoice i = invoices.get(invoiceId);
        if (i == null) {
            throw new IllegalArgumentException("No invoice " + invoiceId + " in the sandbox");
        }
        i.paidAt = at;
    }

    synchronized List<Invoice> invoicesOf(long storeId) {
        store(storeId);
        return invoices.values().stream().filter(i -> i.storeId == storeId).toList();
    }

    // ------------------------------------------------------------ views

    public synchronized List<RavelryProductView> productViews(long storeId) {
        return productsOf(storeId).stream().map(this::view).toList();
    }

    public synchronized Optional<RavelryProductView> productView(long id) {
        return Optional.ofNullable(products.get(id)).map(this::view);
    }

    public synchronized List<RavelryInvoiceView> invoiceViews(long storeId) {
        return invoicesOf(storeId).stream().map(i -> new RavelryInvoiceView(i.id, i.number, i.storeId,
                i.invoiceDate, Optional.ofNullable(i.paidAt), i.total().toPlainString(), i.seed.currency())).toList();
    }

    private RavelryProductView view(Product p) {
        List<RavelryAttachmentView> atts = attachments.values().stream()
                .filter(a -> a.productId == p.id && !a.deleted)
                .map(a -> new RavelryAttachmentView(a.id, a.productId, a.filename, a.bytes, a.sha256, a.ready(), false))
                .toList();
        return new RavelryProductView(p.id, p.storeId, p.title, p.sku, Optional.ofNullable(p.price),
                Optional.ofNullable(p.currency), p.free, p.active, p.sourceKey + "=" + p.sourceId, atts);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
