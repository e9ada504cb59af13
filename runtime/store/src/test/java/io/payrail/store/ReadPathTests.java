package io.payrail.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.MutableClock;
import io.payrail.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read path: binary results, payload bytes parsed as UTF-8, the same answer on every use of a connection. */
class ReadPathTests {
    private TestDatabase database;
    private PostgresEventStore store;

    @BeforeEach
    void start() {
        database = StoreDatabases.empty();
        store = new PostgresEventStore(database.dataSource(), new MutableClock(Instant.parse("2026-03-01T09:00:00.123456Z")));
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void non_ascii_payloads_metadata_and_microsecond_times_come_back_exactly() {
        EventEnvelope sent = new EventEnvelope(UUID.randomUUID(), "test.read", "payrail/test", "Zürich-1",
                Instant.parse("2026-02-03T04:05:06.789012Z"),
                TestEvents.json("{\"memo\": \"Grüße, ¥ 100 — 支払い 💶\", \"amountMinor\": 9007199254740993, \"lines\": [{\"n\": 1}]}"),
                1, "trace-1", "cause-1", "correlation-1", "tenant-ü", Map.of("note", "naïve ✓", "empty", ""));
        store.append("stream-ü", ExpectedRevision.noStream(), List.of(sent));

        RecordedEvent read = store.readLog(0, 10).getFirst();

        assertThat(read.envelope()).isEqualTo(sent);
        assertThat(read.envelope().data().get("amountMinor").asLong()).isEqualTo(9_007_199_254_740_993L);
        assertThat(read.recordedAt()).isEqualTo(Instant.parse("2026-03-01T09:00:00.123456Z"));
        assertThat(read.stream()).isEqualTo("stream-ü");
    }

    @Test
    void a_connection_gives_the_same_events_on_its_first_read_and_after_its_statement_is_server_prepared() throws Exception {
        store.append("stream-1", ExpectedRevision.noStream(), TestEvents.numbered(0, 20));
        // One connection in the pool at a time would be ideal; reading many times on all of them covers
        // each connection's first (describe) and later (cached, prepared) executions.
        List<RecordedEvent> first = store.readLog(0, 100);
        for (int read = 0; read < 30; read++) {
            assertThat(store.readLog(0, 100)).isEqualTo(first);
            assertThat(store.readStream("stream-1", 0, ReadDirection.FORWARDS, 100)).isEqualTo(first);
        }
        assertThat(first).extracting(RecordedEvent::position).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void stored_data_that_is_not_an_object_of_strings_as_metadata_fails_loudly_naming_the_column() throws Exception {
        store.append("stream-1", ExpectedRevision.noStream(), TestEvents.numbered(0, 1));
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE store_event SET metadata = '{\"n\": {\"nested\": 1}}'");
        }

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.readLog(0, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("stored event metadata is not a JSON object of strings");
    }
}
