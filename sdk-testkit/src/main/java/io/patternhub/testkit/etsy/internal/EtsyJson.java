package io.patternhub.testkit.etsy.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders sandbox state in the shapes of Etsy's OpenAPI schemas. Not public API. */
final class EtsyJson {
    private EtsyJson() {
    }

    static long epoch(Instant at) {
        return at.getEpochSecond();
    }

    static Map<String, Object> shop(Records.Shop s, long activeCount, long digitalCount) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shop_id", s.shopId);
        m.put("user_id", s.userId);
        m.put("shop_name", s.name);
        m.put("create_date", epoch(s.createdAt));
        m.put("created_timestamp", epoch(s.createdAt));
        m.put("title", null);
        m.put("announcement", null);
        m.put("currency_code", s.currency);
        m.put("is_vacation", false);
        m.put("vacation_message", null);
        m.put("sale_message", null);
        m.put("digital_sale_message", null);
        m.put("update_date", epoch(s.createdAt));
        m.put("updated_timestamp", epoch(s.createdAt));
        m.put("listing_active_count", activeCount);
        m.put("digital_listing_count", digitalCount);
        m.put("login_name", s.name.toLowerCase(Locale.ROOT));
        m.put("accepts_custom_requests", false);
        m.put("url", "https://www.etsy.com/shop/" + s.name);
        m.put("num_favorers", 0);
        m.put("languages", List.of("en-US"));
        m.put("is_using_structured_policies", true);
        m.put("is_shop_us_based", "USD".equals(s.currency));
        m.put("transaction_sold_count", 0);
        m.put("shipping_from_country_iso", null);
        m.put("shop_location_country_iso", null);
        m.put("review_count", null);
        m.put("review_average", null);
        return m;
    }

    static Map<String, Object> listing(Records.Listing l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("listing_id", l.listingId);
        m.put("user_id", l.userId);
        m.put("shop_id", l.shopId);
        m.put("title", l.title);
        m.put("description", l.description);
        m.put("rich_description", null);
        m.put("state", l.state);
        m.put("creation_timestamp", epoch(l.createdAt));
        m.put("created_timestamp", epoch(l.createdAt));
        m.put("ending_timestamp", epoch(l.createdAt.plus(Duration.ofDays(120))));
        m.put("original_creation_timestamp", epoch(l.createdAt));
        m.put("last_modified_timestamp", epoch(l.updatedAt));
        m.put("updated_timestamp", epoch(l.updatedAt));
        m.put("state_timestamp", epoch(l.stateAt));
        m.put("quantity", l.quantity);
        m.put("shop_section_id", null);
        m.put("featured_rank", -1);
        m.put("url", "https://www.etsy.com/listing/" + l.listingId);
        m.put("num_favorers", 0);
        m.put("non_taxable", !l.taxable);
        m.put("is_taxable", l.taxable);
        m.put("is_customizable", false);
        m.put("is_personalizable", false);
        m.put("listing_type", l.type);
        m.put("tags", l.tags);
        m.put("materials", l.materials);
        m.put("shipping_profile_id", null);
        m.put("return_policy_id", null);
        m.put("processing_min", null);
        m.put("processing_max", null);
        m.put("who_made", l.whoMade);
        m.put("when_made", l.whenMade);
        m.put("is_supply", l.supply);
        m.put("item_weight", null);
        m.put("item_weight_unit", null);
        m.put("item_length", null);
        m.put("item_width", null);
        m.put("item_height", null);
        m.put("item_dimensions_unit", null);
        m.put("is_private", false);
        m.put("style", List.of());
        m.put("file_data", l.files.isEmpty() ? "" : l.files.stream().map(f -> f.name).collect(Collectors.joining(", ")));
        m.put("has_variations", false);
        m.put("should_auto_renew", l.autoRenew);
        m.put("language", "en-US");
        m.put("price", new Amount(l.priceMinor, l.currency).json());
        m.put("taxonomy_id", l.taxonomyId);
        m.put("readiness_state_id", null);
        m.put("suggested_title", null);
        return m;
    }

    /** ShopListingWithAssociations: the listing, its SKUs, and the inventory when asked for. */
    static Map<String, Object> listingWithAssociations(Records.Listing l, boolean withInventory) {
        Map<String, Object> m = listing(l);
        m.put("skus", l.products.stream().map(p -> p.sku).filter(s -> s != null).collect(Collectors.toList()));
        m.put("views", 0);
        if (withInventory) {
            m.put("inventory", inventory(l));
        }
        return m;
    }

    static Map<String, Object> inventory(Records.Listing l) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> products = new ArrayList<>();
        for (Records.Product p : l.products) {
            Map<String, Object> offering = new LinkedHashMap<>();
            offering.put("offering_id", p.offeringId);
            offering.put("quantity", p.quantity);
            offering.put("is_enabled", p.enabled);
            offering.put("is_deleted", false);
            offering.put("price", new Amount(p.priceMinor, l.currency).json());
            offering.put("readiness_state_id", null);
            Map<String, Object> product = new LinkedHashMap<>();
            product.put("product_id", p.productId);
            product.put("sku", p.sku == null ? "" : p.sku);
            product.put("is_deleted", false);
            product.put("offerings", List.of(offering));
            product.put("property_values", List.of());
            products.add(product);
        }
        m.put("products", products);
        m.put("price_on_property", List.of());
        m.put("quantity_on_property", List.of());
        m.put("sku_on_property", List.of());
        m.put("readiness_state_on_property", List.of());
        return m;
    }

    static Map<String, Object> file(Records.ListingFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("listing_file_id", f.listingFileId);
        m.put("listing_id", f.listingId);
        m.put("rank", f.rank);
        m.put("filename", f.name);
        m.put("filesize", humanSize(f.sizeBytes));
        m.put("size_bytes", f.sizeBytes);
        m.put("filetype", f.mediaType);
        m.put("create_timestamp", epoch(f.createdAt));
        m.put("created_timestamp", epoch(f.createdAt));
        return m;
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    static Map<String, Object> receipt(Records.Receipt r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("receipt_id", r.receiptId);
        m.put("receipt_type", 0);
        m.put("seller_user_id", r.sellerUserId);
        m.put("seller_email", null);
        m.put("buyer_user_id", r.buyerUserId);
        m.put("buyer_email", r.buyerEmail);
        m.put("name", "Buyer " + r.buyerUserId);
        m.put("first_line", null);
        m.put("second_line", null);
        m.put("city", null);
        m.put("state", null);
        m.put("zip", null);
        m.put("status", r.status());
        m.put("formatted_address", null);
        m.put("country_iso", null);
        m.put("payment_method", "cc");
        m.put("payment_email", null);
        m.put("message_from_seller", null);
        m.put("message_from_buyer", null);
        m.put("message_from_payment", null);
        m.put("is_paid", r.paid);
        m.put("is_shipped", false);
        m.put("create_timestamp", epoch(r.createdAt));
        m.put("created_timestamp", epoch(r.createdAt));
        m.put("update_timestamp", epoch(r.updatedAt));
        m.put("updated_timestamp", epoch(r.updatedAt));
        m.put("is_gift", false);
        m.put("gift_message", "");
        m.put("gift_sender", "");
        m.put("grandtotal", money(r.grandTotal, r.currency));
        m.put("subtotal", money(r.subtotal, r.currency));
        m.put("total_price", money(r.subtotal, r.currency));
        m.put("total_shipping_cost", money(r.shipping, r.currency));
        m.put("total_tax_cost", money(r.salesTax, r.currency));
        m.put("total_vat_cost", money(r.vat, r.currency));
        m.put("discount_amt", money(r.discount, r.currency));
        m.put("gift_wrap_price", money(0, r.currency));
        m.put("shipments", List.of());
        m.put("transactions", r.transactions.stream().map(t -> transaction(r, t)).collect(Collectors.toList()));
        m.put("refunds", r.refunds.stream().map(f -> refund(r, f)).collect(Collectors.toList()));
        return m;
    }

    static Map<String, Object> transaction(Records.Receipt r, Records.Transaction t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transaction_id", t.transactionId);
        m.put("title", t.title);
        m.put("description", null);
        m.put("seller_user_id", r.sellerUserId);
        m.put("buyer_user_id", r.buyerUserId);
        m.put("create_timestamp", epoch(t.createdAt));
        m.put("created_timestamp", epoch(t.createdAt));
        m.put("paid_timestamp", r.paid ? epoch(r.createdAt) : null);
        m.put("shipped_timestamp", null);
        m.put("quantity", t.quantity);
        m.put("listing_image_id", null);
        m.put("receipt_id", t.receiptId);
        m.put("is_digital", true);
        m.put("file_data", "");
        m.put("listing_id", t.listingId);
        m.put("transaction_type", "listing");
        m.put("product_id", t.productId);
        m.put("sku", t.sku);
        m.put("price", money(t.unitMinor, r.currency));
        m.put("shipping_cost", money(0, r.currency));
        m.put("variations", List.of());
        m.put("product_data", List.of());
        m.put("shipping_profile_id", null);
        m.put("min_processing_days", null);
        m.put("max_processing_days", null);
        m.put("shipping_method", null);
        m.put("shipping_upgrade", null);
        m.put("expected_ship_date", null);
        m.put("buyer_coupon", 0);
        m.put("shop_coupon", 0);
        return m;
    }

    static Map<String, Object> refund(Records.Receipt r, Records.Refund f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("amount", money(f.amountMinor, r.currency));
        m.put("created_timestamp", epoch(f.createdAt));
        m.put("reason", f.reason);
        m.put("note_from_issuer", null);
        m.put("status", null);
        return m;
    }

    static Map<String, Object> payment(Records.Payment p, Records.Receipt r, long sellerUserId) {
        Map<String, Object> m = new LinkedHashMap<>();
        long adjustedGross = p.adjusted ? p.adjustedGross : p.gross;
        long adjustedFees = p.adjusted ? p.adjustedFees : p.fees;
        m.put("payment_id", p.paymentId);
        m.put("buyer_user_id", p.buyerUserId);
        m.put("shop_id", p.shopId);
        m.put("receipt_id", p.receiptId);
        m.put("amount_gross", money(p.gross, p.currency));
        m.put("amount_fees", money(p.fees, p.currency));
        m.put("amount_net", money(p.gross - p.fees, p.currency));
        m.put("posted_gross", money(p.gross, p.currency));
        m.put("posted_fees", money(p.fees, p.currency));
        m.put("posted_net", money(p.gross - p.fees, p.currency));
        m.put("adjusted_gross", money(adjustedGross, p.currency));
        m.put("adjusted_fees", money(adjustedFees, p.currency));
        m.put("adjusted_net", money(adjustedGross - adjustedFees, p.currency));
        m.put("currency", p.currency);
        m.put("shop_currency", p.currency);
        m.put("buyer_currency", p.currency);
        m.put("shipping_user_id", null);
        m.put("shipping_address_id", p.buyerUserId);
        m.put("billing_address_id", 0);
        m.put("status", "settled");
        m.put("shipped_timestamp", null);
        m.put("create_timestamp", epoch(p.createdAt));
        m.put("created_timestamp", epoch(p.createdAt));
        m.put("update_timestamp", epoch(p.updatedAt));
        m.put("updated_timestamp", epoch(p.updatedAt));
        List<Object> adjustments = new ArrayList<>();
        for (Records.Refund f : r.refunds) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("payment_adjustment_id", f.refundId);
            a.put("payment_id", p.paymentId);
            a.put("status", "completed");
            a.put("is_success", true);
            a.put("user_id", sellerUserId);
            a.put("reason_code", f.reason == null ? "other" : f.reason);
            a.put("total_adjustment_amount", f.amountMinor);
            a.put("shop_total_adjustment_amount", f.amountMinor);
            a.put("buyer_total_adjustment_amount", f.amountMinor);
            a.put("total_fee_adjustment_amount", f.feeRefunded);
            a.put("create_timestamp", epoch(f.createdAt));
            a.put("created_timestamp", epoch(f.createdAt));
            a.put("update_timestamp", epoch(f.createdAt));
            a.put("updated_timestamp", epoch(f.createdAt));
            a.put("payment_adjustment_items", List.of());
            adjustments.add(a);
        }
        m.put("payment_adjustments", adjustments);
        return m;
    }

    static Map<String, Object> ledgerEntry(Records.LedgerEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry_id", e.entryId);
        m.put("ledger_id", e.ledgerId);
        m.put("sequence_number", e.sequence);
        m.put("amount", e.amount);
        m.put("currency", e.currency);
        m.put("description", e.description);
        m.put("balance", e.balance);
        m.put("create_date", epoch(e.createdAt));
        m.put("created_timestamp", epoch(e.createdAt));
        m.put("ledger_type", e.ledgerType);
        m.put("reference_type", e.referenceType);
        m.put("reference_id", e.referenceId);
        m.put("parent_entry_id", e.parentEntryId);
        m.put("payment_adjustments", List.of());
        return m;
    }

    static Map<String, Object> money(long minor, String currency) {
        return new Amount(minor, currency).json();
    }

    static Map<String, Object> page(long count, List<?> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("results", results);
        return m;
    }
}
