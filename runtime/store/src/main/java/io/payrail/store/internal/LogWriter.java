package io.payrail.store.internal;

import io.payrail.platform.Check;
import io.payrail.store.AppendResult;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Writes appends into the log inside a transaction the caller owns and commits.
 *
 * <p>Implementation notes (the full argument is in docs/event-ordering.md). Positions must become
 * visible in increasing order. Every appending transaction therefore takes one transaction-scoped
 * advisory lock, the log lock, right before it reads stream revisions and inserts, and hands out
 * positions from the one-row {@code store_log_head} under it. PostgreSQL makes a committing
 * transaction visible before it releases its locks, so the next holder of the log lock both sees
 * the previous holder's events and hands out higher positions: a reader can never meet a new event
 * below a position it has already seen. The price is that appending commits are serialized; the
 * group-commit appender puts many appends in one commit to pay it once per batch.
 *
 * <p>The lock, the revision check, the insert (and for the store's own transactions the
 * {@code COMMIT}) go to the server as one pipelined send: a separate lock statement first, so the
 * insert statement's snapshot is taken after the lock was granted, then one statement that reads
 * each stream's revision, writes the streams whose planned revision held ({@link BatchPlan}) and
 * returns every stream's actual revision, so conflicts come back as values.
 */
public final class LogWriter {
    /** The key of the log lock ({@code pg_advisory_xact_lock}); "payrail" in ASCII. */
    public static final long LOG_LOCK_KEY = 0x7061797261696CL;

    private static final String LOCK_SQL = "SELECT pg_advisory_xact_lock(" + LOG_LOCK_KEY + ")";

    private static final String REVISIONS_SQL = """
            SELECT s.stream,
                   (SELECT e.revision FROM store_event e WHERE e.stream = s.stream ORDER BY e.revision DESC LIMIT 1)
            FROM unnest(?::text[]) AS s(stream)""";

    /** The streams of a batch (each with its planned base, null when none) and the revision each actually has. */
    private static final String STREAMS_SQL = """
            WITH streams AS MATERIALIZED (
                SELECT s.ordinal, s.stream, s.base,
                    coalesce((SELECT e.revision FROM store_event e WHERE e.stream = s.stream
                              ORDER BY e.revision DESC LIMIT 1), -1) AS actual
                FROM unnest(?::text[], ?::bigint[]) WITH ORDINALITY AS s(stream, base, ordinal)),
            """;

    /**
     * Reads each stream's revision, inserts the events of the streams whose planned base revision
     * is the actual one (positions from the head, in batch order), moves the head and notifies only
     * when something was inserted, and returns one row per stream: its actual revision, the last
     * position handed out (null when nothing was inserted) and how many events were inserted.
     */
    private static final String CHECK_AND_INSERT_SQL = STREAMS_SQL + """
            accepted AS MATERIALIZED (
                SELECT row_number() OVER (ORDER BY e.ordinal) AS number, st.stream, st.actual + 1 + e.stream_offset AS revision,
                    e.event_id, e.type, e.source, e.subject, e.time, e.schema_version, e.trace_id, e.causation_id,
                    e.correlation_id, e.tenant_id, e.metadata, e.data
                FROM unnest(?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    WITH ORDINALITY AS e(stream_ordinal, stream_offset, event_id, type, source, subject, time,
                        schema_version, trace_id, causation_id, correlation_id, tenant_id, metadata, data, ordinal)
                JOIN streams st ON st.ordinal = e.stream_ordinal
                WHERE st.base IS NULL OR st.base = st.actual),
            head AS (
                UPDATE store_log_head
                SET position = position + (SELECT count(*) FROM accepted), recorded_at = greatest(recorded_at, ?::timestamptz)
                WHERE id = 1 AND EXISTS (SELECT 1 FROM accepted)
                RETURNING position, recorded_at, pg_notify(?, position::text) IS NULL AS notified),
            inserted AS (
                INSERT INTO store_event (position, stream, revision, event_id, type, source, subject, time,
                    schema_version, trace_id, causation_id, correlation_id, tenant_id, metadata, data, recorded_at)
                SELECT head.position - (SELECT count(*) FROM accepted) + a.number, a.stream, a.revision,
                    a.event_id::uuid, a.type, a.source, a.subject, a.time::timestamptz, a.schema_version, a.trace_id,
                    a.causation_id, a.correlation_id, a.tenant_id, a.metadata, a.data, head.recorded_at
                FROM head, accepted a
                RETURNING 1)
            SELECT st.ordinal, st.actual, (SELECT position FROM head), (SELECT count(*) FROM inserted)
            FROM streams st ORDER BY st.ordinal""";

    /**
     * The insert statement when no append of the batch expects a revision (every stream's base is
     * unknown): no stream can be refused, so positions follow the events' order directly, without
     * the window function, the sort and the materialized copy of the payloads that
     * {@link #CHECK_AND_INSERT_SQL} needs to number only the kept events: 11 % less server CPU per
     * 16-event commit (measured, docs/store.md). Same parameters, plus the number of events twice.
     */
    private static final String ANY_INSERT_SQL = STREAMS_SQL + """
            events AS (
                SELECT * FROM unnest(?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    WITH ORDINALITY AS e(stream_ordinal, stream_offset, event_id, type, source, subject, time,
                        schema_version, trace_id, causation_id, correlation_id, tenant_id, metadata, data, ordinal)),
            head AS (
                UPDATE store_log_head
                SET position = position + ?::bigint, recorded_at = greatest(recorded_at, ?::timestamptz)
                WHERE id = 1
                RETURNING position, recorded_at, pg_notify(?, position::text) IS NULL AS notified),
            inserted AS (
                INSERT INTO store_event (position, stream, revision, event_id, type, source, subject, time,
                    schema_version, trace_id, causation_id, correlation_id, tenant_id, metadata, data, recorded_at)
                SELECT head.position - ?::bigint + e.ordinal, st.stream, st.actual + 1 + e.stream_offset,
                    e.event_id::uuid, e.type, e.source, e.subject, e.time::timestamptz, e.schema_version, e.trace_id,
                    e.causation_id, e.correlation_id, e.tenant_id, e.metadata, e.data, head.recorded_at
                FROM head, events e JOIN streams st ON st.ordinal = e.stream_ordinal
                RETURNING 1)
            SELECT st.ordinal, st.actual, (SELECT position FROM head), (SELECT count(*) FROM inserted)
            FROM streams st ORDER BY st.ordinal""";

    private static final String LOCK_AND_WRITE_SQL = LOCK_SQL + ";\n" + CHECK_AND_INSERT_SQL;
    private static final String LOCK_WRITE_AND_COMMIT_SQL = LOCK_AND_WRITE_SQL + ";\nCOMMIT";
    private static final String WRITE_AND_COMMIT_SQL = CHECK_AND_INSERT_SQL + ";\nCOMMIT";
    /** Each statement with {@link #ANY_INSERT_SQL} in place of {@link #CHECK_AND_INSERT_SQL}, made once. */
    private static final Map<String, String> ANY_ONLY_VARIANTS = Map.of(
            CHECK_AND_INSERT_SQL, ANY_INSERT_SQL,
            LOCK_AND_WRITE_SQL, LOCK_AND_WRITE_SQL.replace(CHECK_AND_INSERT_SQL, ANY_INSERT_SQL),
            LOCK_WRITE_AND_COMMIT_SQL, LOCK_WRITE_AND_COMMIT_SQL.replace(CHECK_AND_INSERT_SQL, ANY_INSERT_SQL),
            WRITE_AND_COMMIT_SQL, WRITE_AND_COMMIT_SQL.replace(CHECK_AND_INSERT_SQL, ANY_INSERT_SQL));
    private static final int RESULT_COLUMNS = 4;

    /**
     * Batches of at least this many events are written by {@code COPY} ({@link CopyWriter}): three
     * round trips instead of one, but 17 to 33 % less server CPU per commit from 32 events on
     * (measured with {@code MeasureCommitCost}, see docs/store.md). At 16 events the bench measured
     * no gain, so the 16 single-event appends of 16 writers keep the one-round-trip insert.
     */
    public static final int COPY_EVENTS_MIN_DEFAULT = 32;

    private final String notifyChannel;
    private final int copyEventsMin;
    private final CopyWriter copyWriter;
    private final KnownRevisionsWriter knownRevisionsWriter;

    public LogWriter(String notifyChannel) {
        this(notifyChannel, COPY_EVENTS_MIN_DEFAULT);
    }

    /** A writer that copies batches of at least {@code copyEventsMin} events (to compare both ways). */
    public LogWriter(String notifyChannel, int copyEventsMin) {
        Check.argument(copyEventsMin >= 1, "copyEventsMin must be at least 1, got %d", copyEventsMin);
        this.notifyChannel = notifyChannel;
        this.copyEventsMin = copyEventsMin;
        this.copyWriter = new CopyWriter(notifyChannel);
        this.knownRevisionsWriter = new KnownRevisionsWriter(notifyChannel);
    }

    private boolean copies(List<PreparedAppend> appends) {
        long events = 0;
        for (PreparedAppend append : appends) {
            events += append.size();
        }
        return events >= copyEventsMin;
    }

    /**
     * Appends what it can of {@code appends} in the connection's open transaction and returns one
     * result per append, in order. An append whose expected revision does not hold gets a
     * {@link AppendResult.Conflict} and writes nothing; the others are written. Holds the log lock
     * until the caller's transaction ends. One round trip, two when a planned revision was wrong
     * (the second under the lock already held, so it cannot be wrong again).
     */
    public List<AppendResult> write(Connection connection, List<PreparedAppend> appends, Instant now) throws SQLException {
        if (copies(appends)) {
            return copyWriter.write(connection, appends, now, false, null);
        }
        Sent sent = send(connection, BatchPlan.of(appends, Map.of()), now, LOCK_AND_WRITE_SQL);
        List<AppendResult> results = sent.results();
        List<Integer> retried = retried(results);
        if (retried.isEmpty()) {
            return results;
        }
        List<PreparedAppend> again = retried.stream().map(appends::get).toList();
        List<AppendResult> retriedResults = send(connection, BatchPlan.of(again, sent.actualRevisions()), now, CHECK_AND_INSERT_SQL)
                .results();
        Check.that(retried(retriedResults).isEmpty(), "a plan made under the log lock was wrong: %s", retriedResults);
        List<AppendResult> merged = new ArrayList<>(results);
        for (int index = 0; index < retried.size(); index++) {
            merged.set(retried.get(index), retriedResults.get(index));
        }
        return merged;
    }

    /**
     * Takes the log lock, writes what it can of {@code appends} and commits, in one round trip. The
     * result of an append whose stream's planned revision was wrong is {@code null}: nothing of it
     * was written, and {@link #writeExactAndCommit} writes it in a new transaction. Throws
     * {@link CommitOutcomeUnknown} when the commit may have happened.
     */
    public List<AppendResult> writeAndCommit(Connection connection, List<PreparedAppend> appends, Instant now) throws SQLException {
        return writeAndCommit(connection, appends, now, new RevisionCache());
    }

    /**
     * As {@link #writeAndCommit(Connection, List, Instant)}, planning from the revisions a lane's
     * {@code cache} knows when it knows every stream of the batch (then without reading any
     * revision), and recording what the commit left in it. The cache is emptied when this fails.
     */
    public List<AppendResult> writeAndCommit(Connection connection, List<PreparedAppend> appends, Instant now, RevisionCache cache)
            throws SQLException {
        try {
            if (copies(appends)) {
                return copyWriter.write(connection, appends, now, true, cache);
            }
            List<AppendResult> written = knownRevisionsWriter.writeAndCommit(connection, appends, now, cache);
            if (written != null) {
                return written;
            }
            BatchPlan plan = BatchPlan.of(appends, Map.of());
            Sent sent = sendAndCommit(connection, plan, now, LOCK_WRITE_AND_COMMIT_SQL);
            record(cache, plan, sent);
            return sent.results();
        } catch (SQLException | RuntimeException failure) {
            cache.forget();
            throw failure;
        }
    }

    /**
     * Records in the cache what a committed statement read and wrote. When it wrote nothing, the head
     * it started from is not known, so the cache starts afresh.
     */
    private static void record(RevisionCache cache, BatchPlan plan, Sent sent) {
        if (sent.inserted() == 0) {
            cache.forget();
            return;
        }
        long[] actual = plan.streams.stream().mapToLong(sent.actualRevisions()::get).toArray();
        cache.committed(sent.lastPosition() - sent.inserted(), sent.lastPosition(),
                KnownRevisionsWriter.headEventId(plan, sent.results()), KnownRevisionsWriter.revisionsAfter(plan, actual, sent.results()));
    }

    /**
     * Takes the log lock and reads the revisions (one round trip), then writes and commits (a second
     * one): the plan cannot be wrong, so every append gets its result.
     */
    public List<AppendResult> writeExactAndCommit(Connection connection, List<PreparedAppend> appends, Instant now)
            throws SQLException {
        if (copies(appends)) {
            return copyWriter.write(connection, appends, now, true, null);
        }
        Map<String, Long> revisions = lockAndReadRevisions(connection, appends);
        BatchPlan plan = BatchPlan.of(appends, revisions);
        List<AppendResult> results = sendAndCommit(connection, plan, now, WRITE_AND_COMMIT_SQL).results();
        Check.that(retried(results).isEmpty(), "a plan made under the log lock was wrong: %s (streams %s, revisions %s, planned %s)",
                results, plan.streams, revisions, plan.bases);
        return results;
    }

    /** The indexes of the appends whose stream's planned revision was wrong. */
    private static List<Integer> retried(List<AppendResult> results) {
        List<Integer> retried = new ArrayList<>();
        for (int index = 0; index < results.size(); index++) {
            if (results.get(index) == null) {
                retried.add(index);
            }
        }
        return retried;
    }


    /**
     * Takes the log lock and reads the revisions in one round trip: two statements sent together, so
     * the second one's snapshot is still taken after the first one was granted the lock.
     */
    private static Map<String, Long> lockAndReadRevisions(Connection connection, List<PreparedAppend> appends) throws SQLException {
        List<String> streams = appends.stream().map(PreparedAppend::stream).distinct().toList();
        Map<String, Long> revisions = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(LOCK_SQL + ";\n" + REVISIONS_SQL)) {
            statement.setArray(1, EventColumns.text(connection, streams));
            try (ResultSet result = resultOf(statement, 2)) {
                while (result.next()) {
                    String stream = result.getString(1);
                    long revision = result.getLong(2);
                    revisions.put(stream, result.wasNull() ? -1 : revision);
                }
            }
        }
        return revisions;
    }

    /**
     * Sends the lock, the write and the commit together (pgjdbc sends them with one Sync), saving
     * round trips while the log lock is held. If the lock or the write fails, the server skips the
     * {@code COMMIT} and reports the transaction as failed: nothing was committed, and the caller
     * rolls back. Any other failure (a failed commit, a lost connection) may have committed.
     */
    private Sent sendAndCommit(Connection connection, BatchPlan plan, Instant now, String sql) throws SQLException {
        try {
            return send(connection, plan, now, sql);
        } catch (SQLException failure) {
            throw classified(connection, failure);
        }
    }

    /**
     * A failure of a round trip that ended with {@code COMMIT}: as it is when the server reported the
     * transaction as failed (the {@code COMMIT} was skipped, nothing was committed), else a
     * {@link CommitOutcomeUnknown}.
     */
    static SQLException classified(Connection connection, SQLException failure) {
        return transactionFailed(connection) ? failure : new CommitOutcomeUnknown(failure);
    }

    private static boolean transactionFailed(Connection connection) {
        try {
            return !connection.isClosed()
                    && connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED;
        } catch (SQLException unusable) {
            return false;
        }
    }

    /** A commit that failed in a way that may or may not have made the transaction durable. */
    public static final class CommitOutcomeUnknown extends SQLException {
        private static final long serialVersionUID = 1L;

        CommitOutcomeUnknown(SQLException cause) {
            super("the commit's outcome is unknown: " + cause.getMessage(), cause.getSQLState(), cause);
        }
    }

    /**
     * One result per append ({@code null}: planned on a wrong revision), the revision each stream
     * actually had, the head after the statement and how many events it inserted.
     */
    private record Sent(List<AppendResult> results, Map<String, Long> actualRevisions, long lastPosition, long inserted) {}

    private Sent send(Connection connection, BatchPlan plan, Instant now, String sql) throws SQLException {
        boolean anyOnly = plan.rowCount() > 0 && plan.bases.stream().allMatch(java.util.Objects::isNull);
        try (PreparedStatement statement = connection.prepareStatement(anyOnly ? ANY_ONLY_VARIANTS.get(sql) : sql)) {
            int parameter = 1;
            statement.setArray(parameter++, EventColumns.text(connection, plan.streams));
            statement.setArray(parameter++, connection.createArrayOf("int8", plan.bases.toArray(Long[]::new)));
            for (Array column : plan.rows.columns(connection)) {
                statement.setArray(parameter++, column);
            }
            if (anyOnly) {
                statement.setLong(parameter++, plan.rowCount());
            }
            statement.setString(parameter++, now.toString());
            statement.setString(parameter++, notifyChannel);
            if (anyOnly) {
                statement.setLong(parameter, plan.rowCount());
            }
            long[] actual = new long[plan.streams.size()];
            long lastPosition = 0;
            long inserted = 0;
            try (ResultSet result = resultOf(statement, RESULT_COLUMNS)) {
                for (int stream = 0; stream < actual.length; stream++) {
                    Check.that(result.next(), "the write returned %d streams, expected %d", stream, actual.length);
                    actual[stream] = result.getLong(2);
                    lastPosition = result.getLong(3);
                    inserted = result.getLong(4);
                }
            }
            List<AppendResult> results = plan.results(actual, lastPosition);
            long written = results.stream().mapToLong(LogWriter::eventsWritten).sum();
            Check.that(inserted == written, "inserted %d events but meant to insert %d", inserted, written);
            Map<String, Long> actualRevisions = new HashMap<>();
            for (int stream = 0; stream < actual.length; stream++) {
                actualRevisions.put(plan.streams.get(stream), actual[stream]);
            }
            return new Sent(results, actualRevisions, lastPosition, inserted);
        }
    }

    private static long eventsWritten(AppendResult result) {
        return result instanceof AppendResult.Appended(long first, long last, long next) ? last - first + 1 : 0;
    }

    /** Executes and moves to the result set with {@code columns} columns (the lock's comes first when sent). */
    static ResultSet resultOf(PreparedStatement statement, int columns) throws SQLException {
        statement.execute();
        while (true) {
            ResultSet current = statement.getResultSet();
            if (current != null && current.getMetaData().getColumnCount() == columns) {
                return current;
            }
            Check.that(statement.getMoreResults() || statement.getUpdateCount() != -1, "the statement returned no result set");
        }
    }
}
