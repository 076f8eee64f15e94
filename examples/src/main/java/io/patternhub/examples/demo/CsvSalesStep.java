package io.patternhub.examples.demo;

import io.patternhub.core.Platform;
import io.patternhub.core.event.EventIds;
import io.patternhub.core.model.Order;
import io.patternhub.hub.csv.CsvMapping;
import io.patternhub.hub.csv.CsvMappings;
import io.patternhub.hub.csv.CsvSalesImporter;
import io.patternhub.hub.csv.ImportReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Sales from a marketplace without an API (a Creative-Market-style sales list, as a CSV file) reach
 * the hub like any other order, so those buyers get their links too.
 */
final class CsvSalesStep implements DemoStep {
    /** The sample sales list on the classpath. */
    static final String SAMPLE = "/io/patternhub/examples/demo/creative-market-sales.csv";

    /**
     * The shipped Creative Market mapping plus the SKU and email columns this seller adds to the list
     * (without a SKU the hub cannot tell which pattern was bought, without an email it cannot send it).
     *
     * @return the mapping
     */
    static CsvMapping mapping() {
        return CsvMappings.creativeMarket().toBuilder().skuColumn("SKU").buyerEmailColumn("Email").build();
    }

    @Override
    public String title() {
        return "Import marketplace sales from CSV";
    }

    @Override
    public void run(DemoWorld world, StepLog log) throws IOException {
        Path file = world.out().resolve("creative-market-sales.csv");
        try (InputStream in = CsvSalesStep.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IOException("the sample CSV is missing from the classpath");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        int mailBefore = world.mailCount();
        ImportReport report = CsvSalesImporter.builder().mapping(mapping()).build().importFile(file);
        for (Order order : report.ordersOrThrow()) {
            world.ingest().ingest(order, EventIds.of(Platform.CSV, "csv", report.mapping().channel(),
                    order.externalId(), order.status().name()));
        }
        world.ingest().dispatchAll();
        int emails = world.mailCount() - mailBefore;
        world.summary().set("orders.csv", report.orders().size());
        world.summary().add("emails.download_links", emails);
        world.summary().set("orders.total", world.orders().count());
        log.say("%s: %d rows read, %d orders accepted, %d rejected; %d buyers emailed", file.getFileName(),
                report.rowsRead(), report.orders().size(), report.rejected().size(), emails);
    }
}
