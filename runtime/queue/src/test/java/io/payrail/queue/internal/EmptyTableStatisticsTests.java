package io.payrail.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import io.payrail.queue.QueueDefinition;
import io.payrail.queue.QueueLimits;
import io.payrail.queue.ReceiptHandle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A queue that was vacuumed while empty (autovacuum does that after a minute idle) and then got a
 * backlog: the statistics say zero rows per page, so the planner takes the backlog for one row. The
 * statements that look messages up by id must still go through the primary key, not walk the
 * tenant index (which holds id as its third column), whatever the backlog.
 */
class EmptyTableStatisticsTests {
    /** Rows sent and deleted before the vacuum: the pages it leaves behind, with zero rows recorded. */
    private static final int CHURNED = 5_000;
    private static final int BACKLOG = 60_000;
    private static final int HANDLED = 10;
    private static final long TOKEN = 7;
    /**
     * Pages of queue_message (table and indexes) a statement on ten messages may read: a few index
     * descents and table pages per message. A walk of the tenant index over the backlog reads its
     * every leaf page, several hundred; a scan of the table, over a thousand.
     */
    private static final long PAGES_MAX = 100;
    /** pgjdbc prepares on the server from the 5th run; PostgreSQL considers a generic plan after 5 more. */
    private static final int PLAN_SETTLING_RUNS = 12;

    private TestDatabase database;
    private QueueRecord queue;

    @BeforeEach
    void aQueueVacuumedWhileEmptyThenGivenABacklog() throws SQLException {
        database = TestDatabase.create("platform", "queue");
        queue = new QueueDirectory(database.dataSource()).define(QueueDefinition.standard("vacuumed.empty"));
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            // No autovacuum in this database while the test runs: it would record real statistics (the
            // state under test is the one it leaves when it runs at the wrong moment) and its own index
            // reads would count in the figures below.
            statement.execute("ALTER TABLE queue_message SET (autovacuum_enabled = false)");
            insert(connection, CHURNED);
            statement.execute("DELETE FROM queue_message");
            statement.execute(TableVacuum.VACUUM);
            try (ResultSet rows = statement.executeQuery("SELECT reltuples FROM pg_class WHERE relname = 'queue_message'")) {
                rows.next();
                assertThat(rows.getDouble(1)).as("rows recorded by the vacuum of the empty table").isZero();
            }
        }
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void a_shared_delete_finds_its_messages_by_primary_key_after_the_vacuum_of_the_empty_table() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            List<ReceiptHandle> handles = insert(connection, BACKLOG).subList(BACKLOG - HANDLED, BACKLOG);
            long pagesBefore = pagesRead(connection);

            assertThat(AcknowledgeStatements.deleteAll(connection, handles)).containsExactlyInAnyOrderElementsOf(handles);

            assertThat(pagesRead(connection) - pagesBefore).as("pages of queue_message read by the delete")
                    .isLessThan(PAGES_MAX);
        }
    }

    @Test
    void a_receive_that_also_deletes_reads_a_few_pages_after_the_vacuum_of_the_empty_table() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            List<ReceiptHandle> handles = insert(connection, BACKLOG).subList(BACKLOG - HANDLED, BACKLOG);
            long pagesBefore = pagesRead(connection);

            ReceiveStatements.Received received = ReceiveStatements.receiveFromTenants(connection, queue, List.of("tenant"),
                    HANDLED, HANDLED, null, TOKEN + 1, handles);

            assertThat(received.acknowledged()).containsExactlyInAnyOrderElementsOf(handles);
            assertThat(received.delivered()).hasSize(HANDLED);
            assertThat(pagesRead(connection) - pagesBefore).as("pages of queue_message read by the receive")
                    .isLessThan(PAGES_MAX);
        }
    }

    @Test
    void the_ready_tenant_lookup_probes_each_tenant_once_after_the_vacuum_of_the_empty_table() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            insert(connection, BACKLOG);
            insertFor(connection, "tenant-b");
            insertFor(connection, "tenant-c");
            // Enough runs first for the driver to prepare the statement on the server and for the
            // server to settle on a generic plan: the one a long-lived connection keeps using.
            for (int run = 0; run < PLAN_SETTLING_RUNS; run++) {
                ReceiveStatements.readyTenants(connection, queue, RotationCursor.START, QueueLimits.TENANTS_CACHED_MAX);
            }
            long pagesBefore = pagesRead(connection);

            List<String> tenants = ReceiveStatements.readyTenants(connection, queue, RotationCursor.START, QueueLimits.TENANTS_CACHED_MAX);

            assertThat(tenants).containsExactly("tenant", "tenant-b", "tenant-c");
            assertThat(pagesRead(connection) - pagesBefore).as("pages of queue_message read by the lookup")
                    .isLessThan(PAGES_MAX);
        }
    }

    /**
     * Pages of queue_message and its indexes read so far (from the buffer cache or not), as the server's
     * statistics have them once this connection's counts are flushed: forced at the end of the
     * first statement, read by the next.
     */
    private static long pagesRead(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_force_next_flush()");
            try (ResultSet rows = statement.executeQuery("""
                    SELECT heap_blks_hit + heap_blks_read + idx_blks_hit + idx_blks_read FROM pg_statio_user_tables
                    WHERE relname = 'queue_message'""")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void insertFor(Connection connection, String tenant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO queue_message (queue_id, tenant_id, visible_at, sent_at, body) VALUES (?, ?, now() - interval '1 second', now(), 'body')
                """)) {
            statement.setInt(1, queue.id());
            statement.setString(2, tenant);
            statement.executeUpdate();
        }
    }

    /** Inserts received messages (receive count 1, token {@link #TOKEN}) in id order; returns their handles. */
    private List<ReceiptHandle> insert(Connection connection, int count) throws SQLException {
        String sql = """
                INSERT INTO queue_message (queue_id, tenant_id, visible_at, sent_at, receive_count, receipt_token, body)
                SELECT ?, 'tenant', now() - interval '1 second', now(), 1, ?, 'body' FROM generate_series(1, ?) ORDER BY 1
                RETURNING id
                """;
        List<ReceiptHandle> handles = new ArrayList<>(count);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, queue.id());
            statement.setLong(2, TOKEN);
            statement.setInt(3, count);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handles.add(new ReceiptHandle(rows.getLong(1), 1, TOKEN));
                }
            }
        }
        handles.sort((left, right) -> Long.compare(left.messageId(), right.messageId()));
        return handles;
    }
}
