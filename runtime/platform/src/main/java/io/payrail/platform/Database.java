package io.payrail.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The database Payrail runs on: an external PostgreSQL named by {@code PAYRAIL_DATABASE_URL}, or the
 * embedded one whose data lives under {@code .payrail/postgres}. Owns the connection pool.
 */
public final class Database implements AutoCloseable {
    public static final String URL_VARIABLE = "PAYRAIL_DATABASE_URL";
    public static final int POOL_SIZE_DEFAULT = 32;

    private final HikariDataSource dataSource;
    private final EmbeddedPostgresServer embedded;
    private final String description;

    private Database(HikariDataSource dataSource, EmbeddedPostgresServer embedded, String description) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.description = description;
    }

    /** Opens the external database when {@code jdbcUrl} is given, else starts the embedded one. */
    public static Database open(String jdbcUrl, Path embeddedDataDirectory, int poolSize) {
        if (jdbcUrl != null && !jdbcUrl.isBlank()) {
            Check.argument(jdbcUrl.startsWith("jdbc:postgresql:"),
                    "%s must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), got a URL starting %s",
                    URL_VARIABLE, jdbcUrl.substring(0, Math.min(16, jdbcUrl.length())));
            return new Database(pool(jdbcUrl, poolSize), null, "external PostgreSQL");
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(embeddedDataDirectory, 0);
        try {
            return new Database(pool(server.jdbcUrl("postgres"), poolSize), server,
                    "embedded PostgreSQL on port " + server.port() + ", data in " + embeddedDataDirectory);
        } catch (RuntimeException failure) {
            server.close();
            throw failure;
        }
    }

    /** Wraps an existing server (tests). */
    public static Database onServer(EmbeddedPostgresServer server, String databaseName, int poolSize) {
        return new Database(pool(server.jdbcUrl(databaseName), poolSize), null, "PostgreSQL database " + databaseName);
    }

    public static HikariDataSource pool(String jdbcUrl, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(4, poolSize));
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        config.setPoolName("payrail");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return new HikariDataSource(config);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Transactions transactions() {
        return new Transactions(dataSource);
    }

    public String description() {
        return description;
    }

    /** The server's {@code synchronous_commit} as it runs now; benches print it. */
    public String setting(String name) {
        Check.argument(name.matches("[a-z_]+"), "setting name must be lowercase letters and underscores: %s", name);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException failure) {
            throw new DatabaseException("could not read setting " + name, failure);
        }
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
