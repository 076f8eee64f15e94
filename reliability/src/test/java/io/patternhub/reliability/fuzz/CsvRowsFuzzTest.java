package io.patternhub.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.patternhub.core.error.PatternHubException;
import io.patternhub.core.model.Order;
import io.patternhub.hub.csv.CsvMappings;
import io.patternhub.hub.csv.CsvSalesImporter;
import io.patternhub.hub.csv.ImportReport;
import java.io.ByteArrayInputStream;

/**
 * The CSV sales importer (generic mapping) on arbitrary bytes: a report whose orders are well formed,
 * with bad rows listed as rejected, or a typed {@link PatternHubException} for a file it cannot read
 * at all (no header, a missing mapped column).
 */
class CsvRowsFuzzTest {
    private static final CsvSalesImporter IMPORTER = CsvSalesImporter.builder().mapping(CsvMappings.generic()).build();

    @FuzzTest(maxDuration = "5m")
    void csvRows(byte[] input) {
        ImportReport[] out = new ImportReport[1];
        Throwable thrown = catchThrowable(() -> out[0] = IMPORTER.importFrom(new ByteArrayInputStream(input)));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(PatternHubException.class);
            return;
        }
        for (Order order : out[0].orders()) {
            OrderChecks.wellFormedOrTyped(order, null);
            assertThat(order.externalId()).startsWith(IMPORTER.mapping().channel() + ":");
        }
    }
}
