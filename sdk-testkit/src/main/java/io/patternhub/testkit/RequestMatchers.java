package io.patternhub.testkit;

import java.util.Objects;
import java.util.function.Predicate;

/** Ready-made request predicates for fault plans and limiters. */
public final class RequestMatchers {
    private RequestMatchers() {
    }

    /**
     * Every request.
     *
     * @return the predicate
     */
    public static Predicate<SandboxRequest> any() {
        return r -> true;
    }

    /**
     * Requests with {@code method}.
     *
     * @param method the HTTP method, any case
     * @return the predicate
     */
    public static Predicate<SandboxRequest> method(String method) {
        Objects.requireNonNull(method, "method");
        return r -> r.method().equalsIgnoreCase(method);
    }

    /**
     * Requests that matched the route {@code template} with {@code method}.
     *
     * @param method the HTTP method, any case
     * @param template the route template as registered
     * @return the predicate
     */
    public static Predicate<SandboxRequest> route(String method, String template) {
        Objects.requireNonNull(template, "template");
        return method(method).and(r -> r.routeTemplate().map(template::equals).orElse(false));
    }

    /**
     * State-changing requests (not GET, HEAD or OPTIONS).
     *
     * @return the predicate
     */
    public static Predicate<SandboxRequest> writes() {
        return SandboxRequest::isWrite;
    }

    /**
     * Requests whose path starts with {@code prefix}.
     *
     * @param prefix the path prefix
     * @return the predicate
     */
    public static Predicate<SandboxRequest> pathStartsWith(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return r -> r.path().startsWith(prefix);
    }
}
