package io.payrail.queue.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.postgresql.PGStatement;

/** Small JDBC helpers shared by the statement classes. */
public final class Sql {
    /** The channel every send notifies, with the queue name as payload. */
    public static final String NOTIFY_CHANNEL = "payrail_queue";

    private Sql() {}

    /** Binds {@code values} to parameters 1..n; a null binds as an untyped null. */
    public static PreparedStatement bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int index = 0; index < values.length; index++) {
            if (values[index] == null) {
                statement.setNull(index + 1, Types.VARCHAR);
            } else {
                statement.setObject(index + 1, values[index]);
            }
        }
        return statement;
    }

    /**
     * Makes PostgreSQL plan the statement for each execution, with its actual parameters and the
     * table's current size, instead of reusing a generic plan made once per connection. A queue's
     * table grows and shrinks by orders of magnitude within seconds, far faster than autovacuum's
     * analyze (at most once per {@code autovacuum_naptime}, one minute) invalidates a cached plan: the
     * shared delete kept a generic plan made while the table had 47 pages (a hash join over a
     * sequential scan) and scanned 70,000 rows per statement, 30-45 ms each, once the backlog had grown.
     */
    public static PreparedStatement plannedPerExecution(PreparedStatement statement) throws SQLException {
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        return statement;
    }

    public static Array textArray(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    public static Array bigintArray(Connection connection, Long[] values) throws SQLException {
        return connection.createArrayOf("bigint", values);
    }

    public static Array integerArray(Connection connection, Integer[] values) throws SQLException {
        return connection.createArrayOf("integer", values);
    }
}
