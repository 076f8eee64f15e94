package io.patternhub.etsy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Payout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerPayoutsTest {
    private static final ObjectMapper JSON = PatternHubJson.newMapper();

    private static JsonNode entry(long id, long seq, long amount, String type, long created) throws Exception {
        return JSON.readTree("{\"entry_id\":" + id + ",\"ledger_id\":1,\"sequence_number\":" + seq + ",\"amount\":"
                + amount + ",\"currency\":\"USD\",\"description\":\"" + type + "\",\"balance\":0,"
                + "\"created_timestamp\":" + created + ",\"ledger_type\":\"" + type + "\",\"reference_type\":\"x\"}");
    }

    @Test
    void disbursementsCloseBalancedPayouts() throws Exception {
        List<JsonNode> entries = List.of(
                entry(6, 6, -2_000, "Disbursement", 1_700_000_600),  // out of order on purpose
                entry(1, 1, 1_500, "Payment", 1_700_000_100),
                entry(2, 2, -20, "transaction", 1_700_000_110),
                entry(3, 3, -45, "PROCESSING_FEE", 1_700_000_120),
                entry(4, 4, 1_000, "Payment", 1_700_000_200),
                entry(5, 5, -300, "REFUND", 1_700_000_300),
                entry(7, 7, 800, "Payment", 1_700_000_700));
        List<List<String>> asked = new ArrayList<>();
        List<Payout> payouts = new LedgerPayouts().toPayouts(entries, ids -> {
            asked.add(ids);
            return List.of("9001", "9002");
        });

        assertThat(payouts).singleElement().satisfies(p -> {
            assertThat(p.externalId()).isEqualTo("6");
            assertThat(p.gross()).isEqualTo(Money.of("25.00", "USD"));
            assertThat(p.fees()).isEqualTo(Money.of("0.65", "USD"));
            assertThat(p.refunds()).isEqualTo(Money.of("3.00", "USD"));
            assertThat(p.net()).isEqualTo(Money.of("20.00", "USD"));
            // 25.00 - 0.65 - 3.00 = 21.35; the 1.35 kept back by Etsy shows as an adjustment
            assertThat(p.adjustments()).isEqualTo(Money.of("-1.35", "USD"));
            assertThat(p.orderIds()).containsExactly("9001", "9002");
            assertThat(p.periodStart()).contains(java.time.Instant.ofEpochSecond(1_700_000_100));
            // the transaction fee belongs to no order the ledger names: the payout's own; processing fees are the orders'
            assertThat(p.payoutFees()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FeeKind.TRANSACTION);
                assertThat(f.amount()).isEqualTo(Money.of("0.20", "USD"));
            });
        });
        // sales and refunds that do not name their receipt are looked up, so a refund links its order too
        assertThat(asked).containsExactly(List.of("1", "4", "5"));
    }

    private static JsonNode onReceipt(long id, long amount, String type, String description, long receipt, long created)
            throws Exception {
        return JSON.readTree("{\"entry_id\":" + id + ",\"ledger_id\":1,\"sequence_number\":" + id + ",\"amount\":"
                + amount + ",\"currency\":\"EUR\",\"description\":\"" + description + "\",\"balance\":0,"
                + "\"created_timestamp\":" + created + ",\"ledger_type\":\"" + type + "\",\"reference_type\":"
                + (receipt == 0 ? "\"listing\",\"reference_id\":\"77\"" : "\"receipt\",\"reference_id\":\"" + receipt + "\"")
                + "}");
    }

    @Test
    void vatEtsyRemitsStaysOutOfSalesAndRefundsLinkTheirOrderInALaterPayout() throws Exception {
        // May: 9.52 incl. 1.52 VAT, fee 0.58, a listing fee 0.20 and VAT on it 0.04; paid out 7.18.
        // June: half refunded (4.76, 0.76 VAT back, 0.29 fee back) and a 10.00 sale; paid out 10.00 - 3.71 = 6.29.
        List<JsonNode> entries = List.of(
                onReceipt(1, 952, "PAYMENT_GROSS", "payment", 3001, 100),
                onReceipt(2, -58, "PAYMENT_PROCESSING_FEE", "payment", 3001, 100),
                onReceipt(3, -152, "PAYMENT_VAT", "VAT paid by buyer, remitted by Etsy", 3001, 100),
                onReceipt(4, -20, "listing", "listing", 0, 150),
                onReceipt(5, -4, "vat_seller_services", "vat_seller_services", 0, 150),
                onReceipt(6, -718, "DISBURSE", "disbursement", 0, 200),
                onReceipt(7, -476, "REFUND_GROSS", "refund", 3001, 300),
                onReceipt(8, 76, "REFUND_VAT", "VAT refunded to buyer", 3001, 300),
                onReceipt(9, 29, "REFUND_PROCESSING_FEE", "refund", 3001, 300),
                onReceipt(10, 1000, "PAYMENT_GROSS", "payment", 3002, 310),
                onReceipt(11, -629, "DISBURSE", "disbursement", 0, 400));

        List<Payout> payouts = new LedgerPayouts().toPayouts(entries, ids -> {
            throw new AssertionError("every entry names its receipt: " + ids);
        });

        assertThat(payouts).hasSize(2);
        Payout may = payouts.get(0);
        assertThat(may.gross()).isEqualTo(Money.of("8.00", "EUR")); // sales net of the VAT Etsy remits
        assertThat(may.fees()).isEqualTo(Money.of("0.82", "EUR"));
        assertThat(may.adjustments().isZero()).isTrue();
        assertThat(may.net()).isEqualTo(Money.of("7.18", "EUR"));
        assertThat(may.orderIds()).containsExactly("3001");
        assertThat(may.payoutFees()).hasSize(2);
        assertThat(may.payoutFees().get(0).kind()).isEqualTo(FeeKind.LISTING);
        assertThat(may.payoutFees().get(0).amount()).isEqualTo(Money.of("0.20", "EUR"));
        assertThat(may.payoutFees().get(1).amount().isZero()).isTrue();
        assertThat(may.payoutFees().get(1).tax()).contains(Money.of("0.04", "EUR"));

        Payout june = payouts.get(1);
        assertThat(june.refunds()).isEqualTo(Money.of("4.00", "EUR")); // net of the VAT given back
        assertThat(june.fees()).isEqualTo(Money.of("-0.29", "EUR"));
        assertThat(june.gross()).isEqualTo(Money.of("10.00", "EUR"));
        assertThat(june.adjustments().isZero()).isTrue();
        assertThat(june.orderIds()).containsExactly("3001", "3002");
        assertThat(june.payoutFees()).isEmpty();
    }
}
