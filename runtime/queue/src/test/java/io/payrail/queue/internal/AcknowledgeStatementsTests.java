package io.payrail.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import io.payrail.queue.ReceiptHandle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared delete on a table whose size changes by orders of magnitude while a connection lives
 * (a queue's backlog): it must keep finding its rows by key, not scan the table.
 */
class AcknowledgeStatementsTests {
    private static final long TOKEN = 7;
    private static final int GROWN_BACKLOG = 50_000;
    private static TestDatabase database;

    @BeforeAll
    static void setUp() {
        database = TestDatabase.create("platform", "queue");
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void a_shared_delete_looks_its_rows_up_by_key_after_the_table_grew_a_thousandfold() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            // Many deletes while the table is tiny: a plan cached for the connection would be made now.
            for (int round = 0; round < 20; round++) {
                List<ReceiptHandle> handles = insert(connection, 10);
                assertThat(AcknowledgeStatements.deleteAll(connection, handles)).containsExactlyInAnyOrderElementsOf(handles);
                connection.commit();
            }
            insert(connection, GROWN_BACKLOG);
            List<ReceiptHandle> handles = insert(connection, 10);
            connection.commit();

            long scansBefore = TableScans.sequentialScans(connection);
            List<ReceiptHandle> withStale = new ArrayList<>(handles);
            ReceiptHandle current = handles.getFirst();
            withStale.add(new ReceiptHandle(current.messageId(), current.receiveCount() + 1, TOKEN));
            assertThat(AcknowledgeStatements.deleteAll(connection, withStale)).containsExactlyInAnyOrderElementsOf(handles);
            assertThat(TableScans.sequentialScans(connection) - scansBefore).as("sequential scans of queue_message by the delete").isZero();
            connection.rollback();
        }
    }

    @Test
    void a_shared_delete_of_only_stale_handles_deletes_nothing() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            List<ReceiptHandle> handles = insert(connection, 3);
            List<ReceiptHandle> stale = handles.stream()
                    .map(handle -> new ReceiptHandle(handle.messageId(), handle.receiveCount(), handle.token() + 1)).toList();
            assertThat(AcknowledgeStatements.deleteAll(connection, stale)).isEmpty();
            assertThat(AcknowledgeStatements.deleteAll(connection, handles)).containsExactlyInAnyOrderElementsOf(handles);
            connection.rollback();
        }
    }

    /** Inserts received messages (receive count 1, token {@link #TOKEN}); returns their handles. */
    private static List<ReceiptHandle> insert(Connection connection, int count) throws SQLException {
        String sql = """
                INSERT INTO queue_message (queue_id, tenant_id, visible_at, sent_at, receive_count, receipt_token, body)
                SELECT 1, 'tenant', now(), now(), 1, ?, 'body' FROM generate_series(1, ?) RETURNING id
                """;
        List<ReceiptHandle> handles = new ArrayList<>(count);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, TOKEN);
            statement.setInt(2, count);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handles.add(new ReceiptHandle(rows.getLong(1), 1, TOKEN));
                }
            }
        }
        return handles;
    }
}
