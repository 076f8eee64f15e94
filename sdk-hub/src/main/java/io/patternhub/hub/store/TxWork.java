package io.patternhub.hub.store;

import java.sql.SQLException;

/**
 * Work done inside one database transaction; see {@link HubStore#inTransaction(TxWork)}.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface TxWork<T> {
    /**
     * @param tx the open transaction
     * @return the result
     * @throws SQLException to roll back (wrapped into {@link StoreException})
     */
    T run(Tx tx) throws SQLException;
}
