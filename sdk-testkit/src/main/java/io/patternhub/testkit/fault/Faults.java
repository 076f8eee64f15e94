package io.patternhub.testkit.fault;

import io.patternhub.testkit.SandboxRequest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The fault plans active on one sandbox, consulted in the order they were added; the first plan
 * that hits a request decides its fault. Thread-safe.
 */
public final class Faults {
    private final List<FaultPlan> plans = new CopyOnWriteArrayList<>();
    private final AtomicLong injected = new AtomicLong();

    /**
     * Activates a plan.
     *
     * @param plan the plan
     * @return the plan, to query its counters later
     */
    public FaultPlan add(FaultPlan plan) {
        plans.add(Objects.requireNonNull(plan, "plan"));
        return plan;
    }

    /**
     * Shortcut: the next {@code count} requests matching {@code predicate} get {@code fault}.
     *
     * @param count how many
     * @param predicate which requests
     * @param fault the fault
     * @return the plan
     */
    public FaultPlan next(int count, Predicate<SandboxRequest> predicate, Fault fault) {
        return add(FaultPlan.next(count, fault).matching(predicate));
    }

    /**
     * Shortcut: the next {@code count} requests answer 429 with {@code Retry-After}.
     *
     * @param count how many
     * @param retryAfter the wait asked for
     * @return the plan
     */
    public FaultPlan throttleNext(int count, Duration retryAfter) {
        return add(FaultPlan.next(count, Fault.tooManyRequests(retryAfter)));
    }

    /**
     * The fault for {@code request}, if an active plan hits it.
     *
     * @param request the request
     * @return the fault
     */
    public Optional<Fault> pick(SandboxRequest request) {
        for (FaultPlan plan : plans) {
            Optional<Fault> fault = plan.pick(request);
            if (fault.isPresent()) {
                injected.incrementAndGet();
                return fault;
            }
        }
        return Optional.empty();
    }

    /** How many faults have been injected in total. */
    public long injectedCount() {
        return injected.get();
    }

    /** Removes every plan. */
    public void clear() {
        plans.clear();
    }
}
