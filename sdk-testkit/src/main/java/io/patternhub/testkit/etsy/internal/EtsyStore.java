package io.patternhub.testkit.etsy.internal;

import io.patternhub.core.model.Money;
import io.patternhub.testkit.SandboxRejection;
import io.patternhub.testkit.etsy.EtsyLedgerEntryView;
import io.patternhub.testkit.etsy.EtsyListingFileView;
import io.patternhub.testkit.etsy.EtsyListingState;
import io.patternhub.testkit.etsy.EtsyListingView;
import io.patternhub.testkit.etsy.EtsyPaymentView;
import io.patternhub.testkit.etsy.EtsyProductView;
import io.patternhub.testkit.etsy.EtsyReceiptView;
import io.patternhub.testkit.etsy.EtsyRefundView;
import io.patternhub.testkit.etsy.EtsyTransactionView;
import io.patternhub.testkit.etsy.ReceiptSeed;
import io.patternhub.testkit.etsy.RefundSeed;
import io.patternhub.testkit.etsy.TransactionSeed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The Etsy sandbox's state: shops, listings with inventory and files, receipts with transactions
 * and refunds, payments and ledger entries. Every method takes one lock, so state changes are
 * atomic and snapshots consistent. Not public API.
 */
public final class EtsyStore {
    private final Clock clock;
    private final Object lock = new Object();
    private long nextId = 1000;
    private final Map<Long, Records.Shop> shops = new LinkedHashMap<>();
    private final Map<Long, Records.Listing> listings = new LinkedHashMap<>();
    private final Map<Long, Records.Receipt> receipts = new LinkedHashMap<>();
    private final Map<Long, Records.Payment> payments = new LinkedHashMap<>();
    private final List<Records.LedgerEntry> ledger = new ArrayList<>();
    private final Map<String, Long> balances = new HashMap<>();
    private long ledgerSequence;

    public EtsyStore(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    Object lock() {
        return lock;
    }

    private long id() {
        return ++nextId;
    }

    private Instant now() {
        return clock.instant();
    }

    // ---------------------------------------------------------------- shops

    public long addShop(String name, String currency, long userId) {
        java.util.Currency.getInstance(currency);
        synchronized (lock) {
            Records.Shop shop = new Records.Shop();
            shop.shopId = id();
            shop.userId = userId;
            shop.name = name;
            shop.currency = currency;
            shop.createdAt = now();
            shops.put(shop.shopId, shop);
            return shop.shopId;
        }
    }

    Records.Shop shop(long shopId) {
        synchronized (lock) {
            Records.Shop shop = shops.get(shopId);
            if (shop == null) {
                throw SandboxRejection.notFound("Shop " + shopId + " not found");
            }
            return shop;
        }
    }

    List<Long> shopsOf(long userId) {
        synchronized (lock) {
            return shops.values().stream().filter(s -> s.userId == userId).map(s -> s.shopId)
                    .collect(Collectors.toList());
        }
    }

    public boolean hasShop(long shopId) {
        synchronized (lock) {
            return shops.containsKey(shopId);
        }
    }

    // ---------------------------------------------------------------- listings

    Records.Listing listingRecord(long listingId) {
        Records.Listing listing = listings.get(listingId);
        if (listing == null) {
            throw SandboxRejection.notFound("Listing " + listingId + " not found");
        }
        return listing;
    }

    Records.Listing listingOfShop(long shopId, long listingId) {
        Records.Listing listing = listingRecord(listingId);
        if (listing.shopId != shopId) {
            throw SandboxRejection.notFound("Listing " + listingId + " is not in shop " + shopId);
        }
        return listing;
    }

    Records.Listing createDraft(long shopId, Map<String, List<String>> form) {
        synchronized (lock) {
            Records.Shop shop = shop(shopId);
            Records.Listing l = new Records.Listing();
            l.listingId = id();
            l.shopId = shopId;
            l.userId = shop.userId;
            l.state = "draft";
            l.currency = shop.currency;
            l.title = FormFields.requiredText(form, "title");
            l.description = FormFields.requiredText(form, "description");
            l.quantity = FormFields.requiredLong(form, "quantity");
            if (l.quantity < 1 || l.quantity > 999) {
                throw FormFields.invalid("quantity", "quantity must be between 1 and 999, was " + l.quantity);
            }
            l.priceMinor = positivePrice(FormFields.requiredDecimal(form, "price"), shop.currency, "price");
            l.whoMade = FormFields.requiredText(form, "who_made");
            l.whenMade = FormFields.requiredText(form, "when_made");
            l.taxonomyId = FormFields.requiredLong(form, "taxonomy_id");
            l.type = FormFields.text(form, "type").orElse("physical");
            l.tags = FormFields.list(form, "tags").orElse(List.of());
            l.materials = FormFields.list(form, "materials").orElse(List.of());
            FormFields.bool(form, "is_taxable").ifPresent(v -> l.taxable = v);
            FormFields.bool(form, "is_supply").ifPresent(v -> l.supply = v);
            FormFields.bool(form, "should_auto_renew").ifPresent(v -> l.autoRenew = v);
            checkTags(l.tags);
            Records.Product p = new Records.Product();
            p.productId = id();
            p.offeringId = id();
            p.priceMinor = l.priceMinor;
            p.quantity = l.quantity;
            p.enabled = true;
            l.products = new ArrayList<>(List.of(p));
            l.createdAt = now();
            l.updatedAt = l.createdAt;
            l.stateAt = l.createdAt;
            listings.put(l.listingId, l);
            return l;
        }
    }

    private static void checkTags(List<String> tags) {
        if (tags.size() > 13) {
            throw FormFields.invalid("tags", "A listing has at most 13 tags, got " + tags.size());
        }
        for (String tag : tags) {
            if (tag.isBlank() || tag.length() > 20) {
                throw FormFields.invalid("tags", "A tag has 1 to 20 characters: '" + tag + "'");
            }
        }
    }

    private static long positivePrice(BigDecimal price, String currency, String field) {
        int digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        BigDecimal minor;
        try {
            minor = price.setScale(digits, RoundingMode.UNNECESSARY).movePointRight(digits);
        } catch (ArithmeticException e) {
            throw FormFields.invalid(field, field + " " + price.toPlainString() + " has more decimals than "
                    + currency + " allows (" + digits + ")");
        }
        if (minor.signum() <= 0) {
            throw FormFields.invalid(field, field + " must be positive, was " + price.toPlainString());
        }
        return minor.longValueExact();
    }

    Records.Listing updateListing(long shopId, long listingId, Map<String, List<String>> form) {
        synchronized (lock) {
            Records.Listing l = listingOfShop(shopId, listingId);
            FormFields.text(form, "title").ifPresent(v -> l.title = FormFields.nonBlank("title", v));
            FormFields.text(form, "description").ifPresent(v -> l.description = FormFields.nonBlank("description", v));
            if (form.containsKey("tags")) {
                List<String> tags = FormFields.list(form, "tags").orElse(List.of());
                checkTags(tags);
                l.tags = tags;
            }
            if (form.containsKey("materials")) {
                l.materials = FormFields.list(form, "materials").orElse(List.of());
            }
            FormFields.longValue(form, "taxonomy_id").ifPresent(v -> l.taxonomyId = v);
            FormFields.text(form, "who_made").ifPresent(v -> l.whoMade = v);
            FormFields.text(form, "when_made").ifPresent(v -> l.whenMade = v);
            FormFields.text(form, "type").filter(v -> !v.isEmpty()).ifPresent(v -> l.type = v);
            FormFields.bool(form, "is_taxable").ifPresent(v -> l.taxable = v);
            FormFields.bool(form, "is_supply").ifPresent(v -> l.supply = v);
            FormFields.bool(form, "should_auto_renew").ifPresent(v -> l.autoRenew = v);
            Optional<String> state = FormFields.text(form, "state");
            if (state.isPresent() && !state.get().equals(l.state)) {
                if (state.get().equals("active") && l.quantity < 1) {
                    throw FormFields.invalid("state", "Listing " + listingId + " has no quantity; it cannot be activated");
                }
                l.state = state.get();
                l.stateAt = now();
            }
            l.updatedAt = now();
            return l;
        }
    }

    void deleteListing(long listingId) {
        synchronized (lock) {
            listingRecord(listingId);
            listings.remove(listingId);
        }
    }

    Records.Listing updateInventory(long listingId, com.fasterxml.jackson.databind.JsonNode body) {
        synchronized (lock) {
            Records.Listing l = listingRecord(listingId);
            com.fasterxml.jackson.databind.JsonNode products = body.path("products");
            if (!products.isArray() || products.isEmpty()) {
                throw FormFields.invalid("products", "products must be a non-empty array");
            }
            List<Records.Product> updated = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode p : products) {
                com.fasterxml.jackson.databind.JsonNode offerings = p.path("offerings");
                if (!offerings.isArray() || offerings.size() != 1) {
                    throw FormFields.invalid("offerings",
                            "Without variations each product has exactly one offering, got " + offerings.size());
                }
                com.fasterxml.jackson.databind.JsonNode o = offerings.get(0);
                Records.Product product = new Records.Product();
                product.productId = id();
                product.offeringId = id();
                product.sku = p.path("sku").isTextual() && !p.path("sku").asText().isEmpty() ? p.get("sku").asText() : null;
                product.priceMinor = positivePrice(o.path("price").decimalValue(), l.currency, "price");
                product.quantity = o.path("quantity").asLong();
                if (product.quantity < 0 || product.quantity > 999) {
                    throw FormFields.invalid("quantity", "quantity must be between 0 and 999, was " + product.quantity);
                }
                product.enabled = o.path("is_enabled").asBoolean(true);
                updated.add(product);
            }
            long distinctSkus = updated.stream().map(p -> p.sku).filter(s -> s != null).distinct().count();
            if (distinctSkus != updated.stream().filter(p -> p.sku != null).count()) {
                throw FormFields.invalid("sku", "Two products of one listing have the same SKU");
            }
            l.products = updated;
            l.priceMinor = updated.stream().filter(p -> p.enabled).mapToLong(p -> p.priceMinor).min()
                    .orElse(updated.get(0).priceMinor);
            l.quantity = updated.stream().filter(p -> p.enabled).mapToLong(p -> p.quantity).sum();
            l.updatedAt = now();
            return l;
        }
    }

    /** Listings of a shop in {@code state}, sorted as Etsy's {@code sort_on}/{@code sort_order} ask. */
    List<Records.Listing> listingsOf(long shopId, String state, String sortOn, boolean ascending) {
        synchronized (lock) {
            shop(shopId);
            Comparator<Records.Listing> order = switch (sortOn) {
                case "price" -> Comparator.comparingLong((Records.Listing l) -> l.priceMinor);
                case "updated" -> Comparator.comparing((Records.Listing l) -> l.updatedAt);
                default -> Comparator.comparing((Records.Listing l) -> l.createdAt);
            };
            order = order.thenComparingLong(l -> l.listingId);
            return listings.values().stream().filter(l -> l.shopId == shopId && l.state.equals(state))
                    .sorted(ascending ? order : order.reversed()).collect(Collectors.toList());
        }
    }

    List<Records.Listing> listingsByIds(List<Long> ids) {
        synchronized (lock) {
            return ids.stream().map(listings::get).filter(l -> l != null).collect(Collectors.toList());
        }
    }

    // ---------------------------------------------------------------- files

    Records.ListingFile addFile(long shopId, long listingId, String name, Integer rank, long size, String sha256,
            String mediaType, byte[] content, int maxFiles) {
        synchronized (lock) {
            Records.Listing l = listingOfShop(shopId, listingId);
            if (l.files.size() >= maxFiles) {
                throw SandboxRejection.invalid("Listing " + listingId + " already has " + l.files.size()
                        + " files, the maximum is " + maxFiles, List.of(new io.patternhub.core.error.ValidationError(
                                "file", "too_many_files", "at most " + maxFiles + " files per listing")));
            }
            Records.ListingFile f = new Records.ListingFile();
            f.listingFileId = id();
            f.listingId = listingId;
            f.name = name;
            f.sizeBytes = size;
            f.sha256 = sha256;
            f.mediaType = mediaType;
            f.content = content;
            f.createdAt = now();
            int position = rank == null ? l.files.size() + 1 : Math.min(rank, l.files.size() + 1);
            l.files.add(position - 1, f);
            renumber(l);
            l.updatedAt = now();
            return f;
        }
    }

    Records.ListingFile existingFile(long shopId, long listingFileId) {
        synchronized (lock) {
            return listings.values().stream().filter(l -> l.shopId == shopId).flatMap(l -> l.files.stream())
                    .filter(f -> f.listingFileId == listingFileId).findFirst()
                    .orElseThrow(() -> SandboxRejection.notFound("Listing file " + listingFileId + " not found in shop "
                            + shopId));
        }
    }

    private static void renumber(Records.Listing l) {
        for (int i = 0; i < l.files.size(); i++) {
            l.files.get(i).rank = i + 1;
        }
    }

    List<Records.ListingFile> files(long shopId, long listingId) {
        synchronized (lock) {
            return List.copyOf(listingOfShop(shopId, listingId).files);
        }
    }

    Records.ListingFile file(long shopId, long listingId, long fileId) {
        synchronized (lock) {
            return listingOfShop(shopId, listingId).files.stream().filter(f -> f.listingFileId == fileId).findFirst()
                    .orElseThrow(() -> SandboxRejection.notFound("Listing file " + fileId + " not found on listing "
                            + listingId));
        }
    }

    void deleteFile(long shopId, long listingId, long fileId) {
        synchronized (lock) {
            Records.Listing l = listingOfShop(shopId, listingId);
            Records.ListingFile f = file(shopId, listingId, fileId);
            l.files.remove(f);
            renumber(l);
            l.updatedAt = now();
        }
    }

    // ---------------------------------------------------------------- receipts

    public long addReceipt(long shopId, ReceiptSeed seed) {
        synchronized (lock) {
            Records.Shop shop = shop(shopId);
            Records.Receipt r = new Records.Receipt();
            r.receiptId = id();
            r.shopId = shopId;
            r.sellerUserId = shop.userId;
            r.buyerUserId = seed.buyerUserId();
            r.buyerEmail = seed.buyerEmail().orElse(null);
            r.currency = seed.currency();
            r.paid = seed.paid();
            r.canceled = seed.canceled();
            r.createdAt = seed.createdAt().orElseGet(this::now);
            r.updatedAt = r.createdAt;
            for (TransactionSeed t : seed.transactions()) {
                Records.Transaction tx = new Records.Transaction();
                tx.transactionId = id();
                tx.receiptId = r.receiptId;
                tx.sku = t.sku();
                tx.title = t.title();
                tx.quantity = t.quantity();
                tx.unitMinor = t.unitPrice().toMinorUnits();
                tx.createdAt = r.createdAt;
                if (t.listingId().isPresent()) {
                    Records.Listing l = listingRecord(t.listingId().getAsLong());
                    tx.listingId = l.listingId;
                    tx.productId = l.products.stream().filter(p -> t.sku() == null || t.sku().equals(p.sku))
                            .map(p -> p.productId).findFirst().orElse(null);
                }
                r.transactions.add(tx);
            }
            r.subtotal = seed.subtotal().toMinorUnits();
            r.discount = seed.discount().toMinorUnits();
            r.salesTax = seed.salesTax().toMinorUnits();
            r.vat = seed.vat().toMinorUnits();
            r.shipping = seed.shipping().toMinorUnits();
            r.grandTotal = seed.grandTotal().toMinorUnits();
            receipts.put(r.receiptId, r);
            if (r.paid) {
                Records.Payment p = new Records.Payment();
                p.paymentId = id();
                p.shopId = shopId;
                p.receiptId = r.receiptId;
                p.buyerUserId = r.buyerUserId;
                p.currency = r.currency;
                p.gross = r.grandTotal;
                p.fees = seed.fees().map(Money::toMinorUnits).orElseGet(() -> defaultFees(r.grandTotal, r.currency));
                p.createdAt = r.createdAt;
                p.updatedAt = r.createdAt;
                payments.put(p.paymentId, p);
                r.paymentId = p.paymentId;
                long gross = post(shopId, r.currency, p.gross, "payment", "PAYMENT_GROSS", "receipt", r.receiptId,
                        p.paymentId, r.createdAt);
                post(shopId, r.currency, -p.fees, "payment", "PAYMENT_PROCESSING_FEE", "receipt", r.receiptId,
                        p.paymentId, r.createdAt);
                // Etsy remits the tax it collected: it leaves the payment account as its own debit.
                postTax(r, -r.salesTax, -r.vat, gross, "PAYMENT", "paid by buyer, remitted by Etsy", r.createdAt);
            }
            for (RefundSeed refund : seed.refunds()) {
                applyRefund(r, refund.amount().toMinorUnits(), refund.reason(), refund.at().orElse(r.createdAt));
            }
            return r.receiptId;
        }
    }

    /** The sandbox default processing fee: 3% of the total plus 0.25 of the currency's major unit. */
    private static long defaultFees(long grandTotal, String currency) {
        long fixed = Amount.divisorOf(currency) / 4;
        return BigDecimal.valueOf(grandTotal).multiply(BigDecimal.valueOf(3, 2)).setScale(0, RoundingMode.HALF_UP)
                .longValueExact() + fixed;
    }

    private void applyRefund(Records.Receipt r, long amount, String reason, Instant at) {
        if (amount <= 0) {
            throw new IllegalArgumentException("A refund amount must be positive");
        }
        if (r.refunded() + amount > r.grandTotal) {
            throw new IllegalArgumentException("Refunds would exceed the grand total of receipt " + r.receiptId);
        }
        Records.Refund refund = new Records.Refund();
        refund.refundId = id();
        refund.amountMinor = amount;
        refund.reason = reason;
        refund.createdAt = at;
        r.refunds.add(refund);
        if (r.paymentId != null) {
            Records.Payment p = payments.get(r.paymentId);
            long before = p.adjusted ? p.adjustedFees : p.fees;
            p.adjusted = true;
            p.adjustedGross = p.gross - r.refunded();
            // Processing fees are refunded in proportion to the refunded share (sandbox convention).
            p.adjustedFees = BigDecimal.valueOf(p.fees).multiply(BigDecimal.valueOf(p.adjustedGross))
                    .divide(BigDecimal.valueOf(p.gross), 0, RoundingMode.HALF_UP).longValueExact();
            p.updatedAt = at;
            long gross = post(r.shopId, r.currency, -amount, "refund", "REFUND_GROSS", "receipt", r.receiptId,
                    p.paymentId, at);
            // The refund carries back its share of the tax Etsy remitted, which Etsy credits back.
            long taxShare = share(amount, r.salesTax + r.vat, r.grandTotal);
            long salesTaxShare = r.vat == 0 ? taxShare : share(amount, r.salesTax, r.grandTotal);
            postTax(r, salesTaxShare, taxShare - salesTaxShare, gross, "REFUND", "refunded to buyer", at);
            refund.feeRefunded = before - p.adjustedFees;
            if (before != p.adjustedFees) {
                post(r.shopId, r.currency, before - p.adjustedFees, "refund", "REFUND_PROCESSING_FEE", "receipt",
                        r.receiptId, p.paymentId, at);
            }
        }
    }

    /**
     * A refund's share of a tax, {@code refund * tax / total} rounded half-even, as the reconciliation
     * engine computes it (the sandbox convention; Etsy does not document its rounding).
     */
    private static long share(long refund, long tax, long total) {
        if (tax == 0 || total <= 0) {
            return 0;
        }
        BigDecimal fraction = BigDecimal.valueOf(tax).divide(BigDecimal.valueOf(total), 12, RoundingMode.HALF_EVEN);
        return Math.min(refund, BigDecimal.valueOf(refund).multiply(fraction).setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact());
    }

    /** Posts the sales-tax and VAT entries of a payment or refund (non-zero ones), children of its gross entry. */
    private void postTax(Records.Receipt r, long salesTax, long vat, long parentEntryId, String prefix, String what,
            Instant at) {
        if (salesTax != 0) {
            post(r.shopId, r.currency, salesTax, "Sales tax " + what, prefix + "_SALES_TAX", "receipt", r.receiptId,
                    r.paymentId, at);
            last().parentEntryId = parentEntryId;
        }
        if (vat != 0) {
            post(r.shopId, r.currency, vat, "VAT " + what, prefix + "_VAT", "receipt", r.receiptId, r.paymentId, at);
            last().parentEntryId = parentEntryId;
        }
    }

    private Records.LedgerEntry last() {
        return ledger.get(ledger.size() - 1);
    }

    /**
     * Charges a shop fee that belongs to no receipt (a listing fee, Etsy Ads), debiting the ledger now.
     *
     * @return the entry id
     */
    public long chargeFee(long shopId, String currency, long amount, String ledgerType, String referenceType,
            String referenceId) {
        if (amount <= 0) {
            throw new IllegalArgumentException("A fee must be positive");
        }
        synchronized (lock) {
            shop(shopId);
            long id = post(shopId, currency, -amount, ledgerType, ledgerType, referenceType, 0, null, now());
            last().referenceId = referenceId; // e.g. a listing id, or null
            return id;
        }
    }

    private long post(long shopId, String currency, long amount, String description, String type, String refType,
            long refId, Long paymentId, Instant at) {
        String key = shopId + ":" + currency;
        long balance = balances.merge(key, amount, Long::sum);
        Records.LedgerEntry e = new Records.LedgerEntry();
        e.entryId = id();
        e.ledgerId = shopId;
        e.sequence = ++ledgerSequence;
        e.amount = amount;
        e.balance = balance;
        e.currency = currency;
        e.description = description;
        e.ledgerType = type;
        e.referenceType = refType;
        e.referenceId = Long.toString(refId);
        e.paymentId = paymentId;
        e.createdAt = at;
        ledger.add(e);
        return e.entryId;
    }

    public void refund(long receiptId, Money amount, String reason, boolean touchLastModified) {
        synchronized (lock) {
            Records.Receipt r = receiptRecord(receiptId);
            if (!amount.currencyCode().equals(r.currency)) {
                throw new IllegalArgumentException("Receipt " + receiptId + " is in " + r.currency + ", the refund in "
                        + amount.currencyCode());
            }
            applyRefund(r, amount.toMinorUnits(), reason, now());
            if (touchLastModified) {
                r.updatedAt = now();
            }
        }
    }

    public void cancel(long receiptId, boolean touchLastModified) {
        synchronized (lock) {
            Records.Receipt r = receiptRecord(receiptId);
            r.canceled = true;
            if (touchLastModified) {
                r.updatedAt = now();
            }
        }
    }

    public long disburse(long shopId, String currency) {
        synchronized (lock) {
            shop(shopId);
            long balance = balances.getOrDefault(shopId + ":" + currency, 0L);
            if (balance <= 0) {
                throw new IllegalStateException("Shop " + shopId + " has no positive " + currency + " balance to disburse");
            }
            long disbursementId = id();
            post(shopId, currency, -balance, "disbursement", "DISBURSE", "disbursement", disbursementId, null, now());
            return balance;
        }
    }

    Records.Receipt receiptRecord(long receiptId) {
        Records.Receipt r = receipts.get(receiptId);
        if (r == null) {
            throw SandboxRejection.notFound("Receipt " + receiptId + " not found");
        }
        return r;
    }

    Records.Receipt receiptOfShop(long shopId, long receiptId) {
        synchronized (lock) {
            Records.Receipt r = receiptRecord(receiptId);
            if (r.shopId != shopId) {
                throw SandboxRejection.notFound("Receipt " + receiptId + " is not in shop " + shopId);
            }
            return r;
        }
    }

    List<Records.Receipt> receiptsOf(long shopId, Predicate<Records.Receipt> filter, String sortOn, boolean ascending) {
        synchronized (lock) {
            shop(shopId);
            Comparator<Records.Receipt> order = switch (sortOn) {
                case "updated" -> Comparator.comparing((Records.Receipt r) -> r.updatedAt);
                case "receipt_id" -> Comparator.comparingLong((Records.Receipt r) -> r.receiptId);
                default -> Comparator.comparing((Records.Receipt r) -> r.createdAt);
            };
            order = order.thenComparingLong(r -> r.receiptId);
            return receipts.values().stream().filter(r -> r.shopId == shopId).filter(filter)
                    .sorted(ascending ? order : order.reversed()).collect(Collectors.toList());
        }
    }

    List<Records.Transaction> transactionsOf(long shopId) {
        synchronized (lock) {
            shop(shopId);
            return receipts.values().stream().filter(r -> r.shopId == shopId).flatMap(r -> r.transactions.stream())
                    .sorted(Comparator.comparing((Records.Transaction t) -> t.createdAt)
                            .thenComparingLong(t -> t.transactionId).reversed())
                    .collect(Collectors.toList());
        }
    }

    Records.Transaction transaction(long shopId, long transactionId) {
        synchronized (lock) {
            return transactionsOf(shopId).stream().filter(t -> t.transactionId == transactionId).findFirst()
                    .orElseThrow(() -> SandboxRejection.notFound("Transaction " + transactionId + " not found"));
        }
    }

    Optional<Records.Payment> paymentOfReceipt(long shopId, long receiptId) {
        synchronized (lock) {
            Records.Receipt r = receiptOfShop(shopId, receiptId);
            return Optional.ofNullable(r.paymentId).map(payments::get);
        }
    }

    List<Records.Payment> paymentsByIds(long shopId, List<Long> ids) {
        synchronized (lock) {
            shop(shopId);
            return ids.stream().map(payments::get).filter(p -> p != null && p.shopId == shopId)
                    .collect(Collectors.toList());
        }
    }

    List<Records.LedgerEntry> ledgerOf(long shopId, Instant minCreated, Instant maxCreated) {
        synchronized (lock) {
            shop(shopId);
            return ledger.stream().filter(e -> e.ledgerId == shopId && !e.createdAt.isBefore(minCreated)
                    && !e.createdAt.isAfter(maxCreated))
                    .sorted(Comparator.comparingLong((Records.LedgerEntry e) -> e.sequence))
                    .collect(Collectors.toList());
        }
    }

    Records.LedgerEntry ledgerEntry(long shopId, long entryId) {
        synchronized (lock) {
            return ledger.stream().filter(e -> e.ledgerId == shopId && e.entryId == entryId).findFirst()
                    .orElseThrow(() -> SandboxRejection.notFound("Ledger entry " + entryId + " not found"));
        }
    }

    List<Records.Payment> paymentsOfLedgerEntries(long shopId, List<Long> entryIds) {
        synchronized (lock) {
            shop(shopId);
            return ledger.stream().filter(e -> e.ledgerId == shopId && entryIds.contains(e.entryId) && e.paymentId != null)
                    .map(e -> payments.get(e.paymentId)).distinct().collect(Collectors.toList());
        }
    }

    // ---------------------------------------------------------------- snapshots

    public Optional<EtsyListingView> listingView(long listingId) {
        synchronized (lock) {
            return Optional.ofNullable(listings.get(listingId)).map(EtsyStore::view);
        }
    }

    public List<EtsyListingView> listingViews(long shopId) {
        synchronized (lock) {
            return listings.values().stream().filter(l -> l.shopId == shopId).map(EtsyStore::view)
                    .collect(Collectors.toList());
        }
    }

    public Optional<byte[]> fileContent(long listingFileId) {
        synchronized (lock) {
            return listings.values().stream().flatMap(l -> l.files.stream())
                    .filter(f -> f.listingFileId == listingFileId).findFirst()
                    .flatMap(f -> Optional.ofNullable(f.content)).map(byte[]::clone);
        }
    }

    private static EtsyListingView view(Records.Listing l) {
        List<EtsyProductView> products = l.products.stream().map(p -> new EtsyProductView(p.productId,
                Optional.ofNullable(p.sku), Money.ofMinor(p.priceMinor, l.currency), p.quantity, p.enabled))
                .collect(Collectors.toList());
        List<EtsyListingFileView> files = l.files.stream().map(f -> new EtsyListingFileView(f.listingFileId,
                f.listingId, f.name, f.rank, f.sizeBytes, f.sha256, f.createdAt)).collect(Collectors.toList());
        return new EtsyListingView(l.listingId, l.shopId, EtsyListingState.valueOf(l.state.toUpperCase(Locale.ROOT)),
                l.title, l.description, l.tags, l.taxonomyId, l.type, l.whoMade, l.whenMade, l.quantity,
                Money.ofMinor(l.priceMinor, l.currency), products, files, l.createdAt, l.updatedAt);
    }

    public Optional<EtsyReceiptView> receiptView(long receiptId) {
        synchronized (lock) {
            return Optional.ofNullable(receipts.get(receiptId)).map(EtsyStore::view);
        }
    }

    public List<EtsyReceiptView> receiptViews(long shopId) {
        synchronized (lock) {
            return receipts.values().stream().filter(r -> r.shopId == shopId).map(EtsyStore::view)
                    .collect(Collectors.toList());
        }
    }

    private static EtsyReceiptView view(Records.Receipt r) {
        List<EtsyTransactionView> txs = r.transactions.stream().map(t -> new EtsyTransactionView(t.transactionId,
                t.receiptId, t.listingId == null ? OptionalLong.empty() : OptionalLong.of(t.listingId),
                Optional.ofNullable(t.sku), t.title, t.quantity, Money.ofMinor(t.unitMinor, r.currency)))
                .collect(Collectors.toList());
        List<EtsyRefundView> refunds = r.refunds.stream().map(f -> new EtsyRefundView(
                Money.ofMinor(f.amountMinor, r.currency), Optional.ofNullable(f.reason), f.createdAt))
                .collect(Collectors.toList());
        return new EtsyReceiptView(r.receiptId, r.shopId, r.status(), Optional.ofNullable(r.buyerEmail), r.currency,
                Money.ofMinor(r.subtotal, r.currency), Money.ofMinor(r.discount, r.currency),
                Money.ofMinor(r.salesTax, r.currency), Money.ofMinor(r.vat, r.currency),
                Money.ofMinor(r.shipping, r.currency), Money.ofMinor(r.grandTotal, r.currency), txs, refunds,
                Optional.ofNullable(r.paymentId), r.createdAt, r.updatedAt);
    }

    public List<EtsyPaymentView> paymentViews(long shopId) {
        synchronized (lock) {
            return payments.values().stream().filter(p -> p.shopId == shopId).map(EtsyStore::view)
                    .collect(Collectors.toList());
        }
    }

    private static EtsyPaymentView view(Records.Payment p) {
        Optional<Money> ag = p.adjusted ? Optional.of(Money.ofMinor(p.adjustedGross, p.currency)) : Optional.empty();
        Optional<Money> af = p.adjusted ? Optional.of(Money.ofMinor(p.adjustedFees, p.currency)) : Optional.empty();
        Optional<Money> an = p.adjusted ? Optional.of(Money.ofMinor(p.adjustedGross - p.adjustedFees, p.currency))
                : Optional.empty();
        return new EtsyPaymentView(p.paymentId, p.receiptId, Money.ofMinor(p.gross, p.currency),
                Money.ofMinor(p.fees, p.currency), Money.ofMinor(p.gross - p.fees, p.currency), ag, af, an);
    }

    public List<EtsyLedgerEntryView> ledgerViews(long shopId) {
        synchronized (lock) {
            return ledger.stream().filter(e -> e.ledgerId == shopId).map(e -> new EtsyLedgerEntryView(e.entryId,
                    e.sequence, Money.ofMinor(e.amount, e.currency), Money.ofMinor(e.balance, e.currency),
                    e.description, e.ledgerType, e.referenceType, Optional.ofNullable(e.referenceId), e.createdAt))
                    .collect(Collectors.toList());
        }
    }
}
