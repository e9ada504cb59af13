package io.payrail.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.DatabaseException;
import io.payrail.platform.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit sends its insert and its COMMIT in one round trip. An insert that fails must be
 * recognised as "nothing committed" (the batch is rolled back and retried append by append), never
 * reported as a commit of unknown outcome, and never commit the rest of the batch half-way.
 */
class PipelinedCommitTests {
    private TestDatabase database;
    private PostgresEventStore store;
    private PoisonTrigger poison;

    @BeforeEach
    void start() throws SQLException {
        database = StoreDatabases.empty();
        poison = PoisonTrigger.install(database.dataSource());
        store = new PostgresEventStore(database.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws SQLException {
        store.close();
        poison.close();
    }

    @Test
    void an_insert_failing_in_a_batch_fails_only_its_own_append_and_is_not_reported_as_an_unknown_commit() throws Exception {
        int appends = 200;
        List<Future<AppendResult>> results = new ArrayList<>();
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int append = 0; append < appends; append++) {
                int number = append;
                results.add(writers.submit(() -> number == appends / 2
                        ? store.append("poisoned", ExpectedRevision.noStream(),
                                List.of(PoisonTrigger.event()))
                        : store.append("fine-" + number, ExpectedRevision.noStream(), TestEvents.numbered(number, 1))));
            }
        }
        int appended = 0;
        for (int index = 0; index < appends; index++) {
            Future<AppendResult> result = results.get(index);
            if (index == appends / 2) {
                assertThatThrownBy(result::get).cause()
                        .isInstanceOf(DatabaseException.class)
                        .hasMessageContaining("could not append")
                        .hasMessageNotContaining("unknown");
            } else {
                assertThat(result.get()).isInstanceOf(AppendResult.Appended.class);
                appended++;
            }
        }
        assertThat(appended).isEqualTo(appends - 1);
        assertThat(store.headPosition()).isEqualTo(appended);
        assertThat(store.readStream("poisoned", 0, ReadDirection.FORWARDS, 10)).isEmpty();
        assertThat(store.readLog(0, appends)).hasSize(appended);
    }

    @Test
    void after_a_failed_insert_the_connection_is_usable_and_the_log_lock_is_free() {
        AppendResult refused = null;
        try {
            refused = store.append("poisoned", ExpectedRevision.noStream(),
                    List.of(PoisonTrigger.event()));
        } catch (DatabaseException expected) {
            assertThat(expected).hasMessageContaining("could not append").hasMessageNotContaining("unknown");
        }
        assertThat(refused).isNull();
        for (int round = 0; round < 40; round++) {
            assertThat(store.append("fine", ExpectedRevision.any(), TestEvents.numbered(round, 1)))
                    .isInstanceOf(AppendResult.Appended.class);
        }
        assertThat(store.readStream("fine", 0, ReadDirection.FORWARDS, 100)).hasSize(40);
        assertThat(store.headPosition()).isEqualTo(40);
    }
}
