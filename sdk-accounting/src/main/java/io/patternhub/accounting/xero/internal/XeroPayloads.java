package io.patternhub.accounting.xero.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patternhub.accounting.internal.SettlementLine;
import io.patternhub.core.Platform;
import io.patternhub.core.error.ValidationError;
import io.patternhub.core.ledger.Account;
import io.patternhub.core.ledger.ImmutableAccount;
import io.patternhub.core.ledger.ImmutablePostedEntry;
import io.patternhub.core.ledger.AccountType;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.ledger.PostedEntry;
import io.patternhub.core.ledger.TaxRate;
import io.patternhub.core.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Xero JSON shapes (schemas of xero_accounting.yaml): what a journal becomes, and what Xero's
 * accounts, tax rates and documents become. Amounts are line amounts with tax already split out
 * ({@code LineAmountTypes: NoTax}): the engine books tax on its own lines, so Xero must not add more.
 */
public final class XeroPayloads {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");

    private XeroPayloads() {
    }

    /** A posted manual journal: positive line amounts are debits, negative ones credits. */
    public static ObjectNode manualJournal(Journal journal) {
        ObjectNode mj = JSON.objectNode();
        mj.put("Narration", journal.reference());
        mj.put("Date", journal.date().toString());
        mj.put("Status", "POSTED");
        mj.put("LineAmountTypes", "NoTax");
        ArrayNode lines = mj.putArray("JournalLines");
        for (JournalLine line : journal.lines()) {
            ObjectNode l = lines.addObject();
            BigDecimal amount = line.amount().amount();
            l.put("LineAmount", line.isDebit() ? amount : amount.negate());
            l.put("AccountCode", line.accountCode());
            l.put("Description", description(journal, line));
            line.taxCode().ifPresent(t -> l.put("TaxType", t));
            tracking(l, line.tracking());
        }
        return mj;
    }

    /**
     * The invoice part of {@link io.patternhub.accounting.xero.XeroPostingStyle#INVOICE_AND_PAYMENT}:
     * a sales invoice when the settlement brought money in, a bill when it paid money out.
     */
    public static ObjectNode invoice(Journal journal, SettlementLine split, String contactName) {
        ObjectNode inv = JSON.objectNode();
        inv.put("Type", split.inflow() ? "ACCREC" : "ACCPAY");
        inv.putObject("Contact").put("Name", contactName);
        inv.put("Date", journal.date().toString());
        inv.put("DueDate", journal.date().toString());
        inv.put("Reference", journal.reference());
        if (!split.inflow()) {
            inv.put("InvoiceNumber", journal.reference());
        }
        inv.put("CurrencyCode", journal.currency().getCurrencyCode());
        inv.put("Status", "AUTHORISED");
        inv.put("LineAmountTypes", "NoTax");
        lineItems(inv.putArray("LineItems"), journal, split);
        return inv;
    }

    /** The payment of an invoice into (or out of) the settlement account. */
    public static ObjectNode payment(Journal journal, String invoiceId, SettlementLine split) {
        ObjectNode p = JSON.objectNode();
        p.putObject("Invoice").put("InvoiceID", invoiceId);
        p.putObject("Account").put("Code", split.line().accountCode());
        p.put("Date", journal.date().toString());
        p.put("Amount", split.line().amount().amount());
        p.put("Reference", journal.reference());
        return p;
    }

    /** A receive (or spend) money transaction on the settlement account. */
    public static ObjectNode bankTransaction(Journal journal, SettlementLine split, String contactName) {
        ObjectNode bt = JSON.objectNode();
        bt.put("Type", split.inflow() ? "RECEIVE" : "SPEND");
        bt.putObject("Contact").put("Name", contactName);
        bt.putObject("BankAccount").put("Code", split.line().accountCode());
        bt.put("Date", journal.date().toString());
        bt.put("Reference", journal.reference());
        bt.put("CurrencyCode", journal.currency().getCurrencyCode());
        bt.put("Status", "AUTHORISED");
        bt.put("LineAmountTypes", "NoTax");
        lineItems(bt.putArray("LineItems"), journal, split);
        return bt;
    }

    private static void lineItems(ArrayNode items, Journal journal, SettlementLine split) {
        for (JournalLine line : split.others()) {
            // On a sales document, credits (sales, tax) are positive and debits (fees) negative; reversed for bills.
            boolean positive = split.inflow() != line.isDebit();
            BigDecimal amount = positive ? line.amount().amount() : line.amount().amount().negate();
            ObjectNode li = items.addObject();
            li.put("Description", description(journal, line));
            li.put("Quantity", BigDecimal.ONE);
            li.put("UnitAmount", amount);
            li.put("LineAmount", amount);
            li.put("AccountCode", line.accountCode());
            line.taxCode().ifPresent(t -> li.put("TaxType", t));
            tracking(li, line.tracking());
        }
    }

    private static String description(Journal journal, JournalLine line) {
        return line.description().or(journal::memo).orElse(journal.reference());
    }

    private static void tracking(ObjectNode line, Map<String, String> tracking) {
        if (tracking.isEmpty()) {
            return;
        }
        ArrayNode t = line.putArray("Tracking");
        tracking.forEach((name, option) -> t.addObject().put("Name", name).put("Option", option));
    }

    /** Validation errors Xero attached to one element of a batch (and to its lines). */
    public static List<ValidationError> itemErrors(JsonNode element, String field) {
        List<ValidationError> out = new ArrayList<>();
        for (JsonNode e : element.path("ValidationErrors")) {
            out.add(new ValidationError(field, "ValidationError", e.path("Message").asText("(no message)")));
        }
        for (String lines : new String[] {"JournalLines", "LineItems"}) {
            JsonNode arr = element.path(lines);
            for (int i = 0; i < arr.size(); i++) {
                for (JsonNode e : arr.get(i).path("ValidationErrors")) {
                    out.add(new ValidationError(field + "." + lines + "[" + i + "]", "ValidationError",
                            e.path("Message").asText("(no message)")));
                }
            }
        }
        return out;
    }

    /** A Xero account as a normalized {@link Account}. */
    public static Account account(JsonNode a) {
        ImmutableAccount.Builder b = Account.builder().code(a.path("Code").asText(a.path("AccountID").asText()))
                .name(a.path("Name").asText(""))
                .type(accountType(a.path("Type").asText("")))
                .active("ACTIVE".equals(a.path("Status").asText("ACTIVE")))
                .raw(a);
        if (a.hasNonNull("AccountID")) {
            b.externalId(a.path("AccountID").asText());
        }
        if (a.hasNonNull("CurrencyCode") && !a.path("CurrencyCode").asText().isBlank()) {
            b.currency(Currency.getInstance(a.path("CurrencyCode").asText()));
        }
        return b.build();
    }

    /** Xero's account types, by class. */
    static AccountType accountType(String xeroType) {
        return switch (xeroType.toUpperCase(Locale.ROOT)) {
            case "BANK" -> AccountType.BANK;
            case "CURRENT", "FIXED", "INVENTORY", "NONCURRENT", "PREPAYMENT" -> AccountType.ASSET;
            case "CURRLIAB", "LIABILITY", "TERMLIAB", "PAYGLIABILITY", "SUPERANNUATIONLIABILITY",
                    "WAGESPAYABLELIABILITY" -> AccountType.LIABILITY;
            case "EQUITY" -> AccountType.EQUITY;
            case "REVENUE", "SALES", "OTHERINCOME" -> AccountType.REVENUE;
            case "DIRECTCOSTS" -> AccountType.COST_OF_SALES;
            case "EXPENSE", "OVERHEADS", "DEPRECIATN", "SUPERANNUATIONEXPENSE", "WAGESEXPENSE" -> AccountType.EXPENSE;
            default -> AccountType.OTHER;
        };
    }

    /** A Xero tax rate; {@code EffectiveRate} is a percentage. */
    public static TaxRate taxRate(JsonNode t) {
        BigDecimal percent = t.path("EffectiveRate").isNumber() ? t.path("EffectiveRate").decimalValue()
                : t.path("DisplayTaxRate").isNumber() ? t.path("DisplayTaxRate").decimalValue() : BigDecimal.ZERO;
        return TaxRate.builder().code(t.path("TaxType").asText())
                .name(t.path("Name").asText(""))
                .rate(percent.divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP).stripTrailingZeros())
                .active("ACTIVE".equals(t.path("Status").asText("ACTIVE")))
                .raw(t)
                .build();
    }

    /**
     * What Xero holds for a posted journal.
     *
     * @param node      the manual journal, invoice or bank transaction
     * @param idField   its id field, e.g. {@code ManualJournalID}
     * @param reference the journal reference
     * @param currency  the currency to report the total in when the document does not say
     * @return the entry
     */
    public static PostedEntry postedEntry(JsonNode node, String idField, String reference, Currency currency) {
        String code = node.path("CurrencyCode").asText("");
        Currency cur = code.isBlank() ? currency : Currency.getInstance(code);
        BigDecimal total;
        if (node.has("JournalLines")) {
            total = BigDecimal.ZERO;
            for (JsonNode l : node.path("JournalLines")) {
                BigDecimal amt = l.path("LineAmount").decimalValue();
                if (amt.signum() > 0) {
                    total = total.add(amt);
                }
            }
        } else {
            total = node.path("Total").isNumber() ? node.path("Total").decimalValue() : BigDecimal.ZERO;
        }
        ImmutablePostedEntry.Builder b = PostedEntry.builder().platform(Platform.XERO).reference(reference)
                .externalId(node.path(idField).asText())
                .date(date(node.path("Date").asText()).orElse(LocalDate.EPOCH))
                .total(Money.of(total, cur).roundedToCurrency())
                .raw(node);
        date(node.path("UpdatedDateUTC").asText()).ifPresent(d -> b.postedAt(instant(node.path("UpdatedDateUTC").asText())));
        return b.build();
    }

    /** Reads {@code 2026-01-31}, {@code 2026-01-31T00:00:00} or Xero's {@code /Date(1553126400000+0000)/}. */
    public static Optional<LocalDate> date(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher m = MS_DATE.matcher(text);
        if (m.matches()) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(m.group(1))).atZone(ZoneOffset.UTC).toLocalDate());
        }
        try {
            return Optional.of(LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Instant instant(String text) {
        Matcher m = MS_DATE.matcher(text);
        if (m.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
        }
        return date(text).map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()).orElse(Instant.EPOCH);
    }
}
