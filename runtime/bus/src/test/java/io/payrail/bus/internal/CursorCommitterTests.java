package io.payrail.bus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.testing.TestDatabase;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CursorCommitterTests {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final TestDatabase database = TestDatabase.create("platform", "bus");

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void a_requested_position_is_in_the_row_once_flushed_and_requests_coalesce_to_the_newest() throws Exception {
        create("async", 0);
        try (Connection connection = workerConnection();
                CursorCommitter committer = new CursorCommitter(connection, "async", CLOCK)) {
            committer.durableAt(0);
            committer.request(1, 100);
            committer.request(1, 250);
            committer.request(1, 200);

            assertThat(committer.flush()).isTrue();
            assertThat(position("async")).isEqualTo(250);
        }
    }

    @Test
    void waiting_for_a_position_returns_only_once_the_row_holds_it() throws Exception {
        create("bounded", 0);
        try (Connection connection = workerConnection();
                CursorCommitter committer = new CursorCommitter(connection, "bounded", CLOCK)) {
            committer.durableAt(0);
            for (long position = 500; position <= 5_000; position += 500) {
                committer.request(1, position);
                committer.awaitCommittedAtLeast(position);
                // Read on another session: the commit is visible (and durable) already, not just sent.
                assertThat(position("bounded")).isGreaterThanOrEqualTo(position);
            }
        }
    }

    @Test
    void a_commit_into_an_epoch_a_replay_replaced_changes_nothing_and_the_flush_says_so() throws Exception {
        create("fenced", 0);
        try (Connection connection = workerConnection();
                CursorCommitter committer = new CursorCommitter(connection, "fenced", CLOCK)) {
            committer.durableAt(0);
            database.transactions().inTransaction(other -> CursorTable.startReplay(other, "fenced", 0, 10, null, NOW));

            committer.request(1, 40);
            committer.awaitCommittedAtLeast(40);

            assertThat(committer.fenced()).isTrue();
            assertThat(committer.flush()).isFalse();
            assertThat(position("fenced")).isZero();
            // The flush consumed the finding: the next epoch's commits go through.
            committer.request(2, 7);
            assertThat(committer.flush()).isTrue();
            assertThat(position("fenced")).isEqualTo(7);
        }
    }

    @Test
    void a_commit_that_fails_is_reported_to_the_worker_instead_of_being_forgotten() throws Exception {
        create("broken", 0);
        Connection connection = workerConnection();
        try (CursorCommitter committer = new CursorCommitter(connection, "broken", CLOCK)) {
            committer.durableAt(0);
            connection.close();
            committer.request(1, 10);

            assertThatThrownBy(committer::flush)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("subscription broken could not commit its cursor");
        }
        assertThat(position("broken")).isZero();
    }

    private Connection workerConnection() throws Exception {
        Connection connection = database.dataSource().getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    private void create(String name, long position) {
        database.transactions().inTransaction(connection -> {
            CursorTable.createIfMissing(connection, name, position, NOW);
            return null;
        });
    }

    private long position(String name) {
        return database.transactions().read(connection -> CursorTable.load(connection, name).orElseThrow().position());
    }
}
