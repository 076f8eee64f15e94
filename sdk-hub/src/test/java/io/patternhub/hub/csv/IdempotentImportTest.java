package io.patternhub.hub.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.json.PatternHubJson;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Order;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotentImportTest {

    @Test
    void reimportingTheSameFileYieldsEqualOrdersWithTheSameIds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sales.csv");
        Files.writeString(file, Samples.text("generic.csv"));
        CsvSalesImporter importer = CsvSalesImporter.builder().mapping(CsvMappings.generic()).build();

        ImportReport first = importer.importFile(file);
        ImportReport second = CsvSalesImporter.builder().mapping(CsvMappings.generic()).build().importFile(file);

        assertThat(second.orders()).extracting(Order::externalId)
                .containsExactlyElementsOf(first.orders().stream().map(Order::externalId).toList());
        assertThat(second.orders()).flatExtracting(Order::lineItems).extracting(LineItem::externalId)
                .containsExactly(java.util.Optional.of("csv:G-1001:1"), java.util.Optional.of("csv:G-1002:1"),
                        java.util.Optional.of("csv:G-1002:2"), java.util.Optional.of("csv:G-1003:1"));
        assertThat(second.orders()).isEqualTo(first.orders());
        var json = PatternHubJson.newMapper();
        assertThat(json.writeValueAsString(second.orders())).isEqualTo(json.writeValueAsString(first.orders()));
    }

    @Test
    void theSameOrderIdFromTwoShopsGivesTwoIds() {
        CsvMapping shopA = CsvMappings.generic().toBuilder().channel("shop-a").build();
        CsvMapping shopB = CsvMappings.generic().toBuilder().channel("shop-b").build();

        String a = Samples.load(shopA, "generic.csv").orders().get(0).externalId();
        String b = Samples.load(shopB, "generic.csv").orders().get(0).externalId();

        assertThat(a).isEqualTo("shop-a:G-1001");
        assertThat(b).isEqualTo("shop-b:G-1001");
    }
}
