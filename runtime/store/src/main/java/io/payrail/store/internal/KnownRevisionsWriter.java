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
import java.util.UUID;

/**
 * Writes a group commit whose streams a lane's {@link RevisionCache} knows, without reading any
 * revision from the database: the plan (conflicts, revisions, positions) is made in Java, and one
 * round trip takes the log lock, moves the head only if it is still where the cache says and the
 * event at it is the one the lane wrote there, inserts the rows with the positions and revisions
 * already computed, and commits.
 *
 * <p>Against {@link LogWriter}'s statement it saves, per commit, one index lookup per stream and
 * the joins that apply the revisions read to the events. When the head moved (somebody else
 * appended), the statement writes nothing, the empty transaction commits (it only released the
 * lock), the cache is emptied, and the caller writes the batch the usual way.
 */
final class KnownRevisionsWriter {
    private static final String WRITE_IF_HEAD_AND_COMMIT_SQL = "SELECT pg_advisory_xact_lock(" + LogWriter.LOG_LOCK_KEY + ");\n" + """
            WITH head AS (
                UPDATE store_log_head SET position = ?::bigint, recorded_at = greatest(recorded_at, ?::timestamptz)
                WHERE id = 1 AND position = ?::bigint
                    AND EXISTS (SELECT 1 FROM store_event WHERE position = ?::bigint AND event_id = ?::uuid)
                RETURNING recorded_at, pg_notify(?, position::text) IS NULL AS notified),
            inserted AS (
                INSERT INTO store_event (position, stream, revision, event_id, type, source, subject, time,
                    schema_version, trace_id, causation_id, correlation_id, tenant_id, metadata, data, recorded_at)
                SELECT ?::bigint + e.ordinal, e.stream, e.revision, e.event_id::uuid, e.type, e.source, e.subject,
                    e.time::timestamptz, e.schema_version, e.trace_id, e.causation_id, e.correlation_id, e.tenant_id,
                    e.metadata, e.data, head.recorded_at
                FROM head, unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    WITH ORDINALITY AS e(stream, revision, event_id, type, source, subject, time, schema_version,
                        trace_id, causation_id, correlation_id, tenant_id, metadata, data, ordinal)
                RETURNING 1)
            SELECT (SELECT count(*) FROM head), (SELECT count(*) FROM inserted);
            COMMIT""";

    private final String notifyChannel;

    KnownRevisionsWriter(String notifyChannel) {
        this.notifyChannel = notifyChannel;
    }

    /**
     * Writes and commits {@code appends} from the cache's revisions; one result per append. Returns
     * {@code null} when it did not write: the cache does not know every stream, nothing would be
     * written (only conflicts, which only a read under the lock can confirm), or the head moved.
     * Throws {@link LogWriter.CommitOutcomeUnknown} when the commit may have happened.
     */
    List<AppendResult> writeAndCommit(Connection connection, List<PreparedAppend> appends, Instant now, RevisionCache cache)
            throws SQLException {
        List<String> streams = appends.stream().map(PreparedAppend::stream).distinct().toList();
        Map<String, Long> known = cache.revisionsOf(streams);
        if (known == null) {
            return null;
        }
        BatchPlan plan = BatchPlan.of(appends, known);
        if (plan.rowCount() == 0) {
            return null;
        }
        long headBefore = cache.head();
        long headAfter = headBefore + plan.rowCount();
        long[] revisions = plan.bases.stream().mapToLong(Long::longValue).toArray();
        if (!send(connection, plan, revisions, headBefore, cache.headEventId(), now)) {
            cache.forget();
            return null;
        }
        List<AppendResult> results = plan.results(revisions, headAfter);
        cache.countPlannedCommit();
        cache.committed(headBefore, headAfter, headEventId(plan, results), revisionsAfter(plan, revisions, results));
        return results;
    }

    /** The id of the event written at the highest position, or null when nothing was written. */
    static UUID headEventId(BatchPlan plan, List<AppendResult> results) {
        UUID id = null;
        long highest = 0;
        List<BatchPlan.Entry> entries = plan.entries();
        for (int index = 0; index < entries.size(); index++) {
            if (results.get(index) instanceof AppendResult.Appended appended && appended.lastPosition() > highest) {
                highest = appended.lastPosition();
                id = entries.get(index).append().events().getLast().id();
            }
        }
        return id;
    }

    /** Each stream's revision after the batch: its revision before plus the events written to it. */
    static Map<String, Long> revisionsAfter(BatchPlan plan, long[] before, List<AppendResult> results) {
        Map<String, Long> after = new HashMap<>();
        for (int stream = 0; stream < before.length; stream++) {
            after.put(plan.streams.get(stream), before[stream]);
        }
        List<BatchPlan.Entry> entries = plan.entries();
        for (int index = 0; index < entries.size(); index++) {
            if (results.get(index) instanceof AppendResult.Appended appended) {
                after.merge(entries.get(index).append().stream(), appended.nextRevision(), Math::max);
            }
        }
        return after;
    }

    /** Sends the statement; whether the head was where expected (and so everything was written). */
    private boolean send(Connection connection, BatchPlan plan, long[] revisions, long headBefore, UUID headEventId, Instant now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(WRITE_IF_HEAD_AND_COMMIT_SQL)) {
            int parameter = 1;
            statement.setLong(parameter++, headBefore + plan.rowCount());
            statement.setString(parameter++, now.toString());
            statement.setLong(parameter++, headBefore);
            statement.setLong(parameter++, headBefore);
            statement.setObject(parameter++, headEventId);
            statement.setString(parameter++, notifyChannel);
            statement.setLong(parameter++, headBefore);
            for (Array column : eventStreamsAndRevisions(connection, plan, revisions)) {
                statement.setArray(parameter++, column);
            }
            for (Array column : plan.rows.payloadColumns(connection)) {
                statement.setArray(parameter++, column);
            }
            try (ResultSet result = LogWriter.resultOf(statement, 2)) {
                Check.that(result.next(), "the write returned no row");
                boolean headHeld = result.getLong(1) == 1;
                long inserted = result.getLong(2);
                Check.that(inserted == (headHeld ? plan.rowCount() : 0), "inserted %d events, expected %d (head held: %s)",
                        inserted, plan.rowCount(), headHeld);
                return headHeld;
            }
        } catch (SQLException failure) {
            throw LogWriter.classified(connection, failure);
        }
    }

    /** The stream and revision of every event written, in the plan's order (the order of its rows). */
    private static List<Array> eventStreamsAndRevisions(Connection connection, BatchPlan plan, long[] revisions) throws SQLException {
        List<String> streams = new ArrayList<>(plan.rowCount());
        Long[] eventRevisions = new Long[plan.rowCount()];
        int row = 0;
        for (BatchPlan.Entry entry : plan.entries()) {
            if (!entry.writes()) {
                continue;
            }
            long revision = revisions[entry.stream()] + entry.offset();
            for (int index = 0; index < entry.append().size(); index++) {
                streams.add(entry.append().stream());
                eventRevisions[row++] = ++revision;
            }
        }
        return List.of(EventColumns.text(connection, streams), connection.createArrayOf("int8", eventRevisions));
    }
}
