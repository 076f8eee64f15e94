package io.patternhub.accounting.quickbooks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.accounting.internal.SettlementLine;
import io.patternhub.accounting.quickbooks.QuickBooksDocNumbers;
import io.patternhub.core.Platform;
import io.patternhub.core.ledger.Account;
import io.patternhub.core.ledger.AccountType;
import io.patternhub.core.ledger.ImmutableAccount;
import io.patternhub.core.ledger.ImmutablePostedEntry;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.ledger.PostedEntry;
import io.patternhub.core.ledger.TaxRate;
import io.patternhub.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/**
 * QuickBooks Online JSON shapes, following the entity schemas of Finance.xsd: {@code JournalEntry} lines
 * with {@code DetailType: JournalEntryLineDetail}, {@code PostingType} Debit/Credit, {@code AccountRef},
 * {@code TaxCodeRef}; {@code Deposit} lines with {@code DepositLineDetail}; {@code SalesReceipt} and
 * {@code RefundReceipt} lines with {@code SalesItemLineDetail}. Each transaction carries the deterministic
 * {@code DocNumber} and the full reference in {@code PrivateNote}.
 */
public final class QuickBooksPayloads {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private QuickBooksPayloads() {
    }

    private static ObjectNode header(Journal journal) {
        ObjectNode t = JSON.objectNode();
        t.put("TxnDate", journal.date().toString());
        t.put("DocNumber", QuickBooksDocNumbers.of(journal.reference()));
        t.put("PrivateNote", journal.reference());
        t.putObject("CurrencyRef").put("value", journal.currency().getCurrencyCode());
        return t;
    }

    /** A journal entry: one line per journal line. */
    public static ObjectNode journalEntry(Journal journal) {
        ObjectNode je = header(journal);
        ArrayNode lines = je.putArray("Line");
        for (JournalLine line : journal.lines()) {
            ObjectNode l = lines.addObject();
            l.put("Description", description(journal, line));
            l.put("Amount", line.amount().amount());
            l.put("DetailType", "JournalEntryLineDetail");
            ObjectNode d = l.putObject("JournalEntryLineDetail");
            d.put("PostingType", line.isDebit() ? "Debit" : "Credit");
            d.putObject("AccountRef").put("value", line.accountCode());
            line.taxCode().ifPresent(code -> {
                d.putObject("TaxCodeRef").put("value", code);
                d.put("TaxApplicableOn", line.isDebit() ? "Purchase" : "Sales");
                d.put("TaxAmount", line.taxAmount().map(Money::amount).orElse(BigDecimal.ZERO));
            });
            classRef(d, line.tracking());
        }
        return je;
    }

    /** A deposit into the settlement account: credits are positive lines, debits (fees) negative ones. */
    public static ObjectNode deposit(Journal journal, SettlementLine split) {
        ObjectNode dep = header(journal);
        dep.putObject("DepositToAccountRef").put("value", split.line().accountCode());
        ArrayNode lines = dep.putArray("Line");
        for (JournalLine line : split.others()) {
            ObjectNode l = lines.addObject();
            l.put("Description", description(journal, line));
            l.put("Amount", line.isDebit() ? line.amount().amount().negate() : line.amount().amount());
            l.put("DetailType", "DepositLineDetail");
            ObjectNode d = l.putObject("DepositLineDetail");
            d.putObject("AccountRef").put("value", line.accountCode());
            line.taxCode().ifPresent(code -> d.putObject("TaxCodeRef").put("value", code));
            classRef(d, line.tracking());
        }
        return dep;
    }

    /**
     * A sales receipt (money in) or refund receipt (money out): one item line per journal line, positive
     * when it adds to the receipt.
     *
     * @param journal the journal
     * @param split   its settlement line and the rest
     * @param items   item id by account code
     * @return the receipt
     */
    public static ObjectNode receipt(Journal journal, SettlementLine split, Map<String, String> items) {
        ObjectNode r = header(journal);
        r.putObject("DepositToAccountRef").put("value", split.line().accountCode());
        ArrayNode lines = r.putArray("Line");
        for (JournalLine line : split.others()) {
            boolean positive = split.inflow() != line.isDebit();
            BigDecimal amount = positive ? line.amount().amount() : line.amount().amount().negate();
            ObjectNode l = lines.addObject();
            l.put("Description", description(journal, line));
            l.put("Amount", amount);
            l.put("DetailType", "SalesItemLineDetail");
            ObjectNode d = l.putObject("SalesItemLineDetail");
            d.putObject("ItemRef").put("value", items.get(line.accountCode()));
            d.put("Qty", BigDecimal.ONE);
            d.put("UnitPrice", amount);
            line.taxCode().ifPresent(code -> d.putObject("TaxCodeRef").put("value", code));
            classRef(d, line.tracking());
        }
        return r;
    }

    private static void classRef(ObjectNode detail, Map<String, String> tracking) {
        String cls = tracking.get("class");
        if (cls != null) {
            detail.putObject("ClassRef").put("value", cls);
        }
    }

    private static String description(Journal journal, JournalLine line) {
        return line.description().or(journal::memo).orElse(journal.reference());
    }

    /** A QuickBooks account; its code is the account id, as journal lines refer to it. */
    public static Account account(JsonNode a) {
        ImmutableAccount.Builder b = Account.builder().code(a.path("Id").asText())
                .name(a.path("Name").asText(""))
                .type(accountType(a.path("AccountType").asText("")))
                .active(a.path("Active").asBoolean(true))
                .externalId(a.path("Id").asText())
                .raw(a);
        String currency = a.path("CurrencyRef").path("value").asText("");
        if (!currency.isBlank()) {
            b.currency(Currency.getInstance(currency));
        }
        return b.build();
    }

    static AccountType accountType(String qbType) {
        return switch (qbType.toLowerCase(Locale.ROOT)) {
            case "bank" -> AccountType.BANK;
            case "other current asset", "fixed asset", "other asset", "accounts receivable" -> AccountType.ASSET;
            case "other current liability", "long term liability", "credit card", "accounts payable" -> AccountType.LIABILITY;
            case "equity" -> AccountType.EQUITY;
            case "income", "other income" -> AccountType.REVENUE;
            case "cost of goods sold" -> AccountType.COST_OF_SALES;
            case "expense", "other expense" -> AccountType.EXPENSE;
            default -> AccountType.OTHER;
        };
    }

    /**
     * A tax code with the sum of its sales rates.
     *
     * @param code  the TaxCode
     * @param rates RateValue (percent) by TaxRate id
     * @return the tax rate
     */
    public static TaxRate taxRate(JsonNode code, Map<String, BigDecimal> rates) {
        BigDecimal percent = BigDecimal.ZERO;
        for (JsonNode d : code.path("SalesTaxRateList").path("TaxRateDetail")) {
            percent = percent.add(rates.getOrDefault(d.path("TaxRateRef").path("value").asText(), BigDecimal.ZERO));
        }
        BigDecimal fraction = percent.divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP).stripTrailingZeros();
        return TaxRate.builder().code(code.path("Id").asText()).name(code.path("Name").asText(""))
                .rate(fraction.min(BigDecimal.ONE)).active(code.path("Active").asBoolean(true)).raw(code).build();
    }

    /** What QuickBooks holds for a posted journal. */
    public static PostedEntry postedEntry(JsonNode txn, String reference, Currency fallback) {
        String cur = txn.path("CurrencyRef").path("value").asText("");
        Currency currency = cur.isBlank() ? fallback : Currency.getInstance(cur);
        BigDecimal total = txn.path("TotalAmt").isNumber() ? txn.path("TotalAmt").decimalValue() : BigDecimal.ZERO;
        ImmutablePostedEntry.Builder b = PostedEntry.builder().platform(Platform.QUICKBOOKS).reference(reference)
                .externalId(txn.path("Id").asText())
                .date(LocalDate.parse(txn.path("TxnDate").asText("1970-01-01")))
                .total(Money.of(total, currency).roundedToCurrency())
                .raw(txn);
        String created = txn.path("MetaData").path("CreateTime").asText("");
        if (!created.isBlank()) {
            try {
                b.postedAt(OffsetDateTime.parse(created).toInstant());
            } catch (RuntimeException ignored) {
                // an unexpected time format: the entry is still valid without it
            }
        }
        return b.build();
    }
}
