package io.payrail.app;

import io.payrail.platform.Database;
import io.payrail.platform.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Finds the database a command should use. {@code PAYRAIL_DATABASE_URL} wins; otherwise the embedded
 * PostgreSQL whose data lives in {@code .payrail/postgres}. A running {@code payrail run} owns that
 * server, so other commands connect to it instead of starting a second one on the same data.
 */
public final class LocalDatabase {
    /** Every module with migrations, in dependency order. */
    public static final List<String> MODULES = List.of("platform", "store", "bus", "queue", "function", "http", "ledger", "bank");
    static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private LocalDatabase() {}

    public static Path home() {
        return Path.of(System.getProperty("payrail.home", ".")).toAbsolutePath().normalize();
    }

    public static Path dataDirectory() {
        return home().resolve(".payrail").resolve("postgres");
    }

    /** The modules whose migrations are on the class path (a module may have no tables). */
    public static List<String> migratedModules() {
        ClassLoader loader = LocalDatabase.class.getClassLoader();
        return MODULES.stream().filter(module -> loader.getResource("db/migration/" + module) != null).toList();
    }

    /** Opens the database for a short command and applies pending migrations. */
    public static Database openForCommand(int poolSize) {
        String url = System.getenv(Database.URL_VARIABLE);
        Database database;
        if (url != null && !url.isBlank()) {
            database = Database.open(url, null, poolSize);
        } else {
            Optional<Integer> runningPort = runningServerPort(dataDirectory());
            database = runningPort.isPresent()
                    ? Database.open("jdbc:postgresql://localhost:" + runningPort.get() + "/postgres?user=postgres", null, poolSize)
                    : Database.open(null, dataDirectory(), poolSize);
        }
        Migrations.apply(database.dataSource(), migratedModules());
        return database;
    }

    /**
     * Opens the database for {@code payrail run}: takes the run lock (one run per home), stops a
     * server orphaned by a run that was killed, then starts the embedded server on the same data.
     */
    public static Database openForRun(int poolSize) {
        String url = System.getenv(Database.URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return Database.open(url, null, poolSize);
        }
        takeRunLock();
        stopOrphanedServer(dataDirectory());
        return Database.open(null, dataDirectory(), poolSize);
    }

    private static FileLock runLock;

    private static synchronized void takeRunLock() {
        try {
            Path lockPath = home().resolve(".payrail").resolve("run.lock");
            Files.createDirectories(lockPath.getParent());
            FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            runLock = channel.tryLock();
            if (runLock == null) {
                channel.close();
                throw new IllegalArgumentException("Payrail is already running from " + home()
                        + " (another 'payrail run' holds .payrail/run.lock)");
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("could not take .payrail/run.lock", failure);
        }
    }

    /** The port of a live server on this data directory, read from PostgreSQL's postmaster.pid. */
    static Optional<Integer> runningServerPort(Path dataDirectory) {
        return postmaster(dataDirectory).filter(info -> ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false))
                .map(PostmasterInfo::port);
    }

    private static void stopOrphanedServer(Path dataDirectory) {
        Optional<PostmasterInfo> info = postmaster(dataDirectory);
        if (info.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(info.get().pid());
        if (process.isEmpty() || !process.get().isAlive()) {
            return;
        }
        // SIGTERM asks PostgreSQL for a smart shutdown: it checkpoints and exits, losing nothing.
        process.get().destroy();
        try {
            process.get().onExit().get(ORPHAN_STOP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the orphaned PostgreSQL", interrupted);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException failure) {
            throw new IllegalStateException("a PostgreSQL left by an earlier run (pid " + info.get().pid()
                    + ") did not stop within " + ORPHAN_STOP_WAIT.toSeconds() + " s", failure);
        }
    }

    record PostmasterInfo(long pid, int port) {}

    static Optional<PostmasterInfo> postmaster(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            return Optional.of(new PostmasterInfo(Long.parseLong(lines.get(0).trim()), Integer.parseInt(lines.get(3).trim())));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }
}
