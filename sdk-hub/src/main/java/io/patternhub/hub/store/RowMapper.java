package io.patternhub.hub.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the current row of a result set into a value.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface RowMapper<T> {
    /**
     * @param rs positioned on a row
     * @return the value for that row
     * @throws SQLException if a column cannot be read
     */
    T map(ResultSet rs) throws SQLException;
}
