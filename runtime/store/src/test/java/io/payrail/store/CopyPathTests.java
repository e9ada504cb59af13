package io.payrail.store;

import static io.payrail.store.TestEvents.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.DatabaseException;
import io.payrail.platform.testing.TestDatabase;
import io.payrail.store.internal.AppendValidator;
import io.payrail.store.internal.LogWriter;
import io.payrail.store.internal.PreparedAppend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Large batches are written by COPY, with positions and revisions computed in the client under the
 * log lock. The rows must be exactly what the insert statement writes, and every guarantee of the
 * insert path (conflicts as values, one failing append failing alone, units of work) must hold.
 */
class CopyPathTests {
    private static final int LARGE = LogWriter.COPY_EVENTS_MIN_DEFAULT + 6;
    private static final String ROW_SQL = "SELECT revision, event_id, type, source, subject, time, schema_version, trace_id, "
            + "causation_id, correlation_id, tenant_id, metadata::text, data::text, recorded_at FROM store_event "
            + "WHERE stream = ? ORDER BY revision";

    private TestDatabase database;
    private PostgresEventStore store;
    private final AppendValidator validator = new AppendValidator(SchemaRegistry.lenient(), 256 * 1024);

    @BeforeEach
    void start() {
        database = StoreDatabases.empty();
        store = new PostgresEventStore(database.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws SQLException {
        store.close();
    }

    @Test
    void a_copied_event_has_every_column_exactly_as_the_insert_statement_writes_it() throws SQLException {
        List<EventEnvelope> events = List.of(
                unusual(Instant.parse("2026-01-01T10:00:00Z"), "subject-1", Map.of("origin", "test", "quote", "say \"hi\"")),
                unusual(Instant.parse("2026-01-01T10:00:00.123456789Z"), null, Map.of()),
                unusual(Instant.parse("2026-01-01T10:00:00.999999700Z"), "ünïcødé ✓ 🚀", Map.of("k", "v")));
        Instant now = Instant.parse("2026-02-03T04:05:06.789012345Z");
        inTransaction(connection -> new LogWriter(PostgresEventStore.NOTIFY_CHANNEL, Integer.MAX_VALUE)
                .writeAndCommit(connection, List.of(prepared("by-insert", ExpectedRevision.noStream(), events)), now));
        inTransaction(connection -> new LogWriter(PostgresEventStore.NOTIFY_CHANNEL, 1)
                .writeAndCommit(connection, List.of(prepared("by-copy", ExpectedRevision.noStream(), events)), now));

        List<List<String>> inserted = rows("by-insert");
        assertThat(inserted).hasSize(3);
        assertThat(rows("by-copy")).isEqualTo(inserted);
        assertThat(store.readLog(0, 10)).extracting(RecordedEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(store.headPosition()).isEqualTo(6);
        assertThat(store.readStream("by-copy", 0, ReadDirection.FORWARDS, 10)).extracting(RecordedEvent::envelope)
                .containsExactlyElementsOf(store.readStream("by-insert", 0, ReadDirection.FORWARDS, 10).stream()
                        .map(RecordedEvent::envelope).toList());
    }

    @Test
    void a_large_append_is_written_in_order_with_contiguous_positions_and_revisions() {
        store.append("s", ExpectedRevision.any(), numbered(0, 3));
        AppendResult result = store.append("s", ExpectedRevision.exactly(2), numbered(3, LARGE));

        assertThat(result).isEqualTo(new AppendResult.Appended(4, 3 + LARGE, 2 + LARGE));
        List<RecordedEvent> stream = store.readStream("s", 0, ReadDirection.FORWARDS, 1_000);
        assertThat(stream).hasSize(3 + LARGE);
        for (int index = 0; index < stream.size(); index++) {
            assertThat(stream.get(index).revision()).isEqualTo(index);
            assertThat(stream.get(index).position()).isEqualTo(index + 1);
            assertThat(TestEvents.number(stream.get(index))).isEqualTo(index);
        }
        assertThat(stream.getLast().recordedAt()).isAfterOrEqualTo(stream.getFirst().recordedAt());
    }

    @Test
    void conflicts_in_a_copied_batch_name_the_current_revision_and_do_not_fail_the_other_appends() throws SQLException {
        store.append("busy", ExpectedRevision.any(), numbered(0, 3));
        List<PreparedAppend> batch = List.of(
                prepared("fresh", ExpectedRevision.noStream(), numbered(0, LARGE)),
                prepared("busy", ExpectedRevision.exactly(5), numbered(3, 1)),
                prepared("busy", ExpectedRevision.any(), numbered(3, 2)),
                prepared("fresh", ExpectedRevision.noStream(), numbered(0, 1)),
                prepared("busy", ExpectedRevision.exactly(4), numbered(5, 1)));

        List<AppendResult> results = inTransaction(connection -> new LogWriter(PostgresEventStore.NOTIFY_CHANNEL, 1)
                .writeAndCommit(connection, batch, Instant.now()));

        assertThat(results).containsExactly(
                new AppendResult.Appended(4, 3 + LARGE, LARGE - 1),
                new AppendResult.Conflict("busy", ExpectedRevision.exactly(5), 2),
                new AppendResult.Appended(4 + LARGE, 5 + LARGE, 4),
                new AppendResult.Conflict("fresh", ExpectedRevision.noStream(), LARGE - 1),
                new AppendResult.Appended(6 + LARGE, 6 + LARGE, 5));
        assertThat(store.readStream("busy", 0, ReadDirection.FORWARDS, 100)).extracting(TestEvents::number)
                .containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(store.headPosition()).isEqualTo(6 + LARGE);
    }

    @Test
    void a_copied_batch_that_writes_nothing_leaves_the_head_and_the_lock_alone() throws SQLException {
        store.append("busy", ExpectedRevision.any(), numbered(0, 1));
        List<AppendResult> results = inTransaction(connection -> new LogWriter(PostgresEventStore.NOTIFY_CHANNEL, 1)
                .writeAndCommit(connection, List.of(prepared("busy", ExpectedRevision.noStream(), numbered(1, LARGE))), Instant.now()));

        assertThat(results).containsExactly(new AppendResult.Conflict("busy", ExpectedRevision.noStream(), 0));
        assertThat(store.headPosition()).isEqualTo(1);
        assertThat(store.append("busy", ExpectedRevision.exactly(0), numbered(1, LARGE))).isInstanceOf(AppendResult.Appended.class);
    }

    @Test
    void a_refused_row_in_a_copied_batch_fails_only_its_own_append_and_is_not_an_unknown_commit() throws Exception {
        try (PoisonTrigger _ = PoisonTrigger.install(database.dataSource())) {
            appendThirtyLargeOneWithARefusedRow();
        }
    }

    private void appendThirtyLargeOneWithARefusedRow() throws Exception {
        int appends = 30;
        List<Future<AppendResult>> results = new ArrayList<>();
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int append = 0; append < appends; append++) {
                List<EventEnvelope> events = new ArrayList<>(numbered(0, LARGE));
                if (append == appends / 2) {
                    events.set(LARGE / 2, PoisonTrigger.event());
                }
                String stream = "large-" + append;
                results.add(writers.submit(() -> store.append(stream, ExpectedRevision.noStream(), events)));
            }
        }
        for (int index = 0; index < appends; index++) {
            if (index == appends / 2) {
                assertThatThrownBy(results.get(index)::get).cause().isInstanceOf(DatabaseException.class)
                        .hasMessageContaining("could not append").hasMessageNotContaining("unknown");
            } else {
                assertThat(results.get(index).get()).isInstanceOf(AppendResult.Appended.class);
            }
        }
        assertThat(store.readStream("large-" + appends / 2, 0, ReadDirection.FORWARDS, 10)).isEmpty();
        assertThat(store.headPosition()).isEqualTo((long) (appends - 1) * LARGE);
        assertThat(store.append("after", ExpectedRevision.noStream(), numbered(0, LARGE))).isInstanceOf(AppendResult.Appended.class);
    }

    @Test
    void a_commit_of_a_copied_batch_that_fails_is_reported_as_an_unknown_outcome_not_as_not_written() throws SQLException {
        // A deferred constraint trigger fails at COMMIT, after the rows were copied and the head moved:
        // the one failure the store cannot tell from a commit whose answer was lost.
        execute("""
                CREATE OR REPLACE FUNCTION test_refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.stream = 'refused-at-commit' THEN RAISE EXCEPTION 'refused at commit' USING ERRCODE = '23514'; END IF;
                    RETURN NULL;
                END $$""");
        execute("CREATE CONSTRAINT TRIGGER test_refuse_at_commit AFTER INSERT ON store_event DEFERRABLE INITIALLY DEFERRED "
                + "FOR EACH ROW EXECUTE FUNCTION test_refuse_at_commit()");
        try {
            assertThatThrownBy(() -> store.append("refused-at-commit", ExpectedRevision.noStream(), numbered(0, LARGE)))
                    .isInstanceOf(DatabaseException.class).hasMessageContaining("outcome is unknown");
            assertThat(store.headPosition()).as("the server rolled it back").isZero();
        } finally {
            execute("DROP TRIGGER test_refuse_at_commit ON store_event");
        }
        assertThat(store.append("after", ExpectedRevision.noStream(), numbered(0, LARGE))).isEqualTo(
                new AppendResult.Appended(1, LARGE, LARGE - 1));
    }

    @Test
    void a_large_append_in_a_unit_of_work_commits_or_rolls_back_with_the_callers_rows() throws SQLException {
        execute("CREATE TABLE command_row (id text PRIMARY KEY)");
        assertThatThrownBy(() -> database.transactions().inTransaction(connection -> {
            execute(connection, "INSERT INTO command_row VALUES ('rolled-back')");
            assertThat(store.append(connection, "s", ExpectedRevision.noStream(), numbered(0, LARGE)))
                    .isInstanceOf(AppendResult.Appended.class);
            throw new IllegalStateException("the command failed after appending");
        })).hasMessageContaining("the command failed");
        assertThat(store.headPosition()).isZero();
        assertThat(store.readStream("s", 0, ReadDirection.FORWARDS, 10)).isEmpty();

        AppendResult committed = database.transactions().inTransaction(connection -> {
            execute(connection, "INSERT INTO command_row VALUES ('committed')");
            return store.append(connection, "s", ExpectedRevision.noStream(), numbered(0, LARGE));
        });

        assertThat(committed).isEqualTo(new AppendResult.Appended(1, LARGE, LARGE - 1));
        assertThat(store.readStream("s", 0, ReadDirection.FORWARDS, 1_000)).hasSize(LARGE);
    }

    @Test
    void a_copied_batch_notifies_the_log_channel_with_its_last_position() throws Exception {
        try (Connection listener = database.dataSource().getConnection(); Statement statement = listener.createStatement()) {
            statement.execute("LISTEN " + PostgresEventStore.NOTIFY_CHANNEL);
            try {
                statement.execute("SELECT 1");
                listener.unwrap(PGConnection.class).getNotifications(); // left by other tests on this pooled connection
                store.append("a", ExpectedRevision.any(), numbered(0, LARGE));

                PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(10_000);

                assertThat(notifications).extracting(PGNotification::getParameter).containsExactly(Integer.toString(LARGE));
            } finally {
                statement.execute("UNLISTEN " + PostgresEventStore.NOTIFY_CHANNEL);
            }
        }
    }

    private static EventEnvelope unusual(Instant time, String subject, Map<String, String> metadata) {
        return new EventEnvelope(UUID.randomUUID(), "test.unusual", "payrail/test", subject, time,
                TestEvents.json("{\"text\": \"tab\\t quote\\\" backslash\\\\ ✓\", \"nested\": {\"list\": [1, 2.5, null, true]}}"),
                3, subject == null ? null : "trace-1", null, "correlation-1", subject == null ? null : "tenant-1", metadata);
    }

    private PreparedAppend prepared(String stream, ExpectedRevision expected, List<EventEnvelope> events) {
        return ((AppendValidator.Ready) validator.check(stream, expected, events)).append();
    }

    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            return work.apply(connection);
        }
    }

    private List<List<String>> rows(String stream) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(ROW_SQL)) {
            statement.setString(1, stream);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        row.add(result.getString(column));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            execute(connection, sql);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
