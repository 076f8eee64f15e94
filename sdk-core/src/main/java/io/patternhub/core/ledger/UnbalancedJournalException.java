package io.patternhub.core.ledger;

import io.patternhub.core.model.InvalidModelException;
import io.patternhub.core.model.Money;

/** A journal's debits and credits differ; it is refused before anything reaches a ledger. */
public class UnbalancedJournalException extends InvalidModelException {
    private static final long serialVersionUID = 1L;

    private final transient Money debits;
    private final transient Money credits;

    /**
     * @param reference the journal's reference
     * @param debits    the sum of the debits
     * @param credits   the sum of the credits
     */
    public UnbalancedJournalException(String reference, Money debits, Money credits) {
        super("Journal", "lines", "journal " + reference + " is unbalanced: debits " + debits + ", credits "
                + credits + ", difference " + debits.minus(credits) + "; every journal must balance exactly");
        this.debits = debits;
        this.credits = credits;
    }

    public Money debits() {
        return debits;
    }

    public Money credits() {
        return credits;
    }
}
