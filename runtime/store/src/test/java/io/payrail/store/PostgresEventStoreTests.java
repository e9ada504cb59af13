package io.payrail.store;

import io.payrail.platform.testing.MutableClock;
import static io.payrail.store.TestEvents.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.DatabaseException;
import io.payrail.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

class PostgresEventStoreTests {
    private TestDatabase database;
    private MutableClock clock;
    private PostgresEventStore store;

    @BeforeEach
    void start() {
        database = StoreDatabases.empty();
        clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        store = new PostgresEventStore(database.dataSource(), clock);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void appended_events_are_read_back_from_their_stream_forwards_and_backwards() {
        AppendResult result = store.append("payment-1", ExpectedRevision.noStream(), numbered(0, 3));

        assertThat(result).isEqualTo(new AppendResult.Appended(1, 3, 2));
        List<RecordedEvent> forwards = store.readStream("payment-1", 0, ReadDirection.FORWARDS, 10);
        assertThat(forwards).extracting(RecordedEvent::revision).containsExactly(0L, 1L, 2L);
        assertThat(forwards).extracting(TestEvents::number).containsExactly(0, 1, 2);
        List<RecordedEvent> backwards = store.readStream("payment-1", 1, ReadDirection.BACKWARDS, 10);
        assertThat(backwards).extracting(RecordedEvent::revision).containsExactly(1L, 0L);
    }

    @Test
    void an_event_comes_back_with_every_attribute_it_was_appended_with() {
        EventEnvelope event = TestEvents.numbered(7);
        store.append("payment-1", ExpectedRevision.any(), List.of(event));

        RecordedEvent recorded = store.readLog(0, 1).getFirst();

        assertThat(recorded.envelope()).isEqualTo(event);
        assertThat(recorded.stream()).isEqualTo("payment-1");
        assertThat(recorded.recordedAt()).isEqualTo(clock.instant());
    }

    @Test
    void a_stale_expected_revision_is_a_conflict_naming_the_current_revision_and_writes_nothing() {
        store.append("payment-1", ExpectedRevision.noStream(), numbered(0, 2));

        AppendResult result = store.append("payment-1", ExpectedRevision.exactly(0), numbered(2, 1));

        assertThat(result).isEqualTo(new AppendResult.Conflict("payment-1", ExpectedRevision.exactly(0), 1));
        assertThat(store.readStream("payment-1", 0, ReadDirection.FORWARDS, 10)).hasSize(2);
        assertThat(store.headPosition()).isEqualTo(2);
    }

    @Test
    void no_stream_is_a_conflict_once_the_stream_exists_and_exact_revision_is_one_before_it_is_created() {
        store.append("payment-1", ExpectedRevision.noStream(), numbered(0, 1));

        assertThat(store.append("payment-1", ExpectedRevision.noStream(), numbered(1, 1)))
                .isEqualTo(new AppendResult.Conflict("payment-1", ExpectedRevision.noStream(), 0));
        assertThat(store.append("payment-2", ExpectedRevision.exactly(0), numbered(1, 1)))
                .isEqualTo(new AppendResult.Conflict("payment-2", ExpectedRevision.exactly(0), -1));
        assertThat(store.append("payment-1", ExpectedRevision.exactly(0), numbered(1, 1)))
                .isEqualTo(new AppendResult.Appended(2, 2, 1));
    }

    @Test
    void the_log_holds_every_stream_in_one_contiguous_order() {
        store.append("a", ExpectedRevision.any(), numbered(0, 2));
        store.append("b", ExpectedRevision.any(), numbered(2, 2));
        store.append("a", ExpectedRevision.any(), numbered(4, 1));

        List<RecordedEvent> log = store.readLog(0, 100);

        assertThat(log).extracting(RecordedEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(log).extracting(RecordedEvent::stream).containsExactly("a", "a", "b", "b", "a");
        assertThat(store.readLog(3, 100)).extracting(RecordedEvent::position).containsExactly(4L, 5L);
        assertThat(store.headPosition()).isEqualTo(5);
    }

    @Test
    void every_read_is_bounded_by_the_read_limit_max() {
        store.append("big", ExpectedRevision.any(), numbered(0, EventStore.APPEND_EVENTS_MAX));
        store.append("big", ExpectedRevision.any(), numbered(0, 5));

        assertThat(store.readLog(0, Integer.MAX_VALUE)).hasSize(EventStore.READ_LIMIT_MAX);
        assertThat(store.readStream("big", 0, ReadDirection.FORWARDS, Integer.MAX_VALUE)).hasSize(EventStore.READ_LIMIT_MAX);
        assertThatThrownBy(() -> store.readLog(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void position_before_a_time_is_just_before_the_first_event_recorded_at_or_after_it() {
        store.append("a", ExpectedRevision.any(), numbered(0, 2));
        clock.advance(Duration.ofMinutes(10));
        Instant later = clock.instant();
        store.append("a", ExpectedRevision.any(), numbered(2, 3));

        assertThat(store.positionBefore(Instant.EPOCH)).isZero();
        assertThat(store.positionBefore(Instant.MIN)).isZero();
        assertThat(store.positionBefore(Instant.MAX)).as("a time after every event").isEqualTo(5);
        assertThat(store.positionBefore(later)).isEqualTo(2);
        assertThat(store.positionBefore(later.minusSeconds(1))).isEqualTo(2);
        assertThat(store.positionBefore(later.plusSeconds(1))).isEqualTo(5);
    }

    @Test
    void recorded_at_never_goes_backwards_along_the_log_even_when_the_clock_does() {
        store.append("a", ExpectedRevision.any(), numbered(0, 1));
        clock.advance(Duration.ofMinutes(-5));
        store.append("a", ExpectedRevision.any(), numbered(1, 1));

        List<RecordedEvent> log = store.readLog(0, 10);

        assertThat(log.get(1).recordedAt()).isEqualTo(log.get(0).recordedAt());
    }

    @Test
    void every_appending_transaction_notifies_the_log_channel_with_its_last_position() throws Exception {
        try (Connection listener = database.dataSource().getConnection(); Statement statement = listener.createStatement()) {
            statement.execute("LISTEN " + PostgresEventStore.NOTIFY_CHANNEL);
            store.append("a", ExpectedRevision.any(), numbered(0, 3));

            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(10_000);

            assertThat(notifications).extracting(PGNotification::getParameter).containsExactly("3");
        }
    }

    @Test
    void bad_arguments_are_refused_with_the_bad_value_in_the_message() {
        assertThatThrownBy(() -> store.append(" ", ExpectedRevision.any(), numbered(0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream name");
        assertThatThrownBy(() -> store.append("a", ExpectedRevision.any(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> store.append("a", ExpectedRevision.exactly(-3), numbered(0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-3");
        assertThatThrownBy(() -> store.readStream("a", -1, ReadDirection.FORWARDS, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThat(store.headPosition()).isZero();
    }

    @Test
    void an_unreachable_database_is_a_database_exception_with_a_clear_message() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://localhost:1/nothing?connectTimeout=2");
        try (PostgresEventStore unreachable = new PostgresEventStore(nowhere, clock)) {
            assertThatThrownBy(() -> unreachable.append("a", ExpectedRevision.any(), numbered(0, 1)))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("could not append to the database")
                    .hasMessageContaining("Connection to localhost:1 refused");
            assertThatThrownBy(() -> unreachable.readLog(0, 10))
                    .isInstanceOf(DatabaseException.class).hasMessageContaining("could not read the log");
        }
    }
}
