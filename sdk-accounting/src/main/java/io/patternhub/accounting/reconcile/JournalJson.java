package io.patternhub.accounting.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.model.Money;
import java.util.List;

/**
 * The dry-run form of journals, for {@code patternhub reconcile --dry-run --json}: what would be posted,
 * without calling a ledger. Amounts are exact decimal strings; the side a line is not on is {@code null}.
 *
 * <pre>{@code
 * [ { "date": "2026-05-31", "reference": "PH-ETSY-PAYOUT-88-2026-05", "memo": "...", "currency": "EUR",
 *     "lines": [ { "account": "200", "debit": null, "credit": "10.00", "currency": "EUR",
 *                  "tax": { "code": "NONE", "amount": "1.90" }, "description": "Etsy sales (digital)" } ] } ]
 * }</pre>
 */
public final class JournalJson {
    private static final ObjectMapper MAPPER = PatternHubJson.newMapper();

    private JournalJson() {
    }

    /**
     * The journals as a pretty-printed JSON array.
     *
     * @param journals the journals
     * @return the JSON text
     */
    public static String toJson(List<Journal> journals) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Journal journal : journals) {
            array.add(toNode(journal));
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static ObjectNode toNode(Journal journal) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("date", journal.date().toString());
        node.put("reference", journal.reference());
        node.put("memo", journal.memo().orElse(null));
        node.put("currency", journal.currency().getCurrencyCode());
        ArrayNode lines = node.putArray("lines");
        for (JournalLine line : journal.lines()) {
            ObjectNode l = lines.addObject();
            l.put("account", line.accountCode());
            l.put("debit", line.debit().map(JournalJson::amount).orElse(null));
            l.put("credit", line.credit().map(JournalJson::amount).orElse(null));
            l.put("currency", line.amount().currencyCode());
            if (line.taxCode().isPresent() || line.taxAmount().isPresent()) {
                ObjectNode tax = l.putObject("tax");
                tax.put("code", line.taxCode().orElse(null));
                tax.put("amount", line.taxAmount().map(JournalJson::amount).orElse(null));
            } else {
                l.putNull("tax");
            }
            l.put("description", line.description().orElse(null));
        }
        return node;
    }

    private static String amount(Money money) {
        return money.amount().toPlainString();
    }
}
