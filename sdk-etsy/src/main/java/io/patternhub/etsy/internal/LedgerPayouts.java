package io.patternhub.etsy.internal;

import static io.patternhub.etsy.internal.EtsyJson.epochSeconds;
import static io.patternhub.etsy.internal.EtsyJson.id;
import static io.patternhub.etsy.internal.EtsyJson.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
import io.patternhub.core.model.Fee;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Payout;
import io.patternhub.core.model.PayoutStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Groups Etsy payment-account ledger entries into payouts. Entries are taken in ledger order
 * ({@code sequence_number}); each negative disbursement entry closes a payout made of the entries
 * since the previous one. Amounts are in the ledger currency's minor units.
 *
 * <p>Classification, by {@code ledger_type} (or {@code description}), case-insensitive: {@code disburse*}
 * with a negative amount is the deposit; {@code *fee*}, {@code transaction}, {@code listing},
 * {@code shipping_transaction}, {@code offsite_ads}, {@code prolist}, {@code vat_seller_services} a fee
 * (a positive one is a fee given back); otherwise {@code *vat*} or {@code *tax*} the tax Etsy collects and
 * remits; otherwise {@code *refund*} a refund; a positive {@code payment}/{@code sale} entry is gross sales.
 * Anything else, and any balance carried in from before the first entry read, lands in
 * {@link Payout#adjustments()} so that {@code net = gross - fees - refunds + adjustments} always holds.
 *
 * <p>The parts follow how the books settle an Etsy sale: the tax Etsy remits is not the seller's, so a
 * tax debit lowers {@link Payout#gross()} (sales net of that tax) and the tax credited back on a refund
 * lowers {@link Payout#refunds()}. Payment processing fees (and those given back on refunds) belong to
 * their orders, which carry them; every other fee (listing, ads, transaction fees, VAT on seller fees)
 * is one of the payout's {@link Payout#payoutFees()}. The payout lists every receipt one of its sale,
 * refund, tax or processing-fee entries refers to, so a refund paid out later links its order.
 */
public final class LedgerPayouts {
    private static final Set<String> FEE_TYPES = Set.of("transaction", "listing", "shipping_transaction",
            "offsite_ads", "offsite_ads_fee", "prolist", "vat_seller_services", "renew", "subscription");

    /** What a ledger entry is, for payout purposes. */
    public enum EntryKind { DISBURSEMENT, SALE, FEE, TAX, REFUND, OTHER }

    /**
     * Classifies one entry.
     *
     * @param entry the PaymentAccountLedgerEntry JSON
     * @return its kind
     */
    public static EntryKind kind(JsonNode entry) {
        String type = (entry.path("ledger_type").asText("") + " " + entry.path("description").asText(""))
                .toLowerCase(Locale.ROOT);
        long amount = entry.path("amount").asLong();
        if (type.contains("disburse") && amount < 0) {
            return EntryKind.DISBURSEMENT;
        }
        // Fees first: a refunded fee (REFUND_PROCESSING_FEE) lowers the fees, not the refunds.
        String ledgerType = ledgerType(entry);
        if (type.contains("fee") || FEE_TYPES.contains(ledgerType)) {
            return EntryKind.FEE;
        }
        // Before refunds: the VAT given back with a refund is tax, not more refund.
        if (type.contains("vat") || type.contains("tax")) {
            return EntryKind.TAX;
        }
        if (type.contains("refund")) {
            return EntryKind.REFUND;
        }
        if ((type.contains("payment") || type.contains("sale")) && amount > 0) {
            return EntryKind.SALE;
        }
        return EntryKind.OTHER;
    }

    private static String ledgerType(JsonNode entry) {
        return entry.path("ledger_type").asText("").toLowerCase(Locale.ROOT);
    }

    /** True for a fee its order carries: Etsy Payments processing fees, charged or given back. */
    private static boolean orderFee(JsonNode entry) {
        String type = (ledgerType(entry) + " " + entry.path("description").asText("")).toLowerCase(Locale.ROOT);
        return type.contains("processing_fee") || type.contains("processing fee");
    }

    /** The kind of a fee that belongs to no order. */
    private static FeeKind payoutFeeKind(String ledgerType) {
        if (ledgerType.startsWith("listing") || ledgerType.startsWith("renew")) {
            return FeeKind.LISTING;
        }
        if (ledgerType.contains("ads") || ledgerType.startsWith("prolist")) {
            return FeeKind.ADS;
        }
        if (ledgerType.contains("transaction")) {
            return FeeKind.TRANSACTION;
        }
        return FeeKind.OTHER;
    }

    /**
     * Builds the payouts closed by disbursements among {@code entries}.
     *
     * @param entries        ledger entries in any order
     * @param receiptsOfEntries maps the entry ids of sale and refund entries that do not reference their
     *                        receipt to the receipt ids they belong to
     * @return one payout per disbursement, oldest first
     */
    public List<Payout> toPayouts(List<JsonNode> entries, Function<List<String>, List<String>> receiptsOfEntries) {
        List<JsonNode> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong((JsonNode e) -> e.path("sequence_number").asLong())
                .thenComparingLong(e -> e.path("entry_id").asLong()));
        List<Payout> payouts = new ArrayList<>();
        List<JsonNode> group = new ArrayList<>();
        for (JsonNode entry : sorted) {
            if (kind(entry) == EntryKind.DISBURSEMENT) {
                payouts.add(payout(entry, group, receiptsOfEntries));
                group = new ArrayList<>();
            } else {
                group.add(entry);
            }
        }
        return payouts;
    }

    private static Payout payout(JsonNode disbursement, List<JsonNode> group,
            Function<List<String>, List<String>> receiptsOfEntries) {
        Currency currency = Money.currency(disbursement.path("currency").asText(""));
        String payoutId = id(disbursement, "entry_id").orElseThrow(() -> malformed("ledger entry without entry_id"));
        Money gross = Money.zero(currency);
        Money fees = Money.zero(currency);
        Money refunds = Money.zero(currency);
        List<Fee> payoutFees = new ArrayList<>();
        List<String> unnamed = new ArrayList<>();
        Set<String> receipts = new LinkedHashSet<>();
        for (JsonNode e : group) {
            Money amount = Money.ofMinor(e.path("amount").asLong(), Money.currency(e.path("currency").asText("")));
            if (!amount.currency().equals(currency)) {
                throw malformed("ledger entry " + e.path("entry_id").asText() + " is in " + amount.currencyCode()
                        + " but the ledger is in " + currency.getCurrencyCode());
            }
            EntryKind kind = kind(e);
            switch (kind) {
                case SALE:
                    gross = gross.plus(amount);
                    break;
                case TAX: // remitted by Etsy: out of the sale, or back out of the refund
                    if (amount.isNegative()) {
                        gross = gross.plus(amount);
                    } else {
                        refunds = refunds.minus(amount);
                    }
                    break;
                case FEE:
                    fees = fees.minus(amount);
                    if (!orderFee(e)) {
                        payoutFees.add(payoutFee(e, amount.negate()));
                    }
                    break;
                case REFUND:
                    refunds = refunds.minus(amount);
                    break;
                default:
                    break; // in adjustments, below
            }
            boolean ofOrder = kind == EntryKind.SALE || kind == EntryKind.REFUND || kind == EntryKind.TAX
                    || (kind == EntryKind.FEE && orderFee(e));
            if (ofOrder) {
                Optional<String> receipt = "receipt".equalsIgnoreCase(e.path("reference_type").asText(""))
                        ? id(e, "reference_id") : Optional.empty();
                if (receipt.isPresent()) {
                    receipts.add(receipt.get());
                } else if (kind == EntryKind.SALE || kind == EntryKind.REFUND) {
                    id(e, "entry_id").ifPresent(unnamed::add);
                }
            }
        }
        Money net = Money.ofMinor(-disbursement.path("amount").asLong(), currency);
        Money adjustments = net.minus(gross.minus(fees).minus(refunds));
        Instant paidAt = epochSeconds(disbursement, "created_timestamp", "create_date")
                .orElseThrow(() -> malformed("ledger entry " + payoutId + " without created_timestamp"));
        Instant start = group.stream().map(e -> epochSeconds(e, "created_timestamp", "create_date"))
                .flatMap(Optional::stream).min(Comparator.naturalOrder()).orElse(paidAt);
        if (!unnamed.isEmpty()) {
            receipts.addAll(receiptsOfEntries.apply(unnamed)); // entries that do not name their receipt
        }
        return Payout.builder()
                .platform(Platform.ETSY)
                .externalId(payoutId)
                .periodStart(start)
                .periodEnd(paidAt)
                .currency(currency)
                .gross(gross)
                .fees(fees)
                .refunds(refunds)
                .adjustments(adjustments)
                .net(net)
                .payoutFees(payoutFees)
                .orderIds(receipts)
                .status(PayoutStatus.PAID)
                .raw(disbursement)
                .build();
    }

    /** A fee of the payout itself; VAT on Etsy's seller fees is tax on fees, not a fee. */
    private static Fee payoutFee(JsonNode entry, Money charged) {
        String ledgerType = ledgerType(entry);
        String description = "Etsy " + entry.path("ledger_type").asText("fee")
                + id(entry, "reference_id").map(r -> " (" + entry.path("reference_type").asText("") + " " + r + ")")
                .orElse("");
        var fee = Fee.builder().description(description).raw(entry);
        if (ledgerType.startsWith("vat")) {
            return fee.kind(FeeKind.OTHER).amount(Money.zero(charged.currency())).tax(charged).build();
        }
        return fee.kind(payoutFeeKind(ledgerType)).amount(charged).build();
    }
}
