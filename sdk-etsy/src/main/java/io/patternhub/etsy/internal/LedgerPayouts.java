package io.patternhub.etsy.internal;

import static io.patternhub.etsy.internal.EtsyJson.epochSeconds;
import static io.patternhub.etsy.internal.EtsyJson.id;
import static io.patternhub.etsy.internal.EtsyJson.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import io.patternhub.core.Platform;
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
import java.util.Set;
import java.util.function.Function;

/**
 * Groups Etsy payment-account ledger entries into payouts. Entries are taken in ledger order
 * ({@code sequence_number}); each negative disbursement entry closes a payout made of the entries
 * since the previous one. Amounts are in the ledger currency's minor units.
 *
 * <p>Classification, by {@code ledger_type} (or {@code description}), case-insensitive: {@code disburse*}
 * with a negative amount is the deposit; {@code *fee*}, {@code transaction}, {@code listing},
 * {@code shipping_transaction}, {@code offsite_ads}, {@code vat_seller_services} a fee (a positive one is
 * a fee given back); otherwise {@code *refund*} a refund;
 * a positive {@code payment}/{@code sale} entry is gross sales. Anything else, and any balance carried in
 * from before the first entry read, lands in {@link Payout#adjustments()} so that
 * {@code net = gross - fees - refunds + adjustments} always holds.
 */
public final class LedgerPayouts {
    private static final Set<String> FEE_TYPES = Set.of("transaction", "listing", "shipping_transaction",
            "offsite_ads", "vat_seller_services", "renew", "subscription");

    /** What a ledger entry is, for payout purposes. */
    public enum EntryKind { DISBURSEMENT, SALE, FEE, REFUND, OTHER }

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
        String ledgerType = entry.path("ledger_type").asText("").toLowerCase(Locale.ROOT);
        if (type.contains("fee") || FEE_TYPES.contains(ledgerType)) {
            return EntryKind.FEE;
        }
        if (type.contains("refund")) {
            return EntryKind.REFUND;
        }
        if ((type.contains("payment") || type.contains("sale")) && amount > 0) {
            return EntryKind.SALE;
        }
        return EntryKind.OTHER;
    }

    /**
     * Builds the payouts closed by disbursements among {@code entries}.
     *
     * @param entries        ledger entries in any order
     * @param receiptsOfSales maps the entry ids of sale entries that do not reference their receipt to the
     *                        receipt ids they paid for
     * @return one payout per disbursement, oldest first
     */
    public List<Payout> toPayouts(List<JsonNode> entries, Function<List<String>, List<String>> receiptsOfSales) {
        List<JsonNode> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong((JsonNode e) -> e.path("sequence_number").asLong())
                .thenComparingLong(e -> e.path("entry_id").asLong()));
        List<Payout> payouts = new ArrayList<>();
        List<JsonNode> group = new ArrayList<>();
        for (JsonNode entry : sorted) {
            if (kind(entry) == EntryKind.DISBURSEMENT) {
                payouts.add(payout(entry, group, receiptsOfSales));
                group = new ArrayList<>();
            } else {
                group.add(entry);
            }
        }
        return payouts;
    }

    private static Payout payout(JsonNode disbursement, List<JsonNode> group,
            Function<List<String>, List<String>> receiptsOfSales) {
        Currency currency = Money.currency(disbursement.path("currency").asText(""));
        String payoutId = id(disbursement, "entry_id").orElseThrow(() -> malformed("ledger entry without entry_id"));
        Money gross = Money.zero(currency);
        Money fees = Money.zero(currency);
        Money refunds = Money.zero(currency);
        List<String> saleEntries = new ArrayList<>();
        Set<String> receipts = new LinkedHashSet<>();
        for (JsonNode e : group) {
            Money amount = Money.ofMinor(e.path("amount").asLong(), Money.currency(e.path("currency").asText("")));
            if (!amount.currency().equals(currency)) {
                throw malformed("ledger entry " + e.path("entry_id").asText() + " is in " + amount.currencyCode()
                        + " but the ledger is in " + currency.getCurrencyCode());
            }
            switch (kind(e)) {
                case SALE:
                    gross = gross.plus(amount);
                    if ("receipt".equalsIgnoreCase(e.path("reference_type").asText(""))
                            && id(e, "reference_id").isPresent()) {
                        receipts.add(id(e, "reference_id").get());
                    } else {
                        id(e, "entry_id").ifPresent(saleEntries::add);
                    }
                    break;
                case FEE:
                    fees = fees.minus(amount);
                    break;
                case REFUND:
                    refunds = refunds.minus(amount);
                    break;
                default:
                    break; // in adjustments, below
            }
        }
        Money net = Money.ofMinor(-disbursement.path("amount").asLong(), currency);
        Money adjustments = net.minus(gross.minus(fees).minus(refunds));
        Instant paidAt = epochSeconds(disbursement, "created_timestamp", "create_date")
                .orElseThrow(() -> malformed("ledger entry " + payoutId + " without created_timestamp"));
        Instant start = group.stream().map(e -> epochSeconds(e, "created_timestamp", "create_date"))
                .flatMap(java.util.Optional::stream).min(Comparator.naturalOrder()).orElse(paidAt);
        if (!saleEntries.isEmpty()) {
            receipts.addAll(receiptsOfSales.apply(saleEntries)); // entries that do not name their receipt
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
                .orderIds(receipts)
                .status(PayoutStatus.PAID)
                .raw(disbursement)
                .build();
    }
}
