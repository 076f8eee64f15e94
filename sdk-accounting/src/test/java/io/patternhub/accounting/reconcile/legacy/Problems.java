package io.patternhub.accounting.reconcile.legacy;

import io.patternhub.accounting.reconcile.internal.MappingKeys;

import io.patternhub.accounting.reconcile.ReconciliationException;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.error.ErrorContext;
import io.patternhub.core.error.ValidationError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects every missing mapping and every input problem, so one error can list them all. */
public final class Problems {
    private final Map<String, String> missingMappings = new LinkedHashMap<>();
    private final List<ValidationError> inputProblems = new ArrayList<>();

    /** Records a mapping-file key that has no value, e.g. {@code account.etsy.fee.ads}. */
    public void missingMapping(String key, String why) {
        missingMappings.putIfAbsent(key, why);
    }

    /** Records a problem with the input data. */
    public void input(String field, String message) {
        inputProblems.add(new ValidationError(field, "unreconciled", message));
    }

    public boolean hasMissingMappings() {
        return !missingMappings.isEmpty();
    }

    /** Throws only input problems, ignoring mapping gaps (for reports, which need no mapping). */
    public void throwIfAnyInputProblem() {
        if (!inputProblems.isEmpty()) {
            throw new ReconciliationException(inputProblems);
        }
    }

    /** Throws what was collected: mapping gaps first (they are the user's to fix), then input problems. */
    public void throwIfAny() {
        if (!missingMappings.isEmpty()) {
            List<ValidationError> errors = new ArrayList<>();
            StringBuilder sb = new StringBuilder("map these " + missingMappings.size()
                    + " account and tax codes before posting (mapping-file keys):");
            missingMappings.forEach((key, why) -> {
                errors.add(new ValidationError(key, "unmapped", why));
                sb.append("\n  ").append(key).append("  # ").append(why);
            });
            throw new ConfigurationException(sb.toString(), ErrorContext.builder().validationErrors(errors).build());
        }
        if (!inputProblems.isEmpty()) {
            throw new ReconciliationException(inputProblems);
        }
    }
}
