package io.payrail.bus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CursorTableTests {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private final TestDatabase database = TestDatabase.create("platform", "bus");

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void a_worker_of_an_old_epoch_cannot_move_the_cursor_after_a_replay() {
        long newEpoch = database.transactions().inTransaction(connection -> {
            CursorTable.createIfMissing(connection, "fenced", 0, NOW);
            CursorTable.advance(connection, "fenced", 1, 40, NOW);
            return CursorTable.startReplay(connection, "fenced", 10, 40, null, NOW).orElseThrow();
        });
        assertThat(newEpoch).isEqualTo(2);

        boolean staleMoved = database.transactions().inTransaction(connection ->
                CursorTable.advance(connection, "fenced", 1, 41, NOW));
        CursorState state = database.transactions().read(connection -> CursorTable.load(connection, "fenced").orElseThrow());

        assertThat(staleMoved).isFalse();
        assertThat(state.position()).isEqualTo(10);
        assertThat(state.resetPending()).isTrue();
        assertThat(state.replaying()).isTrue();
    }

    @Test
    void reaching_the_replay_target_ends_the_replay_and_an_existing_cursor_is_kept() {
        CursorState state = database.transactions().inTransaction(connection -> {
            CursorTable.createIfMissing(connection, "kept", 0, NOW);
            CursorTable.startReplay(connection, "kept", 0, 5, 100, NOW);
            CursorTable.markReset(connection, "kept", 2);
            CursorTable.advance(connection, "kept", 2, 5, NOW);
            CursorTable.createIfMissing(connection, "kept", 99, NOW);
            return CursorTable.load(connection, "kept").orElseThrow();
        });
        assertThat(state.position()).isEqualTo(5);
        assertThat(state.replayUntil()).isEqualTo(-1);
        assertThat(state.replayRate()).isZero();
        assertThat(state.resetPending()).isFalse();
    }

    @Test
    void only_one_session_holds_a_subscription_lock_at_a_time() throws Exception {
        try (var first = database.dataSource().getConnection(); var second = database.dataSource().getConnection()) {
            assertThat(CursorTable.tryLock(first, 7)).isTrue();
            assertThat(CursorTable.tryLock(second, 7)).isFalse();
            assertThat(CursorTable.tryLock(second, 8)).isTrue();
            CursorTable.unlock(first, 7);
            assertThat(CursorTable.tryLock(second, 7)).isTrue();
            CursorTable.unlock(second, 7);
            CursorTable.unlock(second, 8);
        }
    }
}
