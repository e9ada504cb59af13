package io.payrail.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * PostgreSQL checkpoints, for benches: a figure that does not span a checkpoint hides its cost (the
 * flush of dirty pages, then a full-page image in the WAL for each page first changed after it).
 * With {@code checkpoint_timeout} at minutes, a one-minute figure may see none, so a bench asks for
 * one halfway through each figure and reports how many completed during it.
 */
public final class Checkpoints {
    /** PostgreSQL 17 moved the checkpoint counters from pg_stat_bgwriter to pg_stat_checkpointer. */
    static final int CHECKPOINTER_VIEW_VERSION = 170_000;

    private Checkpoints() {}

    /** Checkpoints completed since the statistics were reset: timed and requested. */
    public static long completed(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String query = serverVersion(statement) >= CHECKPOINTER_VIEW_VERSION
                    ? "SELECT num_timed + num_requested FROM pg_stat_checkpointer"
                    : "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter";
            try (ResultSet row = statement.executeQuery(query)) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException failure) {
            throw new DatabaseException("could not read the checkpoint statistics: " + failure.getMessage(), failure);
        }
    }

    /**
     * Asks for a checkpoint after the delay, on a daemon thread; closing before then cancels it. A
     * role that may not run CHECKPOINT (it needs superuser or pg_checkpoint) gets none: the bench then
     * reports the checkpoints that happened by themselves.
     */
    public static Request requestAfter(DataSource dataSource, Duration delay) {
        Check.argument(!delay.isNegative(), "delay must not be negative, got %s", delay);
        Thread thread = Thread.ofPlatform().daemon().name("bench-checkpoint").start(() -> {
            try {
                Thread.sleep(delay);
                checkpoint(dataSource);
            } catch (InterruptedException cancelled) {
                Thread.currentThread().interrupt();
            }
        });
        return thread::interrupt;
    }

    /**
     * Makes sure a checkpoint happens during a figure that starts after {@code start} and lasts
     * {@code figure}: when the server's {@code checkpoint_timeout} is no longer than the figure, its
     * own spread checkpoints do (nothing is asked); otherwise one is asked for halfway through, which
     * PostgreSQL runs at once rather than spread.
     */
    public static Request spanning(DataSource dataSource, Duration start, Duration figure) {
        if (checkpointTimeout(dataSource).compareTo(figure) <= 0) {
            return () -> { };
        }
        return requestAfter(dataSource, start.plus(figure.dividedBy(2)));
    }

    /** The server's {@code checkpoint_timeout}. */
    public static Duration checkpointTimeout(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT setting::int FROM pg_settings WHERE name = 'checkpoint_timeout'")) {
            row.next();
            return Duration.ofSeconds(row.getInt(1));
        } catch (SQLException failure) {
            throw new DatabaseException("could not read checkpoint_timeout: " + failure.getMessage(), failure);
        }
    }

    /** A checkpoint asked for later; closing it before then cancels it. */
    public interface Request extends AutoCloseable {
        @Override
        void close();
    }

    private static void checkpoint(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException notPermittedOrGone) {
            // Reported by the count of completed checkpoints, which then does not grow.
        }
    }

    private static int serverVersion(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SHOW server_version_num")) {
            row.next();
            return Integer.parseInt(row.getString(1));
        }
    }
}
