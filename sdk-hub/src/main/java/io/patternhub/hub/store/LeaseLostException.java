package io.patternhub.hub.store;

/**
 * A worker tried to complete or release a row whose lease it no longer holds (it ran out and another
 * worker claimed the row). The worker's transaction is rolled back; the other worker owns the row.
 */
public class LeaseLostException extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * @param lease the lease that was lost
     */
    public LeaseLostException(Lease lease) {
        super("lease on " + lease.table() + " row " + lease.id() + " was lost (expired at " + lease.leaseUntil()
                + " and taken over); this worker's changes were rolled back");
    }
}
