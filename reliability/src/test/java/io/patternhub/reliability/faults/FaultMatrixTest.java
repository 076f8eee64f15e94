package io.patternhub.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.patternhub.core.error.ApiException;
import io.patternhub.core.error.AuthenticationException;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.testkit.RequestMatchers;
import io.patternhub.testkit.fault.Fault;
import io.patternhub.testkit.fault.FaultPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every storefront and ledger under every fault kind: each cell either recovers (the read returns
 * exactly what a fault-free read returned, after the fault really hit) or fails with the typed error
 * the table names, never a raw I/O or JSON exception.
 */
class FaultMatrixTest {
    static final List<String> PLATFORMS = List.of("Etsy", "Shopify", "Ravelry", "WooCommerce", "Xero", "QuickBooks");

    /** The six fault kinds of issue 11. */
    enum Kind {
        RATE_LIMITED_WITH_RETRY_AFTER, SERVER_ERROR_BURST, TIMEOUT, RESET_MID_BODY, MALFORMED_JSON, EXPIRED_TOKEN
    }

    /** Cells that end in a typed error rather than a recovery; every other cell must recover. */
    static final Map<String, Class<? extends PatternHubException>> TYPED_ERRORS = Map.ofEntries(
            Map.entry("Etsy/EXPIRED_TOKEN", AuthenticationException.class),
            Map.entry("Shopify/EXPIRED_TOKEN", AuthenticationException.class),
            Map.entry("Ravelry/EXPIRED_TOKEN", AuthenticationException.class),
            Map.entry("WooCommerce/EXPIRED_TOKEN", AuthenticationException.class),
            Map.entry("Xero/EXPIRED_TOKEN", AuthenticationException.class),
            Map.entry("QuickBooks/EXPIRED_TOKEN", AuthenticationException.class),
            // A 200 whose body is not JSON is not retried (a write may have happened): a typed ApiException.
            Map.entry("Etsy/MALFORMED_JSON", ApiException.class),
            Map.entry("Ravelry/MALFORMED_JSON", ApiException.class),
            Map.entry("Shopify/MALFORMED_JSON", ApiException.class),
            Map.entry("WooCommerce/MALFORMED_JSON", ApiException.class),
            Map.entry("Xero/MALFORMED_JSON", ApiException.class),
            Map.entry("QuickBooks/MALFORMED_JSON", ApiException.class));

    static List<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (String platform : PLATFORMS) {
            for (Kind kind : Kind.values()) {
                cells.add(Arguments.of(platform, kind));
            }
        }
        return cells;
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("cells")
    void eachCellRecoversOrFailsTyped(String platform, Kind kind) {
        try (FaultTarget target = FaultTargets.create(platform)) {
            List<String> baseline = target.read(); // also warms caches (tenant, token) so the fault hits the read
            Optional<FaultPlan> plan = inject(target, kind);
            long requestsBefore = target.sandbox().journal().entries().size();

            Throwable thrown = catchThrowable(() -> assertThat(target.read()).isEqualTo(baseline));

            Class<? extends PatternHubException> expected = TYPED_ERRORS.get(platform + "/" + kind);
            if (expected == null) {
                assertThat(thrown).as("%s under %s recovers", platform, kind).isNull();
                FaultPlan p = plan.orElseThrow();
                assertThat(p.isActive()).as("every planned fault was consumed").isFalse();
                // Recovery took the faulted attempts plus at least one clean one.
                assertThat(target.sandbox().journal().entries().size() - requestsBefore)
                        .isGreaterThan(p.injectedCount());
            } else {
                assertThat(thrown).as("%s under %s", platform, kind).isInstanceOf(expected);
                assertThat(((PatternHubException) thrown).context()).isNotNull();
            }
        }
    }

    private static Optional<FaultPlan> inject(FaultTarget target, Kind kind) {
        var faults = target.sandbox().faults();
        return switch (kind) {
            case RATE_LIMITED_WITH_RETRY_AFTER ->
                    Optional.of(faults.next(1, RequestMatchers.any(), Fault.tooManyRequests(Duration.ofSeconds(1))));
            case SERVER_ERROR_BURST -> Optional.of(faults.next(2, RequestMatchers.any(), Fault.serverError(503)));
            case TIMEOUT -> Optional.of(faults.next(1, RequestMatchers.any(),
                    Fault.slow(FaultTargets.SLOW_ANSWER, Duration.ZERO)));
            case RESET_MID_BODY -> Optional.of(faults.next(1, RequestMatchers.any(), Fault.disconnectMidBody()));
            case MALFORMED_JSON -> Optional.of(faults.next(1, RequestMatchers.any(), Fault.malformedJson()));
            case EXPIRED_TOKEN -> {
                target.switchToExpiredToken();
                yield Optional.empty();
            }
        };
    }
}
