package io.patternhub.testkit.fault;

import io.patternhub.testkit.SandboxRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Which requests get which fault: the next {@code n} matching requests
 * ({@link #next(int, Fault)}), or a seeded random storm ({@link #storm}). Matching requests that
 * get no fault are not counted. Thread-safe; add it to a sandbox with
 * {@link Faults#add(FaultPlan)}.
 */
public final class FaultPlan {
    private final Predicate<SandboxRequest> matcher;
    private final List<Fault> faults;
    private final double probability;
    private final Random random;
    private int remaining;
    private int injected;

    private FaultPlan(Predicate<SandboxRequest> matcher, List<Fault> faults, double probability, Long seed,
            int remaining) {
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("A fault plan needs at least one fault");
        }
        if (remaining < 0) {
            throw new IllegalArgumentException("The number of faults must not be negative, was " + remaining);
        }
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("Fault probability must be in (0, 1], was " + probability);
        }
        this.matcher = matcher;
        this.faults = List.copyOf(faults);
        this.probability = probability;
        this.random = seed == null ? null : new Random(seed);
        this.remaining = remaining;
    }

    /**
     * The next {@code count} requests (matching {@link #matching}, every request by default) get
     * {@code fault}.
     *
     * @param count how many requests to fail
     * @param fault the fault
     * @return the plan
     */
    public static FaultPlan next(int count, Fault fault) {
        return new FaultPlan(r -> true, List.of(Objects.requireNonNull(fault, "fault")), 1.0, null, count);
    }

    /**
     * A reproducible storm: each matching request is hit with {@code probability}, by a fault
     * drawn from {@code faults}, until {@code maxFaults} have been injected. The same seed and the
     * same request order give the same faults.
     *
     * @param seed the random seed
     * @param probability the chance a request is hit, in (0, 1]
     * @param maxFaults how many faults at most
     * @param faults the faults to draw from
     * @return the plan
     */
    public static FaultPlan storm(long seed, double probability, int maxFaults, List<Fault> faults) {
        return new FaultPlan(r -> true, faults, probability, seed, maxFaults);
    }

    /**
     * A copy of this plan that only considers requests matching {@code predicate} (see
     * {@link io.patternhub.testkit.RequestMatchers}).
     *
     * @param predicate which requests the plan considers
     * @return the new plan
     */
    public FaultPlan matching(Predicate<SandboxRequest> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        synchronized (this) {
            return new FaultPlan(predicate, faults, probability, random == null ? null : random.nextLong(), remaining);
        }
    }

    /**
     * The fault for {@code request}, if this plan hits it; consumes one of the plan's faults.
     *
     * @param request the request
     * @return the fault to inject
     */
    public synchronized Optional<Fault> pick(SandboxRequest request) {
        if (remaining == 0 || !matcher.test(request)) {
            return Optional.empty();
        }
        if (random != null && random.nextDouble() >= probability) {
            return Optional.empty();
        }
        Fault fault = faults.size() == 1 ? faults.get(0) : faults.get(random == null ? 0 : random.nextInt(faults.size()));
        remaining--;
        injected++;
        return Optional.of(fault);
    }

    /** How many faults this plan has injected. */
    public synchronized int injectedCount() {
        return injected;
    }

    /** Whether this plan still has faults to inject. */
    public synchronized boolean isActive() {
        return remaining > 0;
    }
}
