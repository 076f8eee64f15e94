package io.patternhub.accounting.reconcile;

import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.model.FeeKind;
import java.util.Locale;

/**
 * What a journal line books, independent of any ledger: the engine asks an {@link AccountMapping} for
 * the account code of each role on each channel.
 */
public enum AccountRole {
    /** Sales, excluding tax and before discounts (credit). */
    SALES,
    /** Discounts given (debit). */
    DISCOUNTS,
    /** Refunds to buyers, excluding tax (debit). */
    REFUNDS,
    FEE_TRANSACTION,
    FEE_PAYMENT_PROCESSING,
    FEE_LISTING,
    FEE_ADS,
    FEE_CURRENCY_CONVERSION,
    FEE_OTHER,
    /** Tax the platform charged on its own fees (e.g. VAT on Etsy fees): input tax (debit). */
    FEE_TAX,
    /** Tax the marketplace collected and remits itself (Etsy VAT on digital items): a pass-through, nets to zero. */
    MARKETPLACE_TAX,
    /** Tax the seller collected and owes (Shopify, WooCommerce; EU OSS): a liability (credit). */
    SELLER_TAX,
    /** What the platform owes the seller between a sale and its payout, one per channel. */
    CLEARING,
    /** The bank account payouts arrive in. */
    BANK,
    /** Reserves, chargebacks and other payout adjustments. */
    ADJUSTMENTS,
    /** Differences from converting at the platform's rate that exceed rounding. */
    FX_GAIN_LOSS,
    /** Sub-cent differences from currency conversion, so every journal balances exactly. */
    ROUNDING;

    /**
     * The role for a kind of platform fee.
     *
     * @param kind the fee kind
     * @return the fee role
     */
    public static AccountRole fee(FeeKind kind) {
        return valueOf("FEE_" + kind.name());
    }

    /** Whether this role books a platform fee (not the tax on it). */
    public boolean isFee() {
        return name().startsWith("FEE_") && this != FEE_TAX;
    }

    /** The key used in mapping files: {@code sales}, {@code fee.payment_processing}, {@code fx_gain_loss}. */
    public String key() {
        String lower = name().toLowerCase(Locale.ROOT);
        return isFee() ? "fee." + lower.substring(4) : lower;
    }

    /**
     * The role a mapping-file key names.
     *
     * @param key e.g. {@code "fee.ads"} or {@code "clearing"}
     * @return the role
     * @throws ConfigurationException if no role has that key
     */
    public static AccountRole fromKey(String key) {
        for (AccountRole role : values()) {
            if (role.key().equalsIgnoreCase(key.trim())) {
                return role;
            }
        }
        StringBuilder known = new StringBuilder();
        for (AccountRole role : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(role.key());
        }
        throw new ConfigurationException("unknown account role '" + key + "'; use one of: " + known,
                ErrorContext.empty());
    }
}
