package io.patternhub.hub.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.patternhub.core.error.ConfigurationException;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.TaxCollector;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CsvMappingsLoadTest {

    @Test
    void yamlMappingWithSemicolonsAndCommaDecimals() throws Exception {
        JsonNode tree = new YAMLMapper().readTree("""
                name: french-shop
                channel: ma-boutique
                delimiter: ";"
                number:
                  locale: fr-FR
                column:
                  orderId: Commande
                  date: Date
                  title: Produit
                  unitPrice: Prix
                  tax: TVA
                  fee:
                    payment_processing: Frais
                date:
                  format: dd/MM/yyyy HH:mm
                  zone: Europe/Paris
                currency:
                  fixed: EUR
                tax:
                  collectedBy: SELLER
                status:
                  paid: [Payée, Livrée]
                """);
        CsvMapping mapping = CsvMappings.fromTree(tree);

        assertThat(mapping.delimiter()).isEqualTo(';');
        assertThat(mapping.decimalSeparator()).isEqualTo(',');
        assertThat(mapping.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(mapping.statusValues()).containsEntry("livrée", OrderStatus.PAID);
        assertThat(mapping.feeColumns()).containsEntry(FeeKind.PAYMENT_PROCESSING, "Frais");

        ImportReport report = CsvSalesImporter.builder().mapping(mapping).build().importFrom(new StringReader(
                "Commande;Date;Produit;Prix;TVA;Frais\nF-1;01/05/2026 10:00;Robe;1 234,50;246,90;\"12,00\"\n"));
        assertThat(report.rejected()).isEmpty();
        assertThat(report.orders().get(0).createdAt()).isEqualTo(Instant.parse("2026-05-01T08:00:00Z"));
        assertThat(report.orders().get(0).total()).isEqualTo(Money.of("1481.40", "EUR"));
        assertThat(report.orders().get(0).taxCollectedBy(TaxCollector.SELLER)).isEqualTo(Money.of("246.90", "EUR"));
    }

    @Test
    void propertiesWithEveryProblemListedAtOnce() {
        String props = """
                channel = x
                column.orderId = id
                column.date = when
                date.format = yyyy-MM-dd
                column.price = p
                currency.fixed = EURO
                order.amounts = SOMETIMES
                """;

        assertThatThrownBy(() -> CsvMappings.fromProperties(new StringReader(props)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("column.price: is not a CSV mapping setting")
                .hasMessageContaining("currency.fixed: 'EURO'")
                .hasMessageContaining("order.amounts: 'SOMETIMES'");
    }

    @Test
    void anIncompleteMappingNamesWhatIsMissing() {
        assertThatThrownBy(() -> CsvMapping.builder().channel("x").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("column.orderId: is required")
                .hasMessageContaining("column.date: is required")
                .hasMessageContaining("name a unit price column or a line total column")
                .hasMessageContaining("name a currency column or give a fixed currency");
    }

    @Test
    void unknownShippedMapping() {
        assertThatThrownBy(() -> CsvMappings.shipped("ebay")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no shipped CSV mapping named 'ebay'");
    }
}
