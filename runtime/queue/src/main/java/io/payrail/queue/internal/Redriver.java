package io.payrail.queue.internal;

import io.payrail.platform.Check;
import io.payrail.queue.Pause;
import io.payrail.queue.QueueLimits;
import io.payrail.queue.RedriveResult;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Moves dead letters back in small transactions. Each message moves by an update of its own row
 * (queue id and state reset), so it is moved exactly once: a crash leaves each message either in
 * the dead-letter queue or in its target, never both. Only messages that were in the dead-letter
 * queue when the redrive began are moved, so messages failing again during a redrive are not
 * redriven in a loop. The pace is kept against the injected clock.
 */
public final class Redriver {
    private static final String MOVE = """
            WITH moved AS (
                UPDATE queue_message m SET queue_id = coalesce(?, m.source_queue_id), source_queue_id = NULL,
                    failure_reason = NULL, attempts = NULL, receive_count = 0, receipt_token = 0, visible_at = now()
                WHERE m.id IN (SELECT c.id FROM queue_message c
                               WHERE c.queue_id = ? AND %s AND c.id <= ? AND c.visible_at <= now()
                                 AND (c.source_queue_id IS NOT NULL OR ?::integer IS NOT NULL)
                               LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING m.queue_id)
            SELECT q.name, count(*) FROM moved JOIN queue_definition q ON q.id = moved.queue_id GROUP BY q.name
            """.formatted(Sql.everyTenant("c"));

    private final DataSource dataSource;
    private final Clock clock;
    private final Pause pause;

    public Redriver(DataSource dataSource, Clock clock, Pause pause) {
        this.dataSource = Check.notNull(dataSource, "dataSource");
        this.clock = Check.notNull(clock, "clock");
        this.pause = Check.notNull(pause, "pause");
    }

    public RedriveResult redrive(QueueRecord deadLetterQueue, QueueRecord target, int ratePerSecond, PrintStream progress)
            throws SQLException, InterruptedException {
        long[] bound = bound(deadLetterQueue);
        long lastId = bound[0];
        long total = bound[1];
        int batchSize = Math.min(QueueLimits.REDRIVE_BATCH_MAX, ratePerSecond);
        Instant start = clock.instant();
        long moved = 0;
        int batches = 0;
        progress.printf("redriving up to %d messages from %s at %d messages/s%n", total, deadLetterQueue.name(), ratePerSecond);
        while (moved < total) {
            long movedNow = moveBatch(deadLetterQueue, target, lastId, batchSize);
            if (movedNow == 0) {
                break;
            }
            moved += movedNow;
            batches++;
            progress.printf("redriven %d/%d%n", moved, total);
            Instant due = start.plusNanos(moved * 1_000_000_000L / ratePerSecond);
            Duration wait = Duration.between(clock.instant(), due);
            if (!wait.isNegative() && !wait.isZero() && moved < total) {
                pause.sleep(wait);
            }
        }
        progress.printf("redrive of %s done: %d moved, %d left%n", deadLetterQueue.name(), moved, total - moved);
        return new RedriveResult(moved, total - moved, batches);
    }

    private long[] bound(QueueRecord deadLetterQueue) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = Sql.bind(connection.prepareStatement(
                        "SELECT coalesce(max(m.id), 0), count(*) FROM queue_message m WHERE m.queue_id = ? AND " + Sql.everyTenant("m")), deadLetterQueue.id());
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    private long moveBatch(QueueRecord deadLetterQueue, QueueRecord target, long lastId, int batchSize) throws SQLException {
        Integer targetId = target == null ? null : target.id();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long moved = 0;
                Set<String> destinations = new HashSet<>();
                try (PreparedStatement statement = Sql.bind(connection.prepareStatement(MOVE), targetId, deadLetterQueue.id(),
                        lastId, targetId, batchSize)) {
                    if (targetId == null) {
                        statement.setNull(1, java.sql.Types.INTEGER);
                        statement.setNull(4, java.sql.Types.INTEGER);
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            destinations.add(rows.getString(1));
                            moved += rows.getLong(2);
                        }
                    }
                }
                for (String destination : destinations) {
                    try (PreparedStatement notify = Sql.bind(connection.prepareStatement("SELECT pg_notify(?, ?)"),
                            Sql.NOTIFY_CHANNEL, destination)) {
                        notify.execute();
                    }
                }
                connection.commit();
                return moved;
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            }
        }
    }
}
