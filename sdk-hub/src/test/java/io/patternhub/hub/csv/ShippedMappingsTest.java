package io.patternhub.hub.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.patternhub.core.Platform;
import io.patternhub.core.model.FeeKind;
import io.patternhub.core.model.LineItem;
import io.patternhub.core.model.Money;
import io.patternhub.core.model.Order;
import io.patternhub.core.model.OrderStatus;
import io.patternhub.core.model.TaxCollector;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ShippedMappingsTest {

    @Test
    void genericTemplateGroupsLinesAndKeepsEveryAmount() {
        ImportReport report = Samples.load(CsvMappings.generic(), "generic.csv");

        assertThat(report.rejected()).isEmpty();
        assertThat(report.rowsRead()).isEqualTo(4);
        assertThat(report.orders()).extracting(Order::externalId).containsExactly("csv:G-1001", "csv:G-1002", "csv:G-1003");

        Order ann = report.orders().get(0);
        assertThat(ann.platform()).isEqualTo(Platform.CSV);
        assertThat(ann.createdAt()).isEqualTo(Instant.parse("2026-05-01T10:15:00Z"));
        assertThat(ann.total()).isEqualTo(Money.of("7.14", "EUR"));
        assertThat(ann.taxes()).singleElement().satisfies(t -> {
            assertThat(t.amount()).isEqualTo(Money.of("1.14", "EUR"));
            assertThat(t.collectedBy()).isEqualTo(TaxCollector.SELLER);
            assertThat(t.country()).contains("DE");
        });
        assertThat(ann.buyer()).hasValueSatisfying(b -> {
            assertThat(b.email()).contains("ann@example.com");
            assertThat(b.country()).contains("DE");
        });
        assertThat(ann.raw().path("channel").asText()).isEqualTo("csv");
        assertThat(ann.raw().path("rows").get(0).path("line").asLong()).isEqualTo(2);

        Order bob = report.orders().get(1);
        assertThat(bob.lineItems()).extracting(LineItem::sku).containsExactly(
                java.util.Optional.of("HAT-2"), java.util.Optional.of("MIT-3"));
        assertThat(bob.lineItems().get(0).total()).isEqualTo(Money.of("8.00", "USD"));
        assertThat(bob.subtotal()).isEqualTo(Money.of("11.00", "USD"));
        assertThat(bob.discountsTotal()).isEqualTo(Money.of("1.00", "USD"));
        assertThat(bob.totalFees()).isEqualTo(Money.of("0.40", "USD"));
        assertThat(bob.buyer().orElseThrow().name()).contains("Bob, the Builder");
        assertThat(bob.createdAt()).isEqualTo(Instant.parse("2026-05-02T00:00:00Z"));

        Order cy = report.orders().get(2);
        assertThat(cy.createdAt()).isEqualTo(Instant.parse("2026-05-03T06:00:00Z"));
        assertThat(cy.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(cy.totalRefunded()).isEqualTo(Money.of("6.00", "EUR"));
    }

    @Test
    void creativeMarketSales() {
        ImportReport report = Samples.load(CsvMappings.creativeMarket(), "creative-market.csv");

        assertThat(report.rejected()).isEmpty();
        assertThat(report.orders()).hasSize(2);
        Order second = report.orders().get(1);
        assertThat(second.externalId()).isEqualTo("creative-market:CM-502");
        assertThat(second.createdAt()).isEqualTo(Instant.parse("2026-05-05T00:00:00Z"));
        assertThat(second.lineItems()).extracting(LineItem::title)
                .containsExactly("Tote bag sewing pattern", "Apron sewing pattern");
        assertThat(second.total()).isEqualTo(Money.of("30.00", "USD"));
        assertThat(second.fees()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FeeKind.TRANSACTION);
            assertThat(f.amount()).isEqualTo(Money.of("12.00", "USD"));
        });
        assertThat(second.net()).isEqualTo(Money.of("18.00", "USD"));
        assertThat(second.buyer()).isEmpty();
        assertThat(second.raw().path("rows").get(1).path("values").path("Customer").asText()).isEqualTo("Eli");
    }

    @Test
    void gumroadSalesWithTotalsRowAndRefunds() {
        ImportReport report = Samples.load(CsvMappings.gumroad(), "gumroad.csv");

        assertThat(report.rejected()).isEmpty();
        assertThat(report.skipped()).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(5);
            assertThat(s.reason()).contains("Totals");
        });
        assertThat(report.orders()).extracting(Order::externalId)
                .containsExactly("gumroad:aBc123==", "gumroad:dEf456==", "gumroad:gHi789==");
        Order fay = report.orders().get(0);
        assertThat(fay.orderNumber()).contains("1001");
        assertThat(fay.createdAt()).isEqualTo(Instant.parse("2026-05-06T09:30:00Z"));
        assertThat(fay.total()).isEqualTo(Money.of("10.71", "USD"));
        assertThat(fay.taxCollectedBy(TaxCollector.MARKETPLACE)).isEqualTo(Money.of("1.71", "USD"));
        assertThat(fay.buyer().orElseThrow().country()).contains("DE");
        assertThat(fay.lineItems().get(0).listingExternalId()).contains("raglan");
        assertThat(fay.net()).isEqualTo(Money.of("7.85", "USD"));

        assertThat(report.orders().get(1).status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(report.orders().get(1).totalRefunded()).isEqualTo(Money.of("2.0", "USD"));
        assertThat(report.orders().get(2).status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(report.orders().get(2).totalRefunded()).isEqualTo(Money.of("6.0", "USD"));
        assertThat(report.orders().get(2).buyer().orElseThrow().country()).contains("CA");
    }

    @Test
    void payhipWithGermanNumbers() {
        CsvMapping mapping = CsvMappings.payhip().toBuilder().numberLocale(Locale.GERMANY).build();
        ImportReport report = Samples.load(mapping, "payhip.csv");

        assertThat(report.rejected()).isEmpty();
        Order ida = report.orders().get(0);
        assertThat(ida.total()).isEqualTo(Money.of("10.29", "EUR"));
        assertThat(ida.fees()).extracting(f -> f.amount().amount().toPlainString()).containsExactly("0.43", "0.55");
        Order jon = report.orders().get(1);
        assertThat(jon.currency().getCurrencyCode()).isEqualTo("GBP");
        assertThat(jon.lineItems().get(0).unitPrice()).isEqualTo(Money.of("1250.00", "GBP"));
        assertThat(jon.subtotal()).isEqualTo(Money.of("1200.00", "GBP"));
        assertThat(jon.total()).isEqualTo(Money.of("1200.00", "GBP"));
    }

    @Test
    void payhipWithPointDecimalsRejectsGermanNumbersInsteadOfMisreadingThem() {
        ImportReport report = Samples.load(CsvMappings.payhip(), "payhip.csv");

        assertThat(report.orders()).isEmpty();
        assertThat(report.rejected()).extracting(RejectedRow::line).contains(2L, 3L);
        assertThat(report.rejected()).anySatisfy(r -> {
            assertThat(r.line()).isEqualTo(2);
            assertThat(r.column()).contains("Amount");
            assertThat(r.reason()).contains("'8,50' is not an amount");
        });
    }

    @Test
    void etsySoldOrdersFallback() {
        ImportReport report = Samples.load(CsvMappings.etsySoldOrders(), "etsy-sold-orders.csv");

        assertThat(report.rejected()).isEmpty();
        Order kim = report.orders().get(0);
        assertThat(kim.externalId()).isEqualTo("etsy-csv:3012345678");
        assertThat(kim.createdAt()).isEqualTo(Instant.parse("2026-05-11T00:00:00Z"));
        assertThat(kim.lineItems()).singleElement().satisfies(l -> {
            assertThat(l.title()).isEqualTo("Etsy order");
            assertThat(l.sku()).contains("DRESS-1");
            assertThat(l.total()).isEqualTo(Money.of("10.80", "USD"));
        });
        assertThat(kim.total()).isEqualTo(Money.of("11.66", "USD"));
        assertThat(kim.buyer().orElseThrow().externalId()).contains("98765");
        assertThat(kim.buyer().orElseThrow().country()).contains("US");
        assertThat(kim.totalFees()).isEqualTo(Money.of("0.55", "USD"));
        assertThat(kim.net()).isEqualTo(Money.of("10.25", "USD"));
        assertThat(report.orders().get(1).buyer().orElseThrow().country()).contains("GB");
        assertThat(report.orders().get(1).status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void everyShippedMappingLoads() {
        assertThat(List.of(CsvMappings.generic(), CsvMappings.creativeMarket(), CsvMappings.gumroad(),
                CsvMappings.payhip(), CsvMappings.etsySoldOrders())).extracting(CsvMapping::name)
                .containsExactly("generic", "creative-market", "gumroad", "payhip", "etsy-sold-orders");
    }
}
