package io.patternhub.accounting.reconcile;

import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.error.ValidationError;
import java.util.List;

/**
 * The input does not reconcile: a payout's deposit is not explained by the orders given, an order a
 * payout lists is missing, an exchange rate is unknown, an order does not add up. Every problem found
 * is listed in {@link #validationErrors()}, not just the first; nothing was posted.
 */
public class ReconciliationException extends PatternHubException {
    private static final long serialVersionUID = 1L;

    /**
     * @param problems every problem found, at least one
     */
    public ReconciliationException(List<ValidationError> problems) {
        super(message(problems), ErrorContext.builder().validationErrors(problems).build());
    }

    private static String message(List<ValidationError> problems) {
        StringBuilder sb = new StringBuilder("the input does not reconcile (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "); nothing was posted:");
        for (ValidationError p : problems) {
            sb.append("\n  - ").append(p.field()).append(": ").append(p.message());
        }
        return sb.toString();
    }
}
