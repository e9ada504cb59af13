package io.payrail.store.bench;

import io.payrail.platform.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** The floor bench's four ways of writing, each measured as events committed per second. */
final class FloorWriters {
    private static final String INSERT_ONE_SQL = "INSERT INTO " + FloorBench.TABLE + " (" + FloorRows.COLUMNS + ") VALUES "
            + "(?, ?, ?, '" + FloorRows.TYPE + "', '" + FloorRows.SOURCE + "', NULL, '" + FloorRows.TIME + "', 1, NULL, NULL, NULL, '"
            + FloorRows.TENANT + "', '{}', ?, '" + FloorRows.TIME + "')";
    /** Many rows in one statement from binary arrays, as the store's group commit writes them. */
    private static final String INSERT_MANY_SQL = "INSERT INTO " + FloorBench.TABLE + " (" + FloorRows.COLUMNS + ") "
            + "SELECT s, r, i, '" + FloorRows.TYPE + "', '" + FloorRows.SOURCE + "', NULL, '" + FloorRows.TIME + "', 1, NULL, NULL, NULL, '"
            + FloorRows.TENANT + "', '{}', d, '" + FloorRows.TIME + "' FROM unnest(?::text[], ?::bigint[], ?::uuid[], ?::text[]) AS u(s, r, i, d)";
    /** Unmeasured seconds first, so the figures do not pay for the JIT compilers. */
    private static final int WARM_UP_SECONDS = 3;

    private final Database database;
    private final FloorRows rows;
    private final FloorBench.Options options;
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong seeds = new AtomicLong();

    FloorWriters(Database database, FloorRows rows, FloorBench.Options options) {
        this.database = database;
        this.rows = rows;
        this.options = options;
    }

    /** Every event committed so far, warm-up included. */
    long committed() {
        return committed.get();
    }

    void warmUp() {
        measure(options.writers(), Math.min(WARM_UP_SECONDS, options.durationSeconds()), this::insertOne);
    }

    double onePerCommit() {
        return measure(options.writers(), options.durationSeconds(), this::insertOne);
    }

    /** W events per commit on one connection. */
    double grouped() {
        return measure(1, options.durationSeconds(), (connection, random) -> insertMany(connection, random, options.writers()));
    }

    /**
     * Half as many events per commit on each of two connections, whose commits overlap: what a log
     * whose commits need not wait for each other (ordered by transaction instead of by a lock)
     * could gain from PostgreSQL's own group commit, for the same W one-at-a-time writers.
     */
    double groupedOnTwoConnections() {
        int perCommit = Math.max(1, options.writers() / 2);
        return measure(2, options.durationSeconds(), (connection, random) -> insertMany(connection, random, perCommit));
    }

    double copied() {
        return measure(options.writers(), options.durationSeconds(), this::copy);
    }

    /** One commit's work on a connection: returns the events it committed. */
    @FunctionalInterface
    private interface Commit {
        int run(Connection connection, SplittableRandom random) throws SQLException;
    }

    private int insertOne(Connection connection, SplittableRandom random) throws SQLException {
        FloorRows.Row row = rows.next(random);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ONE_SQL)) {
            insert.setString(1, row.stream());
            insert.setLong(2, row.revision());
            insert.setObject(3, row.eventId());
            insert.setString(4, row.data());
            insert.executeUpdate();
        }
        connection.commit();
        return 1;
    }

    private int insertMany(Connection connection, SplittableRandom random, int count) throws SQLException {
        String[] streams = new String[count];
        Long[] revisions = new Long[count];
        UUID[] eventIds = new UUID[count];
        String[] data = new String[count];
        for (int index = 0; index < count; index++) {
            FloorRows.Row row = rows.next(random);
            streams[index] = row.stream();
            revisions[index] = row.revision();
            eventIds[index] = row.eventId();
            data[index] = row.data();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_MANY_SQL)) {
            insert.setArray(1, connection.createArrayOf("text", streams));
            insert.setArray(2, connection.createArrayOf("bigint", revisions));
            insert.setArray(3, connection.createArrayOf("uuid", eventIds));
            insert.setArray(4, connection.createArrayOf("text", data));
            insert.executeUpdate();
        }
        connection.commit();
        return count;
    }

    private int copy(Connection connection, SplittableRandom random) throws SQLException {
        List<FloorRows.Row> batch = new ArrayList<>(options.batchSize());
        for (int index = 0; index < options.batchSize(); index++) {
            batch.add(rows.next(random));
        }
        long copied = FloorRows.copy(connection, FloorBench.TABLE, batch);
        io.payrail.platform.Check.that(copied == batch.size(), "copied %d rows, meant %d", copied, batch.size());
        connection.commit();
        return batch.size();
    }

    /** Runs {@code connections} loops of commits for {@code seconds}; events committed per second. */
    private double measure(int connections, int seconds, Commit commit) {
        AtomicLong events = new AtomicLong();
        // Set by a loop that fails, so the others stop at once instead of running to the end.
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        try (ExecutorService loops = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int loop = 0; loop < connections; loop++) {
                SplittableRandom random = new SplittableRandom(seeds.incrementAndGet());
                running.add(loops.submit(() -> {
                    try (Connection connection = database.dataSource().getConnection()) {
                        connection.setAutoCommit(false);
                        while (System.nanoTime() < end && !failed.get()) {
                            int written = commit.run(connection, random);
                            events.addAndGet(written);
                            committed.addAndGet(written);
                        }
                    } catch (SQLException | RuntimeException failure) {
                        failed.set(true);
                        throw failure;
                    }
                    return null;
                }));
            }
            for (Future<?> loop : running) {
                loop.get();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the floor bench was interrupted", interrupted);
        } catch (java.util.concurrent.ExecutionException failure) {
            throw new IllegalStateException("the floor bench failed: " + failure.getCause().getMessage(), failure.getCause());
        }
        return events.get() / ((System.nanoTime() - start) / 1e9);
    }
}
