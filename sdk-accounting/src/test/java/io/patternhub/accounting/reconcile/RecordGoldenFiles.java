package io.patternhub.accounting.reconcile;

import io.patternhub.accounting.reconcile.internal.ReferencesGolden;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test (its name keeps it out of the normal build, and it also needs a flag): regenerates
 * the recorded outputs {@link ReconcileGolden#SOURCE} and {@link ReferencesGolden#SOURCE} from the
 * current engine, from the repository root: {@code mvn -B -o -pl sdk-accounting -am test
 * -Dtest=RecordGoldenFiles -Dsurefire.failIfNoSpecifiedTests=false -Dpatternhub.record=golden}.
 * The files were first recorded from the former batch engine and reference builder; regenerate
 * them only after a deliberate change of output, review the diff of the decompressed files, and
 * commit them.
 */
class RecordGoldenFiles {

    @Test
    @EnabledIfSystemProperty(named = "patternhub.record", matches = "golden")
    void recordReconciliations() throws IOException {
        ReconcileGolden.write(ReconcileGolden.SOURCE, ReconcileGolden.LIST_API);
    }

    @Test
    @EnabledIfSystemProperty(named = "patternhub.record", matches = "golden")
    void recordReferences() throws IOException {
        ReferencesGolden.write(ReferencesGolden.SOURCE);
    }
}
