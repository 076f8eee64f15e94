package io.patternhub.testkit.shopify.internal;

import io.patternhub.testkit.shopify.OrderSeed;
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
import io.patternhub.testkit.shopify.SandboxWebhookSubscription;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one Shopify sandbox. Every method is synchronized: the sandbox is a test fixture,
 * and one lock keeps multi-record changes (an order and its payout lines) consistent.
 */
public final class ShopifyState {
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, SandboxProduct> products = new LinkedHashMap<>();
    private final Map<String, SandboxStagedUpload> uploads = new LinkedHashMap<>();
    private final Map<String, byte[]> uploadedContent = new LinkedHashMap<>();
    private final Map<String, SandboxFile> files = new LinkedHashMap<>();
    private final Map<String, byte[]> fileContent = new LinkedHashMap<>();
    private final Map<String, SandboxOrder> orders = new LinkedHashMap<>();
    private final Map<String, SandboxWebhookSubscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, SandboxBulkOperation> bulkOperations = new LinkedHashMap<>();
    private final Map<String, byte[]> bulkResults = new LinkedHashMap<>();
    private final Map<String, SandboxPayout> payouts = new LinkedHashMap<>();
    private final List<SandboxBalanceTransaction> balanceTransactions = new ArrayList<>();
    private long orderNumber = 1000;

    /**
     * A new GID of {@code type}.
     *
     * @param type the Shopify type name, e.g. {@code Product}
     * @return {@code gid://shopify/<type>/<n>}
     */
    public String newId(String type) {
        return "gid://shopify/" + type + "/" + ids.incrementAndGet();
    }

    /**
     * The numeric tail of a GID.
     *
     * @param gid the GID
     * @return its number
     */
    public static long legacyId(String gid) {
        return Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1));
    }

    // ---- products

    public synchronized List<SandboxProduct> products() {
        return List.copyOf(products.values());
    }

    public synchronized Optional<SandboxProduct> product(String id) {
        return Optional.ofNullable(products.get(id));
    }

    public synchronized Optional<SandboxProduct> productByHandle(String handle) {
        return products.values().stream().filter(p -> p.handle().equals(handle)).findFirst();
    }

    public synchronized Optional<SandboxProduct> productBySku(String sku) {
        return products.values().stream().filter(p -> p.hasSku(sku)).findFirst();
    }

    public synchronized void putProduct(SandboxProduct product) {
        products.put(product.id(), product);
    }

    // ---- staged uploads and files

    public synchronized void putUpload(SandboxStagedUpload upload) {
        uploads.put(upload.key(), upload);
    }

    public synchronized Optional<SandboxStagedUpload> upload(String key) {
        return Optional.ofNullable(uploads.get(key));
    }

    public synchronized Optional<SandboxStagedUpload> uploadByResourceUrl(String resourceUrl) {
        return uploads.values().stream().filter(u -> u.resourceUrl().equals(resourceUrl)).findFirst();
    }

    public synchronized List<SandboxStagedUpload> uploads() {
        return List.copyOf(uploads.values());
    }

    public synchronized void storeUploadContent(SandboxStagedUpload uploaded, byte[] content) {
        uploads.put(uploaded.key(), uploaded);
        uploadedContent.put(uploaded.key(), content);
    }

    public synchronized Optional<byte[]> uploadContent(String key) {
        return Optional.ofNullable(uploadedContent.get(key));
    }

    public synchronized void putFile(SandboxFile file, byte[] content) {
        files.put(file.id(), file);
        fileContent.put(file.id(), content);
    }

    public synchronized List<SandboxFile> files() {
        return List.copyOf(files.values());
    }

    public synchronized Optional<SandboxFile> file(String id) {
        return Optional.ofNullable(files.get(id));
    }

    public synchronized Optional<byte[]> fileContent(String id) {
        return Optional.ofNullable(fileContent.get(id));
    }

    // ---- orders

    public synchronized List<SandboxOrder> orders() {
        return List.copyOf(orders.values());
    }

    public synchronized Optional<SandboxOrder> order(String id) {
        return Optional.ofNullable(orders.get(id));
    }

    public synchronized void putOrder(SandboxOrder order) {
        orders.put(order.id(), order);
    }

    /**
     * Generates orders as {@code seed} describes (see {@link OrderSeed}).
     *
     * @param seed the recipe
     * @return the new order GIDs in creation order
     */
    public synchronized List<String> seedOrders(OrderSeed seed) {
        List<String> created = new ArrayList<>(seed.count());
        for (int i = 0; i < seed.count(); i++) {
            SandboxOrder order = seedOrder(seed, i);
            orders.put(order.id(), order);
            created.add(order.id());
        }
        return created;
    }

    private SandboxOrder seedOrder(OrderSeed seed, int i) {
        int n = i + 1;
        String id = newId("Order");
        Instant created = seed.start().plus(seed.interval().multipliedBy(i));
        String currency = seed.currencies().get(i % seed.currencies().size());
        boolean discounted = seed.discountEvery() > 0 && n % seed.discountEvery() == 0;
        BigDecimal discount = discounted ? seed.discountAmount().setScale(2, RoundingMode.HALF_UP) : money(0);
        List<SandboxLineItem> lines = new ArrayList<>(seed.lineItemsPerOrder());
        for (int l = 0; l < seed.lineItemsPerOrder(); l++) {
            String sku = seed.skus().get((i + l) % seed.skus().size());
            BigDecimal price = seed.unitPrice().setScale(2, RoundingMode.HALF_UP);
            BigDecimal lineDiscount = l == 0 ? discount : money(0);
            BigDecimal tax = price.subtract(lineDiscount).multiply(seed.taxRate()).setScale(2, RoundingMode.HALF_UP);
            List<SandboxTaxLine> taxes = seed.taxRate().signum() == 0 ? List.of()
                    : List.of(new SandboxTaxLine("Sales tax", seed.taxRate(), tax));
            lines.add(new SandboxLineItem(newId("LineItem"), sku, "Pattern " + sku, 1, price, lineDiscount, taxes));
        }
        String email = seed.anonymousEvery() > 0 && n % seed.anonymousEvery() == 0 ? null : "buyer" + n + "@example.com";
        SandboxOrder draft = new SandboxOrder(id, "#" + (++orderNumber), Optional.ofNullable(email),
                Optional.ofNullable(email).map(e -> "gid://shopify/Customer/" + (900000 + n)), currency, created, created,
                "PAID", lines, discount, discounted ? List.of("SEED10") : List.of(), List.of(), List.of());
        BigDecimal total = draft.totalPrice();
        BigDecimal fee = total.multiply(seed.feeRate()).add(seed.flatFee()).setScale(2, RoundingMode.HALF_UP);
        SandboxTransaction sale = new SandboxTransaction(newId("OrderTransaction"), "SALE", "SUCCESS",
                "shopify_payments", total, fee, created);
        SandboxOrder paid = withTransactions(draft, List.of(sale));
        boolean refunded = seed.refundEvery() > 0 && n % seed.refundEvery() == 0;
        return refunded ? refund(paid, total, "Seeded refund", created.plus(1, ChronoUnit.HOURS)) : paid;
    }

    /**
     * Refunds {@code amount} of an order: adds a refund, a REFUND transaction, updates the
     * financial status and {@code updatedAt}.
     *
     * @param order the order
     * @param amount the amount
     * @param note the note
     * @param at when
     * @return the refunded order (not yet stored)
     */
    public SandboxOrder refund(SandboxOrder order, BigDecimal amount, String note, Instant at) {
        List<SandboxRefund> refunds = new ArrayList<>(order.refunds());
        refunds.add(new SandboxRefund(newId("Refund"), at, amount, note));
        List<SandboxTransaction> transactions = new ArrayList<>(order.transactions());
        transactions.add(new SandboxTransaction(newId("OrderTransaction"), "REFUND", "SUCCESS", "shopify_payments",
                amount, money(0), at));
        BigDecimal refunded = refunds.stream().map(SandboxRefund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        String status = refunded.compareTo(order.totalPrice()) >= 0 ? "REFUNDED" : "PARTIALLY_REFUNDED";
        return new SandboxOrder(order.id(), order.name(), order.email(), order.customerId(), order.currency(),
                order.createdAt(), at, status, order.lineItems(), order.totalDiscounts(), order.discountCodes(),
                refunds, transactions);
    }

    private static SandboxOrder withTransactions(SandboxOrder o, List<SandboxTransaction> transactions) {
        return new SandboxOrder(o.id(), o.name(), o.email(), o.customerId(), o.currency(), o.createdAt(),
                o.updatedAt(), o.financialStatus(), o.lineItems(), o.totalDiscounts(), o.discountCodes(), o.refunds(),
                transactions);
    }

    private static BigDecimal money(long units) {
        return BigDecimal.valueOf(units).setScale(2, RoundingMode.UNNECESSARY);
    }

    // ---- payouts

    /**
     * Settles every order transaction not yet in a payout into daily Shopify Payments payouts, one
     * per UTC day and currency, issued the next day at 00:00 UTC.
     *
     * @return the new payouts
     */
    public synchronized List<SandboxPayout> settlePayouts() {
        java.util.Set<String> settled = new java.util.HashSet<>();
        balanceTransactions.forEach(b -> settled.add(b.orderId() + "#" + b.sourceOrderTransactionId()));
        Map<String, List<Object[]>> byDay = new TreeMap<>();
        for (SandboxOrder order : orders.values()) {
            for (SandboxTransaction t : order.transactions()) {
                if (settled.contains(order.id() + "#" + legacyId(t.id()))) {
                    continue;
                }
                String key = t.processedAt().atOffset(ZoneOffset.UTC).toLocalDate() + "|" + order.currency();
                byDay.computeIfAbsent(key, k -> new ArrayList<>()).add(new Object[] {order, t});
            }
        }
        List<SandboxPayout> created = new ArrayList<>();
        for (Map.Entry<String, List<Object[]>> day : byDay.entrySet()) {
            String[] parts = day.getKey().split("\\|");
            Instant issued = java.time.LocalDate.parse(parts[0]).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            String payoutId = newId("ShopifyPaymentsPayout");
            BigDecimal gross = money(0);
            BigDecimal fees = money(0);
            for (Object[] pair : day.getValue()) {
                SandboxOrder order = (SandboxOrder) pair[0];
                SandboxTransaction t = (SandboxTransaction) pair[1];
                boolean refund = "REFUND".equals(t.kind());
                BigDecimal amount = refund ? t.amount().negate() : t.amount();
                balanceTransactions.add(new SandboxBalanceTransaction(newId("ShopifyPaymentsBalanceTransaction"),
                        refund ? "REFUND" : "CHARGE", payoutId, order.id(), legacyId(t.id()), parts[1], amount, t.fee(),
                        amount.subtract(t.fee()), t.processedAt()));
                gross = gross.add(amount);
                fees = fees.add(t.fee());
            }
            SandboxPayout payout = new SandboxPayout(payoutId, issued, "PAID", parts[1], gross, fees, gross.subtract(fees));
            payouts.put(payoutId, payout);
            created.add(payout);
        }
        return created;
    }

    public synchronized List<SandboxPayout> payouts() {
        return List.copyOf(payouts.values());
    }

    public synchronized List<SandboxBalanceTransaction> balanceTransactions() {
        return List.copyOf(balanceTransactions);
    }

    // ---- webhook subscriptions

    public synchronized void putSubscription(SandboxWebhookSubscription subscription) {
        subscriptions.put(subscription.id(), subscription);
    }

    public synchronized boolean removeSubscription(String id) {
        return subscriptions.remove(id) != null;
    }

    public synchronized List<SandboxWebhookSubscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    // ---- bulk operations

    public synchronized void putBulkOperation(SandboxBulkOperation operation) {
        bulkOperations.put(operation.id(), operation);
    }

    public synchronized void completeBulkOperation(SandboxBulkOperation operation, byte[] jsonl) {
        bulkOperations.put(operation.id(), operation);
        bulkResults.put(operation.id(), jsonl);
    }

    public synchronized List<SandboxBulkOperation> bulkOperations() {
        return List.copyOf(bulkOperations.values());
    }

    public synchronized Optional<SandboxBulkOperation> bulkOperation(String id) {
        return Optional.ofNullable(bulkOperations.get(id));
    }

    public synchronized Optional<byte[]> bulkResult(String id) {
        return Optional.ofNullable(bulkResults.get(id));
    }
}
