package io.patternhub.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One open transaction with small helpers for parameterized SQL. Valid only inside the
 * {@link TxWork} it was given to; never keep it.
 *
 * <p>Parameters: {@link Instant} is stored as epoch milliseconds (a {@code BIGINT} column), enums by
 * {@link Enum#name()}, {@code byte[]} as a blob, {@code Boolean} as {@code 0}/{@code 1}; everything else
 * is passed to the driver as is. The SQL must work on both {@link Vendor}s; branch on {@link #vendor()}
 * where it cannot.
 */
public final class Tx {
    private final Connection connection;
    private final Vendor vendor;
    private final Clock clock;

    Tx(Connection connection, Vendor vendor, Clock clock) {
        this.connection = connection;
        this.vendor = vendor;
        this.clock = clock;
    }

    /** The JDBC connection, for what the helpers do not cover. Do not commit or close it. */
    public Connection connection() {
        return connection;
    }

    public Vendor vendor() {
        return vendor;
    }

    /** The store's clock: use it (not the database's time) so tests can move time. */
    public Clock clock() {
        return clock;
    }

    /** The store clock's current instant. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Runs an INSERT, UPDATE or DELETE.
     *
     * @param sql  the statement with {@code ?} placeholders
     * @param args the parameters
     * @return the number of rows changed
     * @throws SQLException if the statement fails
     */
    public int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeUpdate();
        }
    }

    /**
     * Runs a query.
     *
     * @param sql    the query with {@code ?} placeholders
     * @param mapper turns each row into a value
     * @param args   the parameters
     * @param <T>    the value type
     * @return one value per row, in the result's order
     * @throws SQLException if the query fails
     */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }

    /**
     * Runs a query expected to return at most one row.
     *
     * @param sql    the query
     * @param mapper turns the row into a value
     * @param args   the parameters
     * @param <T>    the value type
     * @return the value, or empty when there is no row or the mapper returned {@code null}
     * @throws SQLException if the query fails
     * @throws StoreException if it returns more than one row
     */
    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> rows = query(sql, mapper, args);
        if (rows.size() > 1) {
            throw new StoreException("expected at most one row, got " + rows.size() + " for: " + sql);
        }
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /**
     * Runs an INSERT ending in {@code RETURNING id} (both vendors support it) and returns the id.
     *
     * @param sql  an insert with a {@code RETURNING id} clause
     * @param args the parameters
     * @return the generated id
     * @throws SQLException if the insert fails
     */
    public long insertReturningId(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new StoreException("insert returned no id: " + sql);
            }
            return rs.getLong(1);
        }
    }

    /**
     * Reads a nullable epoch-millisecond column as an instant.
     *
     * @param rs     the row
     * @param column the column name
     * @return the instant, or {@code null} if the column is null
     * @throws SQLException if the column cannot be read
     */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                bind(ps, i + 1, args[i]);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof Instant) {
            ps.setLong(index, ((Instant) value).toEpochMilli());
        } else if (value instanceof Enum<?>) {
            ps.setString(index, ((Enum<?>) value).name());
        } else if (value instanceof byte[]) {
            ps.setBytes(index, (byte[]) value);
        } else if (value instanceof Boolean) {
            ps.setInt(index, ((Boolean) value) ? 1 : 0);
        } else if (value instanceof Optional<?>) {
            bind(ps, index, ((Optional<?>) value).orElse(null));
        } else {
            ps.setObject(index, Objects.requireNonNull(value));
        }
    }
}
