package io.payrail.store.internal;

import io.payrail.platform.Check;
import io.payrail.store.AppendResult;
import io.payrail.store.EventEnvelope;
import io.payrail.store.ExpectedRevision;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
 */
public final class LogWriter {
    /** The key of the log lock ({@code pg_advisory_xact_lock}); "payrail" in ASCII. */
    public static final long LOG_LOCK_KEY = 0x7061797261696CL;

    private static final String LOCK_SQL = "SELECT pg_advisory_xact_lock(" + LOG_LOCK_KEY + ")";

    private static final String REVISIONS_SQL = """
            SELECT s.stream,
                   (SELECT e.revision FROM store_event e WHERE e.stream = s.stream ORDER BY e.revision DESC LIMIT 1)
            FROM unnest(?::text[]) AS s(stream)""";

    private static final String INSERT_SQL = """
            WITH head AS (
                UPDATE store_log_head
                SET position = position + ?, recorded_at = greatest(recorded_at, ?::timestamptz)
                WHERE id = 1
                RETURNING position, recorded_at),
            inserted AS (
                INSERT INTO store_event (position, stream, revision, event_id, type, source, subject, time,
                    schema_version, trace_id, causation_id, correlation_id, tenant_id, metadata, data, recorded_at)
                SELECT head.position - ? + e.ordinal, e.stream, e.revision, e.event_id::uuid, e.type, e.source,
                    e.subject, e.time::timestamptz, e.schema_version, e.trace_id, e.causation_id, e.correlation_id,
                    e.tenant_id, e.metadata::json, e.data::json, head.recorded_at
                FROM head, unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    WITH ORDINALITY AS e(stream, revision, event_id, type, source, subject, time, schema_version,
                        trace_id, causation_id, correlation_id, tenant_id, metadata, data, ordinal)
                RETURNING 1)
            SELECT head.position, (SELECT count(*) FROM inserted), pg_notify(?, head.position::text)
            FROM head""";

    private static final String INSERT_AND_COMMIT_SQL = INSERT_SQL + ";\nCOMMIT";

    private final String notifyChannel;

    public LogWriter(String notifyChannel) {
        this.notifyChannel = notifyChannel;
    }

    /**
     * Appends what it can of {@code appends} in the connection's open transaction and returns one
     * result per append, in order. An append whose expected revision does not hold gets a
     * {@link AppendResult.Conflict} and writes nothing; the others are written. Holds the log lock
     * until the caller's transaction ends.
     */
    public List<AppendResult> write(Connection connection, List<PreparedAppend> appends, Instant now) throws SQLException {
        return writeWith(connection, appends, lockAndReadRevisions(connection, appends), now, false);
    }

    /**
     * {@link #write}, then commits: the insert and the {@code COMMIT} are sent in one round trip. When
     * nothing is to be inserted (every append conflicts) the transaction is left open for the caller to
     * commit. Throws {@link CommitOutcomeUnknown} when the commit may have happened.
     */
    public List<AppendResult> writeAndCommit(Connection connection, List<PreparedAppend> appends, Instant now) throws SQLException {
        return writeWith(connection, appends, lockAndReadRevisions(connection, appends), now, true);
    }

    /** Takes the log lock for the rest of the connection's transaction (waits while another holds it). */
    public void lockLog(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(LOCK_SQL);
        }
    }

    /** {@link #writeAndCommit} for a transaction that already holds the log lock. */
    public List<AppendResult> writeLockedAndCommit(Connection connection, List<PreparedAppend> appends, Instant now)
            throws SQLException {
        return writeWith(connection, appends, currentRevisions(connection, appends, REVISIONS_SQL), now, true);
    }

    private List<AppendResult> writeWith(Connection connection, List<PreparedAppend> appends, Map<String, Long> revisions,
            Instant now, boolean commit) throws SQLException {
        Rows rows = new Rows();
        List<AppendResult> results = new ArrayList<>(appends.size());
        List<Planned> planned = new ArrayList<>(appends.size());
        for (PreparedAppend append : appends) {
            long current = revisions.get(append.stream());
            if (!holds(append.expected(), current)) {
                results.add(new AppendResult.Conflict(append.stream(), append.expected(), current));
                planned.add(null);
                continue;
            }
            planned.add(new Planned(rows.count(), rows.count() + append.size() - 1, current + append.size()));
            rows.add(append, current + 1);
            revisions.put(append.stream(), current + append.size());
            results.add(null);
        }
        if (rows.count() == 0) {
            return results;
        }
        long lastPosition = commit ? insertAndCommit(connection, rows, now) : insert(connection, rows, now, INSERT_SQL);
        long firstPosition = lastPosition - rows.count() + 1;
        for (int index = 0; index < results.size(); index++) {
            Planned plan = planned.get(index);
            if (plan != null) {
                results.set(index, new AppendResult.Appended(firstPosition + plan.firstRow(), firstPosition + plan.lastRow(),
                        plan.nextRevision()));
            }
        }
        return results;
    }

    /** True when the statement's current result is the revisions (two columns), not the lock's. */
    private static boolean isRevisions(PreparedStatement statement) throws SQLException {
        ResultSet current = statement.getResultSet();
        return current != null && current.getMetaData().getColumnCount() == 2;
    }

    /** Where an accepted append's events sit in the batch, and its stream's revision after it. */
    private record Planned(int firstRow, int lastRow, long nextRevision) {}

    static boolean holds(ExpectedRevision expected, long current) {
        return switch (expected) {
            case ExpectedRevision.Any any -> true;
            case ExpectedRevision.NoStream noStream -> current == -1;
            case ExpectedRevision.Exactly(long revision) -> current == revision;
        };
    }

    /**
     * Takes the log lock and reads the revisions in one round trip: two statements sent together, so
     * the second one's snapshot is still taken after the first one was granted the lock.
     */
    private static Map<String, Long> lockAndReadRevisions(Connection connection, List<PreparedAppend> appends) throws SQLException {
        return currentRevisions(connection, appends, LOCK_SQL + ";\n" + REVISIONS_SQL);
    }

    private static Map<String, Long> currentRevisions(Connection connection, List<PreparedAppend> appends, String sql)
            throws SQLException {
        LinkedHashSet<String> streams = new LinkedHashSet<>();
        appends.forEach(append -> streams.add(append.stream()));
        Map<String, Long> revisions = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", streams.toArray(String[]::new)));
            statement.execute();
            while (!isRevisions(statement)) {
                Check.that(statement.getMoreResults() || statement.getUpdateCount() != -1,
                        "the revisions query returned no result set");
            }
            try (ResultSet result = statement.getResultSet()) {
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
     * Sends the insert and the commit together (pgjdbc sends both with one Sync), saving the round
     * trip of a separate {@code commit()} while the log lock is held. If the insert fails, the server
     * skips the {@code COMMIT} and reports the transaction as failed: nothing was committed, and the
     * caller rolls back. Any other failure (a failed commit, a lost connection) may have committed.
     */
    private long insertAndCommit(Connection connection, Rows rows, Instant now) throws SQLException {
        try {
            return insert(connection, rows, now, INSERT_AND_COMMIT_SQL);
        } catch (SQLException failure) {
            if (transactionFailed(connection)) {
                throw failure;
            }
            throw new CommitOutcomeUnknown(failure);
        }
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

    private long insert(Connection connection, Rows rows, Instant now, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            statement.setLong(parameter++, rows.count());
            statement.setString(parameter++, now.toString());
            statement.setLong(parameter++, rows.count());
            for (Array column : rows.columns(connection)) {
                statement.setArray(parameter++, column);
            }
            statement.setString(parameter, notifyChannel);
            Check.that(statement.execute(), "the insert returned no result set");
            try (ResultSet result = statement.getResultSet()) {
                result.next();
                long lastPosition = result.getLong(1);
                long inserted = result.getLong(2);
                Check.that(inserted == rows.count(),
                        "inserted %d events but meant to insert %d", inserted, rows.count());
                return lastPosition;
            }
        }
    }

    /** The events of a batch as columns, the shape {@code unnest} takes. */
    private static final class Rows {
        private final List<String> streams = new ArrayList<>();
        private final List<Long> revisions = new ArrayList<>();
        private final List<String> ids = new ArrayList<>();
        private final List<String> types = new ArrayList<>();
        private final List<String> sources = new ArrayList<>();
        private final List<String> subjects = new ArrayList<>();
        private final List<String> times = new ArrayList<>();
        private final List<Integer> versions = new ArrayList<>();
        private final List<String> traces = new ArrayList<>();
        private final List<String> causations = new ArrayList<>();
        private final List<String> correlations = new ArrayList<>();
        private final List<String> tenants = new ArrayList<>();
        private final List<String> metadata = new ArrayList<>();
        private final List<String> data = new ArrayList<>();

        int count() {
            return streams.size();
        }

        void add(PreparedAppend append, long firstRevision) {
            for (int index = 0; index < append.size(); index++) {
                EventEnvelope event = append.events().get(index);
                streams.add(append.stream());
                revisions.add(firstRevision + index);
                ids.add(event.id().toString());
                types.add(event.type());
                sources.add(event.source());
                subjects.add(event.subject());
                times.add(event.time().toString());
                versions.add(event.schemaVersion());
                traces.add(event.traceId());
                causations.add(event.causationId());
                correlations.add(event.correlationId());
                tenants.add(event.tenantId());
                metadata.add(append.metadataJson().get(index));
                data.add(append.dataJson().get(index));
            }
        }

        List<Array> columns(Connection connection) throws SQLException {
            return List.of(text(connection, streams), connection.createArrayOf("int8", revisions.toArray(Long[]::new)),
                    text(connection, ids), text(connection, types), text(connection, sources), text(connection, subjects),
                    text(connection, times), connection.createArrayOf("int4", versions.toArray(Integer[]::new)),
                    text(connection, traces), text(connection, causations), text(connection, correlations),
                    text(connection, tenants), text(connection, metadata), text(connection, data));
        }

        /**
         * A {@code String[]} (not an {@code Object[]}) lets pgjdbc send the array in PostgreSQL's binary
         * form: no quoting of every JSON quote on the client and no array-literal parsing on the server.
         */
        private static Array text(Connection connection, List<String> values) throws SQLException {
            return connection.createArrayOf("text", values.toArray(String[]::new));
        }
    }
}
