package io.payrail.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class DurableSettingsTests {

    @Test
    void embedded_postgres_runs_with_fsync_and_synchronous_commit_on() {
        try (TestDatabase test = TestDatabase.create("platform")) {
            assertThat(test.database().setting("fsync")).isEqualTo("on");
            assertThat(test.database().setting("synchronous_commit")).isEqualTo("on");
            assertThat(test.database().setting("full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void embedded_postgres_backends_ask_for_write_back_as_they_write() {
        try (TestDatabase test = TestDatabase.create("platform")) {
            assertThat(test.database().setting("backend_flush_after")).isEqualTo("256kB");
        }
    }

    @Test
    void a_transaction_that_throws_leaves_nothing_behind() {
        try (TestDatabase test = TestDatabase.create("platform")) {
            Transactions transactions = test.transactions();
            try {
                transactions.inTransaction(connection -> {
                    connection.createStatement().execute(
                            "INSERT INTO lease (name, holder, epoch, expires_at) VALUES ('x', 'node', 1, now())");
                    throw new IllegalStateException("fail after the insert");
                });
            } catch (IllegalStateException expected) {
                assertThat(expected).hasMessage("fail after the insert");
            }
            long rows = transactions.read(connection -> {
                var result = connection.createStatement().executeQuery("SELECT count(*) FROM lease");
                result.next();
                return result.getLong(1);
            });
            assertThat(rows).isZero();
        }
    }

    @Test
    void extra_settings_cannot_turn_durability_off() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedPostgresServer.start(
                java.nio.file.Path.of("never-created"), 0, java.util.Map.of("synchronous_commit", "off")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("synchronous_commit");
    }

    @Test
    void extra_settings_apply_on_top_of_the_durable_ones(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0, java.util.Map.of("checkpoint_timeout", "30s"));
                Database database = Database.onServer(server, "postgres", 1)) {
            assertThat(Checkpoints.checkpointTimeout(database.dataSource())).isEqualTo(java.time.Duration.ofSeconds(30));
            assertThat(database.setting("synchronous_commit")).isEqualTo("on");
        }
    }
}
