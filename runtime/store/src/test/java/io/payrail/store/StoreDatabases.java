package io.payrail.store;

import io.payrail.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One store database shared by the test classes of this JVM, emptied before each test: creating a
 * database and migrating it per test would dominate the suite's time.
 */
final class StoreDatabases {
    private static TestDatabase shared;

    private StoreDatabases() {}

    /** The shared database with no events, no snapshots and the log head back at 0. */
    static synchronized TestDatabase empty() {
        if (shared == null) {
            shared = TestDatabase.create("platform", "store");
        }
        try (Connection connection = shared.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE store_event, store_snapshot");
            statement.execute("UPDATE store_log_head SET position = 0, recorded_at = '1970-01-01T00:00:00Z'");
            statement.execute("DROP TABLE IF EXISTS command_row");
        } catch (SQLException failure) {
            throw new IllegalStateException("could not empty the test database", failure);
        }
        return shared;
    }
}
