package io.patternhub.core.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.patternhub.core.model.CurrencyMismatchException;
import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.PatternHubStyle;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One line of a {@link Journal}: a debit or a credit (exactly one, not negative) to one account.
 *
 * <pre>{@code
 * JournalLine.debit("1210", Money.of("9.50", "EUR")).withDescription("Etsy clearing");
 * }</pre>
 */
@Value.Immutable
@PatternHubStyle
@JsonSerialize(as = ImmutableJournalLine.class)
@JsonDeserialize(as = ImmutableJournalLine.class)
public interface JournalLine {

    String accountCode();

    Optional<Money> debit();

    Optional<Money> credit();

    /** The ledger tax code for this line (see {@link TaxRate#code()}). */
    Optional<String> taxCode();

    /** The tax included in or on this line, when booked with a tax code. */
    Optional<Money> taxAmount();

    Optional<String> description();

    /** Tracking categories by name, e.g. {@code channel=Etsy} (Xero tracking, QuickBooks class). */
    Map<String, String> tracking();

    /** The amount, whichever side it is on. */
    default Money amount() {
        return debit().orElseGet(() -> credit().orElseThrow());
    }

    /** Whether this line is a debit. */
    @JsonIgnore
    default boolean isDebit() {
        return debit().isPresent();
    }

    @Value.Check
    default void check() {
        if (accountCode().isBlank()) {
            throw new InvalidModelException("JournalLine", "accountCode", "must not be blank");
        }
        if (debit().isPresent() == credit().isPresent()) {
            throw new InvalidModelException("JournalLine", "debit",
                    "set exactly one of debit and credit (account " + accountCode() + ")");
        }
        Money amount = amount();
        if (amount.isNegative()) {
            throw new InvalidModelException("JournalLine", isDebit() ? "debit" : "credit",
                    "must not be negative (account " + accountCode() + "); book it on the other side");
        }
        taxAmount().ifPresent(t -> {
            if (!t.currency().equals(amount.currency())) {
                throw new CurrencyMismatchException("use as tax on a line of", amount.currency(), t.currency());
            }
        });
    }

    /**
     * A debit line.
     *
     * @param accountCode the account
     * @param amount      a non-negative amount
     * @return the line
     */
    static ImmutableJournalLine debit(String accountCode, Money amount) {
        return builder().accountCode(accountCode).debit(amount).build();
    }

    /**
     * A credit line.
     *
     * @param accountCode the account
     * @param amount      a non-negative amount
     * @return the line
     */
    static ImmutableJournalLine credit(String accountCode, Money amount) {
        return builder().accountCode(accountCode).credit(amount).build();
    }

    static ImmutableJournalLine.Builder builder() {
        return ImmutableJournalLine.builder();
    }

    default ImmutableJournalLine.Builder toBuilder() {
        return ImmutableJournalLine.builder().from(this);
    }
}
