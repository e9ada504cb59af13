package io.payrail.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTests {

    @Test
    void a_restart_on_the_same_data_directory_keeps_every_committed_row(@TempDir Path directory) throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0);
                HikariDataSource pool = Database.pool(server.jdbcUrl("postgres"), 1);
                Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (value bigint)");
            statement.execute("INSERT INTO kept VALUES (42)");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0);
                HikariDataSource pool = Database.pool(server.jdbcUrl("postgres"), 1);
                Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT value FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(42);
            assertThat(server.dataDirectory()).isEqualTo(directory);
        }
    }
}
