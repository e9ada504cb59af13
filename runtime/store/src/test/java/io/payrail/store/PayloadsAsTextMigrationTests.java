package io.payrail.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migration V3 turns the payload columns from json into text. Rows written while they were json must
 * read back unchanged afterwards, byte for byte.
 */
class PayloadsAsTextMigrationTests {
    private static final String V3 = "db/migration/store/V3__payloads_as_text.sql";
    private static final String OLD_DATA = "{\"amountMinor\" :  125, \"note\": \"caf\u00e9 \\\"x\\\"\", \"items\": [1, 2.50, null]}";

    private TestDatabase database;

    @BeforeEach
    void start() {
        database = StoreDatabases.empty();
    }

    @AfterEach
    void restoreTextColumns() throws SQLException, IOException {
        execute(migrationV3()); // a no-op when the columns are text already
    }

    @Test
    void an_event_written_while_payloads_were_json_reads_back_unchanged_after_the_migration() throws Exception {
        execute("ALTER TABLE store_event ALTER COLUMN data TYPE json USING data::json, "
                + "ALTER COLUMN metadata TYPE json USING metadata::json");
        execute("INSERT INTO store_event (position, stream, revision, event_id, type, source, subject, time, schema_version, "
                + "metadata, data, recorded_at) VALUES (1, 'old', 0, 'd0f6f1b6-8d8e-4d47-9d4c-6f2b0a1c1e01', 'test.old', "
                + "'payrail/test', null, '2026-01-01T10:00:00Z', 1, '{\"origin\":\"before-v3\"}', '" + OLD_DATA.replace("'", "''")
                + "', '2026-01-01T10:00:00Z')");
        execute("UPDATE store_log_head SET position = 1");

        execute(migrationV3());

        assertThat(storedData()).isEqualTo(OLD_DATA);
        try (PostgresEventStore store = new PostgresEventStore(database.dataSource(), Clock.systemUTC())) {
            RecordedEvent old = store.readStream("old", 0, ReadDirection.FORWARDS, 10).getFirst();
            assertThat(old.envelope().data()).isEqualTo(TestEvents.json(OLD_DATA));
            assertThat(old.envelope().metadata()).isEqualTo(Map.of("origin", "before-v3"));
            assertThat(store.append("old", ExpectedRevision.exactly(0), TestEvents.numbered(1, 1)))
                    .isInstanceOf(AppendResult.Appended.class);
            assertThat(store.readLog(0, 10)).extracting(RecordedEvent::revision).isEqualTo(List.of(0L, 1L));
        }
    }

    private String storedData() throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT data FROM store_event WHERE stream = 'old'")) {
            row.next();
            return row.getString(1);
        }
    }

    private static String migrationV3() throws IOException {
        try (InputStream in = PayloadsAsTextMigrationTests.class.getClassLoader().getResourceAsStream(V3)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
