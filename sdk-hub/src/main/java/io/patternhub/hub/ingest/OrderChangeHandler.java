package io.patternhub.hub.ingest;

/**
 * Receives order state changes from {@link OrderIngest}. Every change recorded after the handler was
 * registered is delivered to it once; a handler that throws gets the change again later (with
 * backoff). If the process dies while the handler runs, the change is delivered again once its lease
 * runs out, so handlers with outside effects deduplicate on {@link OrderChange#id()}.
 */
public interface OrderChangeHandler {

    /**
     * A stable name: deliveries are tracked per name, so renaming a handler makes it a new one.
     *
     * @return lower-case letters, digits, '-' or '_'
     */
    String name();

    /**
     * Handles one change.
     *
     * @param change the change, with the order as now stored
     */
    void onOrderChange(OrderChange change);
}
