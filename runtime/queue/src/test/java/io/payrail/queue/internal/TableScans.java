package io.payrail.queue.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What a test reads of how PostgreSQL reached {@code queue_message}. */
final class TableScans {
    private TableScans() {}

    /** Sequential scans of queue_message so far in this connection's transaction. */
    static long sequentialScans(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'queue_message'");
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }
}
