package io.patternhub.core.ledger;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.model.CurrencyMismatchException;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.PatternHubStyle;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A balanced set of journal lines to post to a ledger. It cannot be built unbalanced: debits must
 * equal credits exactly, or {@link UnbalancedJournalException} is thrown.
 *
 * <p>{@link #reference()} is deterministic (e.g. {@code "etsy-payout-123"}): posting the same journal
 * twice finds the first posting by it instead of booking twice.
 */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableJournal.class)
@JsonDeserialize(as = ImmutableJournal.class)
public interface Journal {

    /** The longest reference accepted; Xero's {@code Idempotency-Key} allows 128 characters. */
    int MAX_REFERENCE_LENGTH = 128;

    LocalDate date();

    /** The deterministic reference that makes posting idempotent. */
    String reference();

    Optional<String> memo();

    Currency currency();

    List<JournalLine> lines();

    /** The sum of the debit lines. */
    default Money totalDebits() {
        return lines().stream().filter(JournalLine::isDebit).map(JournalLine::amount)
                .reduce(Money.zero(currency()), Money::plus);
    }

    /** The sum of the credit lines. */
    default Money totalCredits() {
        return lines().stream().filter(l -> !l.isDebit()).map(JournalLine::amount)
                .reduce(Money.zero(currency()), Money::plus);
    }

    @Value.Check
    default void check() {
        if (reference().isBlank() || reference().length() > MAX_REFERENCE_LENGTH) {
            throw new InvalidModelException("Journal", "reference",
                    "must be 1 to " + MAX_REFERENCE_LENGTH + " characters, was '" + reference() + "'");
        }
        if (lines().size() < 2) {
            throw new InvalidModelException("Journal", "lines",
                    "journal " + reference() + " needs at least two lines, has " + lines().size());
        }
        for (JournalLine line : lines()) {
            if (!line.amount().currency().equals(currency())) {
                throw new CurrencyMismatchException("post in journal " + reference() + " of",
                        currency(), line.amount().currency());
            }
        }
        Money debits = totalDebits();
        Money credits = totalCredits();
        if (!debits.equals(credits)) {
            throw new UnbalancedJournalException(reference(), debits, credits);
        }
    }

    static ImmutableJournal.Builder builder() {
        return ImmutableJournal.builder();
    }

    default ImmutableJournal.Builder toBuilder() {
        return ImmutableJournal.builder().from(this);
    }
}
