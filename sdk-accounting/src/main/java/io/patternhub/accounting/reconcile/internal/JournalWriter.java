package io.patternhub.accounting.reconcile.internal;

import io.patternhub.accounting.reconcile.AccountMapping;
import io.patternhub.accounting.reconcile.AccountRole;
import io.patternhub.core.Platform;
import io.patternhub.core.ledger.Journal;
import io.patternhub.core.ledger.JournalLine;
import io.patternhub.core.model.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sums postings into journal lines, one per role, tax code and label, and resolves account codes.
 * An unmapped role is recorded in {@link Problems} and a placeholder code is used, so that every gap
 * is found in one pass before anything is thrown.
 */
public final class JournalWriter {
    /** The tracking category every line carries, naming its sales channel. */
    public static final String CHANNEL_TRACKING = "channel";

    private final AccountMapping accounts;
    private final Problems problems;

    public JournalWriter(AccountMapping accounts, Problems problems) {
        this.accounts = accounts;
        this.problems = problems;
    }

    /**
     * One journal from postings that are all in {@code currency}.
     *
     * @return the journal, or empty when every line sums to zero
     */
    public Optional<Journal> write(Platform channel, LocalDate date, String reference, String memo,
                                   Currency currency, List<Posting> postings) {
        Map<String, Line> lines = new LinkedHashMap<>();
        for (Posting p : postings) {
            String key = p.role() + "|" + p.taxCode() + "|" + p.label();
            lines.computeIfAbsent(key, k -> new Line(p.role(), p.taxCode(), p.label(), currency)).add(p);
        }
        List<Line> sorted = new ArrayList<>(lines.values());
        sorted.removeIf(l -> l.amount.isZero());
        sorted.sort(Comparator.comparing((Line l) -> l.role).thenComparing(l -> l.label)
                .thenComparing(l -> Objects.toString(l.taxCode, "")));
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        List<JournalLine> out = new ArrayList<>();
        for (Line l : sorted) {
            out.add(toLine(channel, l));
        }
        return Optional.of(Journal.builder().date(date).reference(reference).memo(memo).currency(currency)
                .lines(out).build());
    }

    private JournalLine toLine(Platform channel, Line l) {
        String account = accounts.accountFor(channel, l.role).orElseGet(() -> {
            problems.missingAccount(MappingKeys.account(channel, l.role),
                    "account for " + channel.displayName() + " " + l.role.key().replace('.', ' ')
                            + " (or a default: " + MappingKeys.account(null, l.role) + ")");
            return "UNMAPPED:" + MappingKeys.account(channel, l.role);
        });
        var b = JournalLine.builder().accountCode(account)
                .description(channel.displayName() + " " + l.label)
                .putTracking(CHANNEL_TRACKING, channel.displayName());
        if (l.amount.isNegative()) {
            b.credit(l.amount.negate());
        } else {
            b.debit(l.amount);
        }
        if (l.taxCode != null) {
            b.taxCode(l.taxCode);
        }
        if (l.tax != null && !l.tax.isZero()) {
            b.taxAmount(l.tax.abs());
        }
        return b.build();
    }

    private static final class Line {
        final AccountRole role;
        final String taxCode;
        final String label;
        Money amount;
        Money tax;

        Line(AccountRole role, String taxCode, String label, Currency currency) {
            this.role = role;
            this.taxCode = taxCode;
            this.label = label;
            this.amount = Money.zero(currency);
        }

        void add(Posting p) {
            amount = amount.plus(p.amount());
            if (p.taxAmount() != null) {
                tax = tax == null ? p.taxAmount() : tax.plus(p.taxAmount());
            }
        }
    }
}
