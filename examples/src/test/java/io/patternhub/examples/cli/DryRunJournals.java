package io.patternhub.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Reads the journals `reconcile --dry-run --json` prints: lines by account, sides, and the bank (090) net. */
final class DryRunJournals {
    private DryRunJournals() {
    }

    /** Every line on one account, across all journals. */
    static List<JsonNode> lines(JsonNode journals, String account) {
        List<JsonNode> out = new ArrayList<>();
        journals.forEach(j -> j.path("lines").forEach(l -> {
            if (account.equals(l.path("account").asText())) {
                out.add(l);
            }
        }));
        return out;
    }

    /** The net of one journal's bank (090) lines: what it deposits. */
    static BigDecimal bank(JsonNode journal) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode l : journal.path("lines")) {
            if ("090".equals(l.path("account").asText())) {
                total = total.add(amount(l, "debit")).subtract(amount(l, "credit"));
            }
        }
        return total;
    }

    /** The net of the bank lines of one Etsy payout's summaries (one per month the payout spans). */
    static BigDecimal etsyPayoutBank(JsonNode journals, String payoutId) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode j : journals) {
            if (j.path("reference").asText().startsWith("PH-ETSY-PAYOUT-" + payoutId + "-")) {
                total = total.add(bank(j));
            }
        }
        return total;
    }

    /** The total of one side ({@code debit} or {@code credit}) of a journal. */
    static BigDecimal sum(JsonNode journal, String side) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode l : journal.path("lines")) {
            total = total.add(amount(l, side));
        }
        return total;
    }

    /** One side of a line; zero when the line has none. */
    static BigDecimal amount(JsonNode line, String side) {
        return line.path(side).isNull() || line.path(side).isMissingNode() ? BigDecimal.ZERO
                : new BigDecimal(line.path(side).asText());
    }
}
