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
import java.util.EnumMap;
import java.util.HashMap;
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

    private static final Comparator<Line> LINE_ORDER = Comparator.comparing((Line l) -> l.role)
            .thenComparing(l -> l.label).thenComparing(l -> Objects.toString(l.taxCode, ""));

    private final AccountMapping accounts;
    private final Problems problems;
    // Per-run caches: the same few accounts, descriptions and tracking maps serve a million lines.
    private final Map<Platform, String[]> accountCodes = new EnumMap<>(Platform.class);
    private final Map<Platform, Map<String, String>> descriptions = new EnumMap<>(Platform.class);
    private final Map<Platform, Map<String, String>> tracking = new EnumMap<>(Platform.class);

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
        // A journal has a handful of lines: a linear search beats hashing string keys.
        List<Line> lines = new ArrayList<>(postings.size());
        for (Posting p : postings) {
            Line line = null;
            for (Line l : lines) {
                if (l.role == p.role() && Objects.equals(l.taxCode, p.taxCode()) && l.label.equals(p.label())) {
                    line = l;
                    break;
                }
            }
            if (line == null) {
                line = new Line(p.role(), p.taxCode(), p.label(), currency);
                lines.add(line);
            }
            line.add(p);
        }
        lines.removeIf(l -> l.amount.isZero());
        lines.sort(LINE_ORDER);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<JournalLine> out = new ArrayList<>(lines.size());
        for (Line l : lines) {
            out.add(toLine(channel, l));
        }
        return Optional.of(Journal.builder().date(date).reference(reference).memo(memo).currency(currency)
                .lines(out).build());
    }

    private JournalLine toLine(Platform channel, Line l) {
        var b = JournalLine.builder().accountCode(account(channel, l.role))
                .description(descriptions.computeIfAbsent(channel, c -> new HashMap<>())
                        .computeIfAbsent(l.label, label -> channel.displayName() + " " + label))
                .tracking(tracking.computeIfAbsent(channel, c -> Map.of(CHANNEL_TRACKING, c.displayName())));
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

    private String account(Platform channel, AccountRole role) {
        String[] codes = accountCodes.computeIfAbsent(channel, c -> new String[AccountRole.values().length]);
        String code = codes[role.ordinal()];
        if (code == null) {
            // A gap is recorded once, when first met, and the placeholder remembered with the codes.
            code = accounts.accountFor(channel, role).orElseGet(() -> {
                problems.missingAccount(MappingKeys.account(channel, role),
                        "account for " + channel.displayName() + " " + role.key().replace('.', ' ')
                                + " (or a default: " + MappingKeys.account(null, role) + ")");
                return "UNMAPPED:" + MappingKeys.account(channel, role);
            });
            codes[role.ordinal()] = code;
        }
        return code;
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
