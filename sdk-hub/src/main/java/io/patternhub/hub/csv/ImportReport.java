package io.patternhub.hub.csv;

import io.patternhub.core.model.Order;
import java.util.List;

/**
 * What one import produced: the orders read, the rows rejected (with line numbers and reasons) and the
 * rows skipped on purpose. An order with any bad row is rejected whole, so an accepted order is always
 * complete. Immutable.
 *
 * @param mapping  the mapping used
 * @param rowsRead data rows read (header excluded)
 * @param orders   the accepted orders, in the order of their first row in the file
 * @param rejected rejected rows, by line
 * @param skipped  rows skipped on purpose, by line
 */
public record ImportReport(CsvMapping mapping, long rowsRead, List<Order> orders, List<RejectedRow> rejected,
                           List<SkippedRow> skipped) {
    public ImportReport {
        orders = List.copyOf(orders);
        rejected = List.copyOf(rejected);
        skipped = List.copyOf(skipped);
    }

    /** Whether no row was rejected. */
    public boolean isClean() {
        return rejected.isEmpty();
    }

    /**
     * The orders, if every row was good.
     *
     * @return the orders
     * @throws CsvImportException listing every rejected row
     */
    public List<Order> ordersOrThrow() {
        if (!rejected.isEmpty()) {
            throw new CsvImportException("CSV import with mapping '" + mapping.name() + "' rejected "
                    + rejected.size() + " row" + (rejected.size() == 1 ? "" : "s") + " (" + orders.size()
                    + " order" + (orders.size() == 1 ? "" : "s") + " were good)", rejected);
        }
        return orders;
    }
}
