package io.payrail.platform.testing;

import io.payrail.platform.Database;
import io.payrail.platform.EmbeddedPostgresServer;
import io.payrail.platform.Migrations;
import io.payrail.platform.Transactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL per test JVM, and a fresh database on it for each caller, so test classes
 * never see each other's rows. The server runs with Payrail's durable settings, as production does.
 */
public final class TestDatabase implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgresServer server;

    private final Database database;
    private final String name;

    private TestDatabase(Database database, String name) {
        this.database = database;
        this.name = name;
    }

    /** A new, empty database with the named modules' migrations applied. */
    public static TestDatabase create(String... modules) {
        EmbeddedPostgresServer running = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection connection = Database.pool(running.jdbcUrl("postgres"), 1).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException failure) {
            throw new IllegalStateException("could not create test database " + name, failure);
        }
        Database database = Database.onServer(running, name, 24);
        Migrations.apply(database.dataSource(), List.of(modules));
        return new TestDatabase(database, name);
    }

    /** The shared server, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            try {
                Path directory = Files.createTempDirectory("payrail-test-postgres");
                server = EmbeddedPostgresServer.start(directory, 0);
                EmbeddedPostgresServer started = server;
                // Each test JVM's server holds hundreds of MB: stop it and remove its files on exit.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    deleteRecursively(directory);
                }));
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }
        return server;
    }

    private static void deleteRecursively(Path directory) {
        try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException leftBehind) {
            // A directory left in the temporary folder is harmless to the tests that ran.
        }
    }

    public Database database() {
        return database;
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    public Transactions transactions() {
        return database.transactions();
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server().jdbcUrl(name);
    }

    @Override
    public void close() {
        database.close();
    }
}
