package io.payrail.store.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class FloorBenchTests {
    @Test
    void a_short_floor_run_reports_its_four_figures_with_durable_commits_and_drops_its_table() throws SQLException {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (TestDatabase database = TestDatabase.create("platform", "store")) {
            LinkedHashMap<String, String> results = FloorBench.run(database.database(), new FloorBench.Options(3, 7, 50, 1),
                    new PrintStream(progress, true, StandardCharsets.UTF_8));

            assertThat(results.get("synchronous_commit")).isEqualTo("on");
            assertThat(Long.parseLong(results.get("floor_one_per_commit_events_per_second"))).isPositive();
            assertThat(Long.parseLong(results.get("floor_grouped_events_per_second"))).isPositive();
            assertThat(Long.parseLong(results.get("floor_grouped_two_connections_events_per_second"))).isPositive();
            assertThat(Long.parseLong(results.get("floor_copy_batch_7_events_per_second"))).isPositive();
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("floor_grouped_events_per_second=");
            try (Connection connection = database.database().dataSource().getConnection();
                 ResultSet table = connection.createStatement().executeQuery(
                         "SELECT to_regclass('" + FloorBench.TABLE + "') IS NULL, to_regclass('store_event') IS NOT NULL")) {
                table.next();
                assertThat(table.getBoolean(1)).as("the floor table is gone").isTrue();
                assertThat(table.getBoolean(2)).as("the store's table is untouched").isTrue();
            }
        }
    }

    @Test
    void copied_rows_come_back_exactly_even_with_what_a_text_copy_would_misread() throws SQLException {
        String awkward = "a\\b\tc\nd\re \\N é";
        try (TestDatabase database = TestDatabase.create("platform", "store");
             Connection connection = database.database().dataSource().getConnection()) {
            connection.createStatement().execute("CREATE TABLE floor_copy_check (LIKE store_event INCLUDING ALL);"
                    + "CREATE SEQUENCE floor_copy_check_position; ALTER TABLE floor_copy_check ALTER COLUMN position "
                    + "SET DEFAULT nextval('floor_copy_check_position')");
            FloorRows rows = new FloorRows(new String[] {awkward}, 1);
            java.util.SplittableRandom random = new java.util.SplittableRandom(3);
            java.util.List<FloorRows.Row> batch = java.util.List.of(rows.next(random), rows.next(random), rows.next(random));

            assertThat(FloorRows.copy(connection, "floor_copy_check", batch)).isEqualTo(3);

            try (ResultSet stored = connection.createStatement().executeQuery(
                    "SELECT data, revision, event_id, time FROM floor_copy_check ORDER BY position")) {
                for (FloorRows.Row row : batch) {
                    assertThat(stored.next()).isTrue();
                    assertThat(stored.getString(1)).isEqualTo(awkward);
                    assertThat(stored.getLong(2)).isEqualTo(row.revision());
                    assertThat(stored.getObject(3, java.util.UUID.class)).isEqualTo(row.eventId());
                    assertThat(stored.getTimestamp(4).toInstant()).isEqualTo(java.time.Instant.parse(FloorRows.TIME));
                }
                assertThat(stored.next()).isFalse();
            }
        }
    }

    @Test
    void bad_options_are_refused_with_the_bad_value() {
        assertThatThrownBy(() -> new FloorBench.Options(0, 100, 10_000, 60))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writers must be 1..256, got 0");
        assertThatThrownBy(() -> new FloorBench.Options(16, 1_001, 10_000, 60))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch size must be 1..1000, got 1001");
    }
}
