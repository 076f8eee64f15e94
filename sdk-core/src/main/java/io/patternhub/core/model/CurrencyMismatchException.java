package io.patternhub.core.model;

import java.util.Currency;
import java.util.Objects;

/**
 * Two amounts in different currencies were combined or compared. Convert one of them first; PatternHub
 * never converts currencies implicitly.
 */
public class CurrencyMismatchException extends InvalidModelException {
    private static final long serialVersionUID = 1L;

    private final Currency expected;
    private final Currency actual;

    /**
     * @param operation what was attempted, e.g. {@code "plus"}
     * @param expected  the currency of the left-hand amount
     * @param actual    the currency of the other amount
     */
    public CurrencyMismatchException(String operation, Currency expected, Currency actual) {
        super("Money", "currency", "cannot " + operation + " " + Objects.requireNonNull(expected).getCurrencyCode()
                + " and " + Objects.requireNonNull(actual).getCurrencyCode() + "; convert to one currency first");
        this.expected = expected;
        this.actual = actual;
    }

    /** The currency the operation expected. */
    public Currency expected() {
        return expected;
    }

    /** The currency that was given instead. */
    public Currency actual() {
        return actual;
    }
}
