package io.payrail.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import io.payrail.queue.QueueDefinition;
import io.payrail.queue.ReceivedMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The receive statements on a table whose backlog grows by orders of magnitude while a connection
 * lives: each must keep walking an index from the oldest ready message, never scan the table.
 */
class ReceiveStatementsTests {
    private static final int GROWN_BACKLOG = 50_000;
    private static final long TOKEN = 11;
    /** Messages sent and deleted before the vacuum: the pages it leaves, with zero rows recorded. */
    private static final int CHURNED = 5_000;
    private static TestDatabase database;
    private static QueueDirectory directory;

    @BeforeAll
    static void setUp() {
        database = TestDatabase.create("platform", "queue");
        directory = new QueueDirectory(database.dataSource());
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void a_fair_receive_takes_the_oldest_ready_messages_without_scanning_a_grown_table() throws SQLException {
        QueueRecord queue = directory.define(QueueDefinition.standard("grows"));
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            for (int round = 0; round < 20; round++) {
                insert(connection, queue, 5, "NULL");
                assertThat(ReceiveStatements.receiveFromTenants(connection, queue, List.of("tenant"), 5, 5, null, TOKEN)
                        .delivered()).hasSize(5);
                connection.createStatement().execute("DELETE FROM queue_message");
                connection.commit();
            }
            long oldest = insert(connection, queue, GROWN_BACKLOG, "NULL");
            connection.commit();

            long scansBefore = TableScans.sequentialScans(connection);
            List<ReceivedMessage> received = ReceiveStatements.receiveFromTenants(connection, queue, List.of("tenant"), 10, 10,
                    null, TOKEN).delivered();
            assertThat(received).extracting(ReceivedMessage::messageId).first().isEqualTo(oldest);
            assertThat(received).hasSize(10);
            assertThat(TableScans.sequentialScans(connection) - scansBefore).as("sequential scans of queue_message by the receive").isZero();
            connection.rollback();
        }
    }

    @Test
    void a_fifo_receive_takes_group_heads_without_scanning_a_grown_table() throws SQLException {
        QueueRecord queue = directory.define(QueueDefinition.fifo("grows.fifo"));
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            for (int round = 0; round < 20; round++) {
                insert(connection, queue, 5, "'group-' || (n % 3)");
                assertThat(ReceiveStatements.receiveGroupHeads(connection, queue, "", 5, null, TOKEN).delivered()).hasSize(3);
                connection.createStatement().execute("DELETE FROM queue_message");
                connection.commit();
            }
            insert(connection, queue, GROWN_BACKLOG, "'group-' || (n % 1000)");
            connection.commit();

            long scansBefore = TableScans.sequentialScans(connection);
            List<ReceivedMessage> received = ReceiveStatements.receiveGroupHeads(connection, queue, "", 10, null, TOKEN).delivered();
            assertThat(received).hasSize(10).extracting(ReceivedMessage::messageGroup).doesNotHaveDuplicates();
            assertThat(TableScans.sequentialScans(connection) - scansBefore).as("sequential scans of queue_message by the receive").isZero();
            connection.rollback();
        }
    }

    @Test
    void after_a_vacuum_of_the_empty_table_a_receive_still_walks_the_index_from_the_oldest_message() throws SQLException {
        QueueRecord queue = directory.define(QueueDefinition.standard("vacuumed.empty"));
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            insert(connection, queue, CHURNED, "NULL");
            connection.createStatement().execute("DELETE FROM queue_message");
            // Recorded now (the pages stay: the vacuum does not truncate), zero rows per page makes the
            // planner take any later backlog for a single row.
            connection.createStatement().execute(TableVacuum.VACUUM);
            connection.setAutoCommit(false);
            long oldest = insert(connection, queue, GROWN_BACKLOG, "NULL");
            connection.commit();

            long rowsReadBefore = rowsRead(connection);
            List<ReceivedMessage> received = ReceiveStatements.receiveFromTenants(connection, queue, List.of("tenant"), 10, 10,
                    null, TOKEN, List.of()).delivered();
            assertThat(received).hasSize(10).extracting(ReceivedMessage::messageId).first().isEqualTo(oldest);
            assertThat(rowsRead(connection) - rowsReadBefore).as("rows of queue_message read by the receive").isLessThan(1_000);
            var acknowledged = ReceiveStatements.receiveFromTenants(connection, queue, List.of("tenant"), 10, 10, null, TOKEN + 1,
                    received.stream().map(ReceivedMessage::receiptHandle).toList());
            assertThat(acknowledged.acknowledged()).hasSize(10);
            assertThat(acknowledged.delivered()).hasSize(10);
            assertThat(rowsRead(connection) - rowsReadBefore).as("rows of queue_message read by both receives").isLessThan(1_000);
            connection.rollback();
            connection.setAutoCommit(true);
            connection.createStatement().execute("DELETE FROM queue_message");
        }
    }

    /** Rows of queue_message read so far in this transaction, by sequential and by index scans. */
    private static long rowsRead(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT seq_tup_read + coalesce(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables WHERE relname = 'queue_message'");
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** Inserts ready messages of one tenant, with the group given as SQL over n; returns the first id. */
    private static long insert(Connection connection, QueueRecord queue, int count, String groupSql) throws SQLException {
        String sql = """
                INSERT INTO queue_message (queue_id, tenant_id, message_group, visible_at, sent_at, body)
                SELECT ?, 'tenant', %s, now() - interval '1 second', now(), 'body' FROM generate_series(1, ?) AS n
                RETURNING id
                """.formatted(groupSql);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, queue.id());
            statement.setInt(2, count);
            try (ResultSet rows = statement.executeQuery()) {
                long first = Long.MAX_VALUE;
                while (rows.next()) {
                    first = Math.min(first, rows.getLong(1));
                }
                return first;
            }
        }
    }
}
