package io.patternhub.etsy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patternhub.core.json.PatternHubJson;
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
        });
        assertThat(asked).containsExactly(List.of("1", "4"));
    }
}
