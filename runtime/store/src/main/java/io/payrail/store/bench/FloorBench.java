package io.payrail.store.bench;

// Backs `payrail bench floor` (--writers W --batch B --streams S --duration N).

import io.payrail.platform.Check;
import io.payrail.platform.Checkpoints;
import io.payrail.platform.Database;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What this machine's PostgreSQL can do with no event store in the way: the store's own rows (a table
 * made {@code LIKE store_event INCLUDING ALL}, so the same columns, constraints and indexes, and the
 * bench's ~1 KiB payloads built once beforehand) written by W writers with durable commits, with no
 * log lock, no ordering, no revision check, no schema validation and no envelope to build. Each
 * figure is the most any event store could reach on this machine in the same shape:
 *
 * <ul>
 *   <li>one event per commit, W connections: what PostgreSQL's own group commit gives;</li>
 *   <li>W events per commit on one connection: a group commit that holds every one of W
 *       one-at-a-time writers and spends nothing between commits (the store's best case);</li>
 *   <li>W/2 events per commit on each of two connections at once: the same writers in two
 *       overlapping commits, which only a log that does not order commits by a lock could do;</li>
 *   <li>W connections copying B events per commit at once: batches with nothing serialized.</li>
 * </ul>
 *
 * <p>Set against {@code payrail bench events}, it tells the store's own cost from the machine's.
 */
public final class FloorBench {
    static final String TABLE = "bench_floor_event";
    private static final String SEQUENCE = "bench_floor_position";

    private FloorBench() {}

    /**
     * @param writers          connections (figures 1 and 3) and events per commit (figure 2)
     * @param batchSize        events per commit in the copy figure
     * @param streams          how many streams the events are spread over
     * @param durationSeconds  how long each figure is measured
     */
    public record Options(int writers, int batchSize, int streams, int durationSeconds) {
        public static final int WRITERS_MAX = 256;
        public static final int BATCH_MAX = 1_000;

        public Options {
            Check.argument(writers >= 1 && writers <= WRITERS_MAX, "writers must be 1..%d, got %d", WRITERS_MAX, writers);
            Check.argument(batchSize >= 1 && batchSize <= BATCH_MAX, "batch size must be 1..%d, got %d", BATCH_MAX, batchSize);
            Check.argument(streams >= 1 && streams <= 10_000_000, "streams must be 1..10000000, got %d", streams);
            Check.argument(durationSeconds >= 1 && durationSeconds <= 3_600, "seconds must be 1..3600, got %d", durationSeconds);
        }

        public static Options defaults() {
            return new Options(16, 100, 10_000, 60);
        }
    }

    public static LinkedHashMap<String, String> run(Database database, Options options, PrintStream progress) {
        LinkedHashMap<String, String> results = new LinkedHashMap<>();
        results.put("synchronous_commit", database.setting("synchronous_commit"));
        FloorRows rows = new FloorRows(payloads(), options.streams());
        createTable(database);
        RuntimeException failure = null;
        try {
            FloorWriters writers = new FloorWriters(database, rows, options);
            writers.warmUp();
            progress.printf("floor: %d connections, one event per commit, for %d s%n", options.writers(), options.durationSeconds());
            results.put("floor_one_per_commit_events_per_second", format(spanningCheckpoint(database, options, writers::onePerCommit)));
            progress.printf("floor: one connection, %d events per commit, for %d s%n", options.writers(), options.durationSeconds());
            results.put("floor_grouped_events_per_second", format(spanningCheckpoint(database, options, writers::grouped)));
            progress.printf("floor: two connections, %d events per commit each, for %d s%n", Math.max(1, options.writers() / 2),
                    options.durationSeconds());
            results.put("floor_grouped_two_connections_events_per_second",
                    format(spanningCheckpoint(database, options, writers::groupedOnTwoConnections)));
            progress.printf("floor: %d connections copying %d events per commit, for %d s%n", options.writers(),
                    options.batchSize(), options.durationSeconds());
            results.put("floor_copy_batch_" + options.batchSize() + "_events_per_second",
                    format(spanningCheckpoint(database, options, writers::copied)));
            long stored = countRows(database);
            Check.that(stored == writers.committed(), "the floor bench counted %d committed events but the table holds %d",
                    writers.committed(), stored);
        } catch (RuntimeException thrown) {
            failure = thrown;
            throw thrown;
        } finally {
            dropTable(database, failure);
        }
        results.put("writers", Integer.toString(options.writers()));
        results.put("streams", Integer.toString(options.streams()));
        results.put("seconds_per_figure", Integer.toString(options.durationSeconds()));
        results.forEach((key, value) -> progress.println(key + "=" + value));
        return results;
    }

    /** How many distinct payloads are built beforehand and used in turn. */
    private static final int PAYLOADS = 1_024;

    private static String[] payloads() {
        SplittableRandom random = new SplittableRandom(42);
        java.time.Instant time = java.time.Instant.EPOCH.plusSeconds(1_800_000_000L);
        String[] payloads = new String[PAYLOADS];
        for (int index = 0; index < PAYLOADS; index++) {
            // JsonNode.toString() writes the node as JSON, as the store does with Jackson.
            payloads[index] = BenchEvents.event(random, time).data().toString();
        }
        return payloads;
    }

    private static double spanningCheckpoint(Database database, Options options, java.util.function.DoubleSupplier figure) {
        Checkpoints.Request checkpoint = Checkpoints.spanning(database.dataSource(), Duration.ZERO,
                Duration.ofSeconds(options.durationSeconds()));
        try {
            return figure.getAsDouble();
        } finally {
            checkpoint.close();
        }
    }

    private static void createTable(Database database) {
        execute(database, "DROP TABLE IF EXISTS " + TABLE + "; DROP SEQUENCE IF EXISTS " + SEQUENCE + ";"
                + "CREATE SEQUENCE " + SEQUENCE + " CACHE 1000;"
                + "CREATE TABLE " + TABLE + " (LIKE store_event INCLUDING ALL);"
                + "ALTER TABLE " + TABLE + " ALTER COLUMN position SET DEFAULT nextval('" + SEQUENCE + "')", "set up its table");
    }

    /** Drops the table; when the bench already failed, a failure to drop is added to that one, not thrown over it. */
    private static void dropTable(Database database, RuntimeException benchFailure) {
        try {
            execute(database, "DROP TABLE IF EXISTS " + TABLE + "; DROP SEQUENCE IF EXISTS " + SEQUENCE, "drop its table");
        } catch (RuntimeException dropFailure) {
            if (benchFailure == null) {
                throw dropFailure;
            }
            benchFailure.addSuppressed(dropFailure);
        }
    }

    private static long countRows(Database database) {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             var result = statement.executeQuery("SELECT count(*) FROM " + TABLE)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException failure) {
            throw new IllegalStateException("could not count the floor bench's rows: " + failure.getMessage(), failure);
        }
    }

    private static void execute(Database database, String sql, String what) {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failure) {
            throw new IllegalStateException("the floor bench could not " + what + ": " + failure.getMessage(), failure);
        }
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
