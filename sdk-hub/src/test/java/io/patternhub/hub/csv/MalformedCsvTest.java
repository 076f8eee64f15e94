package io.patternhub.hub.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patternhub.core.model.Order;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MalformedCsvTest {
    private static final String HEADER =
            "order_id,order_date,buyer_email,buyer_name,buyer_country,sku,product,quantity,unit_price,currency,discount,tax,fee,refund,status\n";

    /** A file with a BOM, one problem per bad row, quoted commas and a value spanning two lines. */
    private static final String FILE = "\uFEFF" + HEADER
            + "M-1,2026-05-01,a@example.com,A,DE,S1,Sock,1,6.00,EUR,,,0.40,,paid\n"           // 2 good
            + "M-2,2026-13-45,b@example.com,B,DE,S1,Sock,1,6.00,EUR,,,0.40,,paid\n"           // 3 bad date
            + "M-3,2026-05-01,c@example.com,C,DE,S1,Sock,1,12.3.4,EUR,,,0.40,,paid\n"         // 4 bad money
            + "M-4,2026-05-01,d@example.com,D,DE,S1,Sock,1,,EUR,,,0.40,,paid\n"               // 5 missing price
            + "M-5,2026-05-01,e@example.com,E,DE,S1,Sock,1,6.00,XYZ,,,0.40,,paid\n"           // 6 unknown currency
            + "M-6,2026-05-01,f@example.com,F,DE,S1,\"Shawl, lace\",1,6.00,EUR,,,0.40,,paid\n" // 7 good, quoted comma
            + "M-7,2026-05-01,g@example.com,G,DE,S1,\"Shawl\nwith notes\",1,6.00,EUR,,,,,paid\n" // 8-9 good, newline
            + "M-8,2026-05-02,h@example.com,H,FR,S2,Hat,2,3.50,EUR,,,,,paid\n"                // 10 good
            + "M-9,2026-05-02,i@example.com,I\n"                                              // 11 too few values
            + "M-2,2026-05-01,b@example.com,B,DE,S2,Hat,1,3.50,EUR,,,,,paid\n"                // 12 good row, bad order
            + "\n"                                                                            // 13 blank
            + "M-10,2026-05-02,j@example.com,J,Atlantis,S2,Hat,1,3.50,EUR,,,,,shipped\n";     // 14 country + status

    private final CsvSalesImporter importer = CsvSalesImporter.builder().mapping(CsvMappings.generic()).build();

    @Test
    void badRowsAreReportedWithTheirLinesAndGoodOrdersKept() {
        ImportReport report = importer.importFrom(new ByteArrayInputStream(FILE.getBytes(StandardCharsets.UTF_8)));

        assertThat(report.orders()).extracting(Order::externalId)
                .containsExactly("csv:M-1", "csv:M-6", "csv:M-7", "csv:M-8");
        assertThat(report.orders().get(1).lineItems().get(0).title()).isEqualTo("Shawl, lace");
        assertThat(report.orders().get(2).lineItems().get(0).title()).isEqualTo("Shawl\nwith notes");
        assertThat(report.orders().get(3).lineItems().get(0).quantity()).isEqualTo(2);

        Map<Long, String> byLine = report.rejected().stream().collect(Collectors.toMap(RejectedRow::line,
                r -> r.column().orElse("-") + ": " + r.reason(), (a, b) -> a + " | " + b, TreeMap::new));
        assertThat(byLine.keySet()).containsExactly(3L, 4L, 5L, 6L, 11L, 12L, 14L);
        assertThat(byLine.get(3L)).startsWith("order_date: '2026-13-45' is not a date");
        assertThat(byLine.get(4L)).startsWith("unit_price: '12.3.4' is not an amount");
        assertThat(byLine.get(5L)).isEqualTo("unit_price: required value is empty");
        assertThat(byLine.get(6L)).contains("currency: ").contains("'XYZ' is not an ISO 4217 code");
        assertThat(byLine.get(11L)).contains("the row has 4 values but the header has 15 columns");
        assertThat(byLine.get(12L)).contains("another row of this order is bad (line 3)");
        assertThat(byLine.get(14L)).contains("'Atlantis' is not a country code").contains("unknown status 'shipped'");
        assertThat(report.rejected()).filteredOn(r -> r.line() == 3).singleElement()
                .satisfies(r -> assertThat(r.orderId()).contains("M-2"));
        assertThat(report.skipped()).extracting(SkippedRow::line).containsExactly(13L);
        assertThat(report.rowsRead()).isEqualTo(11);
    }

    @Test
    void strictModeThrowsTheSameProblemsAsATypedError() {
        ImportReport report = importer.importFrom(new StringReader(FILE));

        assertThatThrownBy(report::ordersOrThrow).isInstanceOf(CsvImportException.class)
                .hasMessageContaining("rejected 8 rows (4 orders were good)")
                .hasMessageContaining("line 4 (order M-3), column \"unit_price\": '12.3.4' is not an amount")
                .satisfies(e -> {
                    CsvImportException ex = (CsvImportException) e;
                    assertThat(ex.problems()).hasSize(8);
                    assertThat(ex.validationErrors()).extracting(v -> v.field()).contains("line 3", "line 14");
                });
    }

    @Test
    void aMissingColumnFailsTheWholeFileNamingTheColumn() {
        String noCurrency = HEADER.replace(",currency", "") + "M-1,2026-05-01,a@example.com,A,DE,S1,Sock,1,6.00,,,0.40,,paid\n";

        assertThatThrownBy(() -> importer.importFrom(new StringReader(noCurrency)))
                .isInstanceOf(CsvImportException.class)
                .hasMessageContaining("lacks 1 column")
                .satisfies(e -> assertThat(((CsvImportException) e).problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.column()).contains("currency");
                }));
    }

    @Test
    void anUnclosedQuoteFailsWithItsLine() {
        String broken = HEADER + "M-1,2026-05-01,a@example.com,A,DE,S1,Sock,1,6.00,EUR,,,0.40,,paid\n"
                + "M-2,2026-05-01,b@example.com,B,DE,S1,\"Sock,1,6.00,EUR,,,0.40,,paid\n";

        assertThatThrownBy(() -> importer.importFrom(new StringReader(broken)))
                .isInstanceOf(CsvImportException.class)
                .hasMessageContaining("not valid CSV")
                .satisfies(e -> assertThat(((CsvImportException) e).problems().get(0).line()).isGreaterThanOrEqualTo(3));
    }

    @Test
    void conflictingRepeatedOrderAmountsRejectTheOrderAtTheDisagreeingLine() {
        CsvMapping repeated = CsvMappings.generic().toBuilder().orderAmounts(CsvMapping.OrderAmounts.REPEATED).build();
        String file = HEADER
                + "R-1,2026-05-01,a@example.com,A,DE,S1,Sock,1,6.00,EUR,,1.00,0.40,,paid\n"
                + "R-1,2026-05-01,a@example.com,A,DE,S2,Hat,1,4.00,EUR,,1.50,0.40,,paid\n"
                + "R-2,2026-05-01,a@example.com,A,DE,S2,Hat,1,4.00,EUR,,0.76,0.30,,paid\n"
                + "R-2,2026-05-01,a@example.com,A,DE,S1,Sock,1,6.00,EUR,,0.76,0.30,,paid\n";

        ImportReport report = CsvSalesImporter.builder().mapping(repeated).build().importFrom(new StringReader(file));

        assertThat(report.orders()).singleElement().satisfies(o -> {
            assertThat(o.externalId()).isEqualTo("csv:R-2");
            assertThat(o.totalTax().amount()).isEqualByComparingTo("0.76");
            assertThat(o.totalFees().amount()).isEqualByComparingTo("0.30");
        });
        assertThat(report.rejected()).extracting(RejectedRow::line).containsExactly(2L, 3L);
        assertThat(report.rejected().get(1).reason()).contains("different values (1.00 and 1.50)");
    }

    @Test
    void aRefundLargerThanTheOrderIsRejected() {
        String file = HEADER + "X-1,2026-05-01,a@example.com,A,DE,S1,Sock,1,6.00,EUR,,,,9.00,paid\n";

        ImportReport report = importer.importFrom(new StringReader(file));

        assertThat(report.orders()).isEmpty();
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(2);
            assertThat(r.reason()).contains("the refund 9.00 EUR is more than the order's total 6.00 EUR");
        });
    }
}
