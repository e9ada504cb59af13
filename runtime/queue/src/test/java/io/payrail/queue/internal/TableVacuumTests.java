package io.payrail.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The queue's own vacuum: after a named number of deleted rows, at a full receive, one at a time. */
class TableVacuumTests {
    private static final int THRESHOLD = 100;
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(20);
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
    void below_the_threshold_of_deleted_rows_a_full_receive_starts_no_vacuum() throws Exception {
        TableVacuum vacuum = new TableVacuum(database.dataSource(), THRESHOLD);
        vacuum.deleted(THRESHOLD - 1);
        vacuum.receivedFull();
        vacuum.awaitIdle();
        assertThat(vacuum.vacuums()).isZero();
    }

    @Test
    void past_the_threshold_a_full_receive_vacuums_the_table_and_the_count_starts_again() throws Exception {
        long before = vacuumCount();
        TableVacuum vacuum = new TableVacuum(database.dataSource(), THRESHOLD);
        vacuum.deleted(THRESHOLD);
        vacuum.receivedFull();
        vacuum.awaitIdle();
        assertThat(vacuum.vacuums()).isEqualTo(1);
        long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
        while (vacuumCount() == before) {
            assertThat(System.nanoTime()).as("queue_message vacuumed within %s", POLL_TIMEOUT).isLessThan(deadline);
            Thread.sleep(20);
        }
        vacuum.receivedFull();
        vacuum.awaitIdle();
        assertThat(vacuum.vacuums()).as("rows deleted before the vacuum do not count again").isEqualTo(1);
    }

    @Test
    void without_a_backlog_no_vacuum_starts_however_many_rows_were_deleted() throws Exception {
        TableVacuum vacuum = new TableVacuum(database.dataSource(), THRESHOLD);
        vacuum.deleted(THRESHOLD * 10);
        vacuum.awaitIdle();
        assertThat(vacuum.vacuums()).as("only a full receive starts one").isZero();
    }

    private static long vacuumCount() throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rows = statement.executeQuery(
                    "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'queue_message'")) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }
}
