package io.patternhub.testkit.etsy.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The mutable state records of the Etsy sandbox, guarded by the {@link EtsyStore} lock. Not public API. */
final class Records {
    private Records() {
    }

    static final class Shop {
        long shopId;
        long userId;
        String name;
        String currency;
        Instant createdAt;
    }

    static final class Product {
        long productId;
        long offeringId;
        String sku;
        long priceMinor;
        long quantity;
        boolean enabled;
    }

    static final class ListingFile {
        long listingFileId;
        long listingId;
        String name;
        int rank;
        long sizeBytes;
        String sha256;
        String mediaType;
        byte[] content;
        Instant createdAt;
    }

    static final class Listing {
        long listingId;
        long shopId;
        long userId;
        String state;
        String title;
        String description;
        List<String> tags = new ArrayList<>();
        List<String> materials = new ArrayList<>();
        long taxonomyId;
        String type;
        String whoMade;
        String whenMade;
        long quantity;
        long priceMinor;
        String currency;
        boolean taxable = true;
        boolean supply;
        boolean autoRenew;
        List<Product> products = new ArrayList<>();
        List<ListingFile> files = new ArrayList<>();
        Instant createdAt;
        Instant updatedAt;
        Instant stateAt;
    }

    static final class Transaction {
        long transactionId;
        long receiptId;
        Long listingId;
        Long productId;
        String sku;
        String title;
        int quantity;
        long unitMinor;
        Instant createdAt;
    }

    static final class Refund {
        long refundId;
        long amountMinor;
        long feeRefunded;
        String reason;
        Instant createdAt;
    }

    static final class Receipt {
        long receiptId;
        long shopId;
        long sellerUserId;
        long buyerUserId;
        String buyerEmail;
        String currency;
        boolean paid;
        boolean canceled;
        long subtotal;
        long discount;
        long salesTax;
        long vat;
        long shipping;
        long grandTotal;
        List<Transaction> transactions = new ArrayList<>();
        List<Refund> refunds = new ArrayList<>();
        Long paymentId;
        Instant createdAt;
        Instant updatedAt;

        long refunded() {
            return refunds.stream().mapToLong(r -> r.amountMinor).sum();
        }

        String status() {
            if (canceled) {
                return "canceled";
            }
            long refunded = refunded();
            if (refunded > 0) {
                return refunded >= grandTotal ? "fully refunded" : "partially refunded";
            }
            return paid ? "paid" : "open";
        }
    }

    static final class Payment {
        long paymentId;
        long shopId;
        long receiptId;
        long buyerUserId;
        String currency;
        long gross;
        long fees;
        long adjustedGross;
        long adjustedFees;
        boolean adjusted;
        Instant createdAt;
        Instant updatedAt;
    }

    static final class LedgerEntry {
        long entryId;
        long ledgerId;
        long sequence;
        long amount;
        long balance;
        String currency;
        String description;
        String ledgerType;
        String referenceType;
        String referenceId;
        Long paymentId;
        long parentEntryId;
        Instant createdAt;
    }

    static final class Token {
        long userId;
        String accessToken;
        String refreshToken;
        java.util.Set<String> scopes;
        Instant expiresAt;
        boolean refreshUsed;
    }

    static final class AuthorizationCode {
        String code;
        long userId;
        java.util.Set<String> scopes;
        String codeChallenge;
        String redirectUri;
        boolean used;
    }
}
