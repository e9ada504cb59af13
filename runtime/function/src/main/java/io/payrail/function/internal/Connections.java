package io.payrail.function.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/** Ending connections whose session state must not go back to a pool. */
public final class Connections {
    private Connections() {}

    /** Cancels the running statement, then closes the socket: the server rolls the transaction back. */
    public static void abort(Connection connection) {
        try {
            connection.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException | RuntimeException ignored) {
            // The abort below ends the session whatever the cancel did.
        }
        try {
            connection.unwrap(Connection.class).abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // Already closed: the server has already rolled back.
        }
    }

    /** Closes the session for good: evicted from the pool, so nothing it held survives. */
    public static void discard(DataSource dataSource, Connection connection) {
        if (dataSource instanceof HikariDataSource pool) {
            abort(connection);
            pool.evictConnection(connection);
        } else {
            abort(connection);
            closeQuietly(connection);
        }
    }

    public static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The connection is unusable either way; the pool replaces it.
        }
    }

    public static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // An aborted connection cannot roll back; the server already did.
        }
    }
}
