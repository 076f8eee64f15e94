package io.patternhub.testkit;

import io.patternhub.core.error.ValidationError;
import java.util.List;

/**
 * Checks a request before its handler runs (for example against the platform's OpenAPI
 * description). A non-empty result answers 400 in the platform's error shape, is recorded in the
 * journal, and the handler does not run.
 */
@FunctionalInterface
public interface RequestValidator {
    /**
     * Validates one request that matched a route.
     *
     * @param request the request
     * @return the problems found; empty when the request is valid
     */
    List<ValidationError> validate(SandboxRequest request);
}
