package io.patternhub.accounting.reconcile;

import io.patternhub.accounting.reconcile.GoldenBooks.Books;
import io.patternhub.accounting.reconcile.internal.ReferencesGolden;
import io.patternhub.accounting.reconcile.legacy.LegacyReconciler;
import io.patternhub.accounting.reconcile.legacy.References;
import io.patternhub.accounting.reconcile.report.AdSpend;
import io.patternhub.accounting.reconcile.report.SalesReport;
import io.patternhub.core.ledger.PostingMode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: regenerates the recorded outputs {@link ReconcileGolden#SOURCE} and
 * {@link ReferencesGolden#SOURCE}, and runs only when asked to, from the repository root:
 * {@code mvn -B -o -pl sdk-accounting -am test -Dtest=RecordGoldenFilesTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dpatternhub.record=golden}. Regenerate only after a
 * deliberate change of output, review the diff of the decompressed files, and commit them.
 */
class RecordGoldenFilesTest {

    @Test
    @EnabledIfSystemProperty(named = "patternhub.record", matches = "golden")
    void recordReconciliations() throws IOException {
        ReconcileGolden.write(ReconcileGolden.SOURCE, new ReconcileGolden.Engine() {
            @Override
            public ReconcileResult reconcile(Books b, PostingMode mode) {
                return LegacyReconciler.reconcile(b.accounts(), b.taxes(), b.rates(), b.zone(), GoldenBooks.TAX_CLASS,
                        b.input(), mode, b.period());
            }

            @Override
            public SalesReport report(Books b) {
                return LegacyReconciler.report(b.taxes(), b.zone(), GoldenBooks.TAX_CLASS, b.input(), AdSpend.none());
            }
        });
    }

    @Test
    @EnabledIfSystemProperty(named = "patternhub.record", matches = "golden")
    void recordReferences() throws IOException {
        ReferencesGolden.write(ReferencesGolden.SOURCE, c -> List.of(
                References.sale(c.channel(), c.orderId(), c.month(), c.suffix()),
                References.refund(c.channel(), c.orderId(), c.refundId(), c.month(), c.suffix()),
                References.payout(c.channel(), c.orderId(), c.month()),
                References.settlement(c.channel(), c.orderId(), c.month())));
    }
}
