package io.payrail.store.internal;

import io.payrail.platform.Check;
import io.payrail.store.AppendResult;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Writes a large batch with {@code COPY ... FROM STDIN (FORMAT binary)} instead of one
 * {@code INSERT ... SELECT FROM unnest(...)}. PostgreSQL inserts copied rows with
 * {@code heap_multi_insert}: one WAL record per page of rows instead of one per row, and the table
 * grows by many pages at a time (an INSERT extends it by one zero-filled page write at a time). COPY
 * cannot compute positions and revisions, so the client does, from values read under the log lock:
 *
 * <ol>
 *   <li>the log lock, then the head of the log and each stream's revision (one round trip; the read
 *       is a statement of its own, so its snapshot is taken after the lock was granted);</li>
 *   <li>the plan, made in Java from the revisions just read, so it cannot be wrong: a wrong
 *       expectation is a {@link AppendResult.Conflict} naming the current revision and writes
 *       nothing, the other appends are written;</li>
 *   <li>the rows, copied (two round trips: pgjdbc waits for the server to accept the COPY);</li>
 *   <li>the head moved past them with the notification, and for the store's own transactions the
 *       {@code COMMIT}, in one round trip.</li>
 * </ol>
 *
 * <p>Nothing is committed before step 4, so a failure before it (a refused row, a lost connection)
 * means nothing of the batch was written. Only a failure of the last round trip may have committed.
 */
final class CopyWriter {
    private static final String LOCK_AND_READ_SQL = "SELECT pg_advisory_xact_lock(" + LogWriter.LOG_LOCK_KEY + ");\n" + """
            SELECT s.stream,
                   coalesce((SELECT e.revision FROM store_event e WHERE e.stream = s.stream ORDER BY e.revision DESC LIMIT 1), -1),
                   h.position, h.recorded_at
            FROM unnest(?::text[]) AS s(stream) CROSS JOIN store_log_head h
            WHERE h.id = 1""";
    private static final String COPY_SQL = "COPY store_event (" + EventCopyRows.COLUMNS + ") FROM STDIN (FORMAT binary)";
    private static final String MOVE_HEAD_SQL = """
            WITH head AS (UPDATE store_log_head SET position = ?, recorded_at = ? WHERE id = 1 RETURNING position)
            SELECT pg_notify(?, position::text) IS NULL FROM head""";
    private static final String MOVE_HEAD_AND_COMMIT_SQL = MOVE_HEAD_SQL + ";\nCOMMIT";
    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    private final String notifyChannel;

    CopyWriter(String notifyChannel) {
        this.notifyChannel = notifyChannel;
    }

    /** The head of the log and the streams' revisions, as read under the log lock. */
    private record Head(long position, Instant recordedAt, Map<String, Long> revisions) {}

    /**
     * Appends what it can of {@code appends}, and commits when {@code commit}; one result per append,
     * never {@code null}. Throws {@link LogWriter.CommitOutcomeUnknown} when the commit may have happened.
     * A committed write records the revisions it read and wrote in {@code cache} (when not null).
     */
    List<AppendResult> write(Connection connection, List<PreparedAppend> appends, Instant now, boolean commit, RevisionCache cache)
            throws SQLException {
        Head head = lockAndRead(connection, appends);
        BatchPlan plan = BatchPlan.of(appends, head.revisions());
        long[] actual = plan.streams.stream().mapToLong(head.revisions()::get).toArray();
        long lastPosition = head.position() + plan.rowCount();
        List<AppendResult> results = plan.results(actual, lastPosition);
        long recordedAtMicros = Math.max(EventCopyRows.micros(head.recordedAt()), EventCopyRows.micros(now));
        if (plan.rowCount() > 0) {
            long copied = copy(connection, plan, actual, head.position() + 1, recordedAtMicros);
            Check.that(copied == plan.rowCount(), "copied %d events but meant to copy %d", copied, plan.rowCount());
            finish(connection, lastPosition, EventCopyRows.instant(recordedAtMicros), commit);
        } else if (commit) {
            commitNothingWritten(connection);
        }
        if (commit && cache != null) {
            cache.committed(head.position(), lastPosition, KnownRevisionsWriter.headEventId(plan, results),
                    KnownRevisionsWriter.revisionsAfter(plan, actual, results));
        }
        return results;
    }

    private static Head lockAndRead(Connection connection, List<PreparedAppend> appends) throws SQLException {
        List<String> streams = appends.stream().map(PreparedAppend::stream).distinct().toList();
        Map<String, Long> revisions = new HashMap<>();
        long position = -1;
        Instant recordedAt = null;
        try (PreparedStatement statement = connection.prepareStatement(LOCK_AND_READ_SQL)) {
            statement.setArray(1, EventColumns.text(connection, streams));
            try (ResultSet result = LogWriter.resultOf(statement, 4)) {
                while (result.next()) {
                    revisions.put(result.getString(1), result.getLong(2));
                    position = result.getLong(3);
                    recordedAt = result.getObject(4, OffsetDateTime.class).toInstant();
                }
            }
        }
        Check.that(revisions.size() == streams.size(), "read the revisions of %d streams, expected %d (is store_log_head empty?)",
                revisions.size(), streams.size());
        return new Head(position, recordedAt, revisions);
    }

    private static long copy(Connection connection, BatchPlan plan, long[] actual, long firstPosition, long recordedAtMicros)
            throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
        try {
            PGCopyOutputStream stream = new PGCopyOutputStream(copy, COPY_BUFFER_BYTES);
            EventCopyRows rows = new EventCopyRows(stream);
            long position = firstPosition;
            for (BatchPlan.Entry entry : plan.entries()) {
                if (!entry.writes()) {
                    continue;
                }
                PreparedAppend append = entry.append();
                long revision = actual[entry.stream()] + entry.offset();
                for (int index = 0; index < append.size(); index++) {
                    rows.row(position++, append.stream(), ++revision, append.events().get(index),
                            append.metadataJson().get(index), append.dataJson().get(index), recordedAtMicros);
                }
            }
            rows.finish();
            return stream.endCopy();
        } catch (IOException failure) {
            // PGCopyOutputStream wraps the server's refusal (or a lost connection) in an IOException.
            throw failure.getCause() instanceof SQLException cause ? cause
                    : new SQLException("could not copy the events: " + failure.getMessage(), "08006", failure);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void finish(Connection connection, long lastPosition, Instant recordedAt, boolean commit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(commit ? MOVE_HEAD_AND_COMMIT_SQL : MOVE_HEAD_SQL)) {
            statement.setLong(1, lastPosition);
            statement.setObject(2, OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC));
            statement.setString(3, notifyChannel);
            try (ResultSet moved = LogWriter.resultOf(statement, 1)) {
                Check.that(moved.next(), "store_log_head has no row: were the store's migrations applied?");
            }
        } catch (SQLException failure) {
            throw commit ? LogWriter.classified(connection, failure) : failure;
        }
    }

    private static void commitNothingWritten(Connection connection) throws SQLException {
        try {
            connection.commit();
        } catch (SQLException failure) {
            throw LogWriter.classified(connection, failure);
        }
    }
}
