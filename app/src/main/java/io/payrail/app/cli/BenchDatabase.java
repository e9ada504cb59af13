package io.payrail.app.cli;

import io.payrail.app.LocalDatabase;
import io.payrail.platform.Database;
import io.payrail.platform.EmbeddedPostgresServer;
import io.payrail.platform.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The database a bench runs on: {@code PAYRAIL_DATABASE_URL} when set, else a throwaway embedded
 * PostgreSQL in a temporary directory (same durable settings as production), so bench data never
 * lands in {@code .payrail/postgres}.
 */
final class BenchDatabase implements AutoCloseable {
    private final Database database;
    private final EmbeddedPostgresServer server;
    private final Path directory;
    private final String jdbcUrl;

    private BenchDatabase(Database database, EmbeddedPostgresServer server, Path directory, String jdbcUrl) {
        this.database = database;
        this.server = server;
        this.directory = directory;
        this.jdbcUrl = jdbcUrl;
    }

    static BenchDatabase open(int poolSize) {
        return open(poolSize, Map.of());
    }

    /** With server settings for the bench, on the throwaway embedded server only: an external database keeps its own. */
    static BenchDatabase open(int poolSize, Map<String, String> embeddedSettings) {
        String url = System.getenv(Database.URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            Database external = Database.open(url, null, poolSize);
            Migrations.apply(external.dataSource(), LocalDatabase.migratedModules());
            return new BenchDatabase(external, null, null, url);
        }
        try {
            Path directory = Files.createTempDirectory("payrail-bench-postgres");
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0, embeddedSettings);
            Database database = Database.onServer(server, "postgres", poolSize);
            Migrations.apply(database.dataSource(), LocalDatabase.migratedModules());
            return new BenchDatabase(database, server, directory, server.jdbcUrl("postgres"));
        } catch (IOException failure) {
            throw new UncheckedIOException("could not make a directory for the bench database", failure);
        }
    }

    Database database() {
        return database;
    }

    /** For a process the bench starts, so that it works on the same database. */
    String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void close() {
        database.close();
        if (server != null) {
            server.close();
            deleteQuietly(directory);
        }
    }

    static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary directory is harmless; the figures were already printed.
        }
    }
}
