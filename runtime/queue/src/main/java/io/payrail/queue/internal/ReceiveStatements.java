package io.payrail.queue.internal;

import io.payrail.queue.MessageTrace;
import io.payrail.queue.QueueLimits;
import io.payrail.queue.ReceiptHandle;
import io.payrail.queue.ReceivedMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The receive statements. Each is one statement in its own transaction: it picks ready messages,
 * locks them with {@code FOR UPDATE SKIP LOCKED} (concurrent receivers take different rows and never
 * wait), and makes them invisible for the visibility timeout. A message already received
 * {@code maxReceiveCount} times moves to the dead-letter queue instead of being delivered.
 *
 * <p>The database clock ({@code now()}) decides visibility: it is the one clock all nodes share.
 */
public final class ReceiveStatements {
    /** True for a candidate that has used its receives: it goes to the dead-letter queue. */
    private static final String EXHAUSTED = "(q.dead_letter_queue_id IS NOT NULL AND m.receive_count >= q.max_receive_count)";

    // Marks the candidates received (or dead-lettered) and returns them. The attempt history gains
    // an entry when the previous receive ended by its visibility timeout rather than by a failure report.
    private static final String RECEIVE_UPDATE = """
            UPDATE queue_message m SET
                queue_id = CASE WHEN %1$s THEN q.dead_letter_queue_id ELSE m.queue_id END,
                source_queue_id = CASE WHEN %1$s THEN m.queue_id ELSE m.source_queue_id END,
                failure_reason = CASE WHEN %1$s THEN 'received ' || m.receive_count || ' times (maxReceiveCount '
                    || q.max_receive_count || '), last visibility timeout expired' ELSE m.failure_reason END,
                visible_at = CASE WHEN %1$s THEN now()
                    ELSE now() + coalesce(?, q.visibility_timeout_millis) * interval '1 millisecond' END,
                receive_count = CASE WHEN %1$s THEN 0 ELSE m.receive_count + 1 END,
                receipt_token = CASE WHEN %1$s THEN 0 ELSE ? END,
                attempts = CASE WHEN m.receive_count > coalesce(jsonb_array_length(m.attempts), 0)
                    THEN coalesce(m.attempts, '[]'::jsonb) || jsonb_build_array(jsonb_build_object(
                        'attempt', m.receive_count, 'at', m.visible_at, 'error', 'visibility timeout expired'))
                    ELSE m.attempts END
            FROM queue_definition q
            WHERE m.id = ANY(ARRAY(SELECT c.id FROM candidates c)) AND q.id = m.queue_id
            RETURNING m.id, m.queue_id, m.tenant_id, m.body, m.message_group, m.trace_id, m.correlation_id,
                      m.causation_id, m.receive_count, m.sent_at, m.receipt_token
            """.formatted(EXHAUSTED);

    // Fairness: visit up to TENANTS_PER_RECEIVE_MAX tenants that have ready messages (no more than the
    // batch: a receive of one message needs one tenant, and the rotating cursor gives the others their
    // turns), in key order starting after the cursor and wrapping around, with a loose index scan (one
    // index probe per tenant, however deep each backlog is); then take an equal share from each.
    // The probe is inline and the statement runs after Sql.INDEX_PLANS_ONLY, which keeps it an ordered
    // walk of queue_message_tenant that stops at the first ready message. It used to call the
    // plan-pinned SQL function queue_next_ready_tenant, which PostgreSQL plans again on every call
    // (a function with SET clauses is not inlined or cached): pg_stat_statements during the
    // one-per-call latency run had the lookup at 1.62 ms per call, a third of the server's statement
    // time, of which the probes themselves were 0.24 ms.
    private static final String NEXT_READY_TENANT = """
            (SELECT m.tenant_id FROM queue_message m
             WHERE m.queue_id = ? AND m.tenant_id > %s AND m.visible_at <= now()
             ORDER BY m.tenant_id LIMIT 1)""";
    private static final String NEXT_TENANT = "COALESCE(" + NEXT_READY_TENANT + ", " + NEXT_READY_TENANT.formatted("''") + ")";
    // The ready tenants after a cursor, wrapping around: the loose index scan of the round above,
    // run only when the process's cached list is stale (see ReadyTenants).
    private static final String READY_TENANTS = """
            WITH RECURSIVE tenants (tenant_id, first_tenant, depth) AS (
                SELECT s.tenant_id, s.tenant_id, 1 FROM (SELECT %1$s AS tenant_id) s WHERE s.tenant_id IS NOT NULL
              UNION ALL
                SELECT n.tenant_id, p.first_tenant, p.depth + 1
                FROM tenants p CROSS JOIN LATERAL (SELECT %2$s AS tenant_id) n
                WHERE p.depth < ? AND n.tenant_id IS NOT NULL AND n.tenant_id <> p.first_tenant
            )
            SELECT tenant_id FROM tenants
            """.formatted(NEXT_TENANT.formatted("?"), NEXT_TENANT.formatted("p.tenant_id"));

    // A fair receive over tenants the caller already knows: an equal share from each, oldest first.
    // Inline rather than through the plan-pinned queue_lock_ready(): a SQL function with SET clauses
    // is planned again on every call (0.45 ms against 0.08 ms measured with EXPLAIN ANALYZE on a
    // 47,000-message backlog), while this statement's plan is cached by the prepared statement.
    // The tenant is matched by a range, not by equality, on purpose: with equality the planner knows
    // the tenant is fixed, so the primary key also gives id order, and with one tenant holding every
    // row it chose to walk the primary key filtering rows (EXPLAIN ANALYZE, 1,000,000-message
    // backlog: 500,000 rows removed, 117 ms for a light tenant). With the range only
    // queue_message_tenant gives the order asked for: 0.07 ms (custom plan), 0.27 ms (generic plan).
    private static final String FAIR_CANDIDATES = """
            candidates AS (
                SELECT picked.id FROM unnest(?::text[]) AS t(tenant_id)
                CROSS JOIN LATERAL (
                    SELECT m.id FROM queue_message m
                    WHERE m.queue_id = ? AND m.tenant_id >= t.tenant_id AND m.tenant_id <= t.tenant_id
                      AND m.visible_at <= now()%s
                    ORDER BY m.tenant_id, m.id LIMIT ?
                    FOR UPDATE SKIP LOCKED) AS picked
                LIMIT ?
            )
            """;
    private static final String RECEIVE_FROM_TENANTS = "WITH " + FAIR_CANDIDATES.formatted("") + RECEIVE_UPDATE;

    // FIFO: a group's head is its lowest id; only a ready head can be delivered, so a group with a
    // message in flight or waiting for a retry is blocked until that message is deleted or
    // dead-lettered. Groups are visited in key order after the cursor, wrapping around.
    private static final String NEXT_HEAD = """
            (SELECT * FROM queue_next_group_head(?, %s) WHERE id IS NOT NULL
             UNION ALL
             SELECT * FROM queue_next_group_head(?, '') WHERE id IS NOT NULL
             LIMIT 1)
            """;
    private static final String FIFO_CANDIDATES = """
            heads (message_group, id, visible_at, first_group, depth) AS (
                SELECT s.message_group, s.id, s.visible_at, s.message_group, 1 FROM %1$s s
              UNION ALL
                SELECT n.message_group, n.id, n.visible_at, p.first_group, p.depth + 1
                FROM heads p CROSS JOIN LATERAL %2$s n
                WHERE p.depth < ? AND n.message_group <> p.first_group
            ),
            candidates AS (
                SELECT m.id FROM queue_message m
                WHERE m.id = ANY(ARRAY(SELECT h.id FROM heads h WHERE h.visible_at <= now() LIMIT ?))
                  AND m.visible_at <= now()%%s
                FOR UPDATE SKIP LOCKED
            )
            """.formatted(NEXT_HEAD.formatted("?"), NEXT_HEAD.formatted("p.message_group"));
    private static final String RECEIVE_FIFO = "WITH RECURSIVE " + FIFO_CANDIDATES.formatted("") + RECEIVE_UPDATE;

    // Acknowledgements riding on a receive: the consumer's previous batch is deleted by the statement
    // that receives its next one, so a consumer cycle costs one statement and one commit instead of
    // two. The delete matches id, receive count and token, exactly as a delete of its own, so a stale
    // handle deletes nothing; the receive skips the acknowledged ids, so no row is both deleted and
    // received by one statement (a message whose visibility expired is deleted if its handle is
    // still current, else left alone). Returned rows carry a last column telling the two apart.
    private static final String ACKNOWLEDGED = """
            acknowledged AS (
                DELETE FROM queue_message m USING unnest(?::bigint[], ?::integer[], ?::bigint[]) AS h(id, receive_count, token)
                WHERE m.id = ANY(?::bigint[]) AND m.id = h.id AND m.receive_count = h.receive_count
                  AND m.receipt_token = h.token
                RETURNING m.id, m.receive_count, m.receipt_token
            ),
            """;
    private static final String EXCLUDE_ACKNOWLEDGED = " AND m.id <> ALL(?::bigint[])";
    private static final String RECEIVED_AND_ACKNOWLEDGED = """
            , received AS (
            %s)
            SELECT r.*, false FROM received r
            UNION ALL
            SELECT a.id, NULL::integer, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text,
                   a.receive_count, NULL::timestamptz, a.receipt_token, true
            FROM acknowledged a
            """.formatted(RECEIVE_UPDATE);
    private static final String ACKNOWLEDGE_AND_RECEIVE_FROM_TENANTS = "WITH " + ACKNOWLEDGED
            + FAIR_CANDIDATES.formatted(EXCLUDE_ACKNOWLEDGED) + RECEIVED_AND_ACKNOWLEDGED;
    private static final String ACKNOWLEDGE_AND_RECEIVE_FIFO = "WITH RECURSIVE " + ACKNOWLEDGED
            + FIFO_CANDIDATES.formatted(EXCLUDE_ACKNOWLEDGED) + RECEIVED_AND_ACKNOWLEDGED;

    private ReceiveStatements() {}

    /**
     * The messages received, the number that moved to the dead-letter queue instead, and the
     * acknowledged handles that matched (and so deleted their message).
     */
    public record Received(List<ReceivedMessage> delivered, int deadLettered, Set<ReceiptHandle> acknowledged) {}

    /** FIFO: receives up to {@code batch} ready group heads, visiting groups in key order after {@code cursor}. */
    public static Received receiveGroupHeads(Connection connection, QueueRecord queue, String cursor, int batch,
            Long visibilityTimeoutMillis, long token) throws SQLException {
        return receiveGroupHeads(connection, queue, cursor, batch, visibilityTimeoutMillis, token, List.of());
    }

    /** As above, and deletes the messages of the still current handles in {@code acknowledge} in the same statement. */
    public static Received receiveGroupHeads(Connection connection, QueueRecord queue, String cursor, int batch,
            Long visibilityTimeoutMillis, long token, List<ReceiptHandle> acknowledge) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = acknowledge.isEmpty() ? RECEIVE_FIFO : ACKNOWLEDGE_AND_RECEIVE_FIFO;
        addHandles(connection, parameters, acknowledge);
        parameters.addAll(List.of(queue.id(), cursor, queue.id(), queue.id(), queue.id(), QueueLimits.GROUPS_PER_RECEIVE_MAX,
                batch));
        addExcluded(connection, parameters, acknowledge);
        return execute(connection, sql, parameters, visibilityTimeoutMillis, token, queue, !acknowledge.isEmpty());
    }

    /** Up to {@code max} tenants with ready messages, in key order after {@code cursor}, wrapping around. */
    public static List<String> readyTenants(Connection connection, QueueRecord queue, String cursor, int max)
            throws SQLException {
        try (PreparedStatement statement = Sql.bind(connection.prepareStatement(Sql.INDEX_PLANS_ONLY + READY_TENANTS),
                queue.id(), cursor, queue.id(), queue.id(), queue.id(), max); ResultSet rows = Sql.queryAfterSettings(statement)) {
            List<String> tenants = new ArrayList<>();
            while (rows.next()) {
                tenants.add(rows.getString(1));
            }
            return tenants;
        }
    }

    /** Receives up to {@code batch} messages, at most {@code share} from each of {@code tenants}. */
    public static Received receiveFromTenants(Connection connection, QueueRecord queue, List<String> tenants, int share,
            int batch, Long visibilityTimeoutMillis, long token) throws SQLException {
        return receiveFromTenants(connection, queue, tenants, share, batch, visibilityTimeoutMillis, token, List.of());
    }

    /** As above, and deletes the messages of the still current handles in {@code acknowledge} in the same statement. */
    public static Received receiveFromTenants(Connection connection, QueueRecord queue, List<String> tenants, int share,
            int batch, Long visibilityTimeoutMillis, long token, List<ReceiptHandle> acknowledge) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = acknowledge.isEmpty() ? RECEIVE_FROM_TENANTS : ACKNOWLEDGE_AND_RECEIVE_FROM_TENANTS;
        addHandles(connection, parameters, acknowledge);
        parameters.add(Sql.textArray(connection, tenants.toArray(String[]::new)));
        parameters.add(queue.id());
        addExcluded(connection, parameters, acknowledge);
        parameters.add(share);
        parameters.add(batch);
        return execute(connection, sql, parameters, visibilityTimeoutMillis, token, queue, !acknowledge.isEmpty());
    }

    private static void addHandles(Connection connection, List<Object> parameters, List<ReceiptHandle> handles)
            throws SQLException {
        if (handles.isEmpty()) {
            return;
        }
        parameters.add(Sql.bigintArray(connection, handles.stream().map(ReceiptHandle::messageId).toArray(Long[]::new)));
        parameters.add(Sql.integerArray(connection, handles.stream().map(ReceiptHandle::receiveCount).toArray(Integer[]::new)));
        parameters.add(Sql.bigintArray(connection, handles.stream().map(ReceiptHandle::token).toArray(Long[]::new)));
        parameters.add(Sql.bigintArray(connection, handles.stream().map(ReceiptHandle::messageId).toArray(Long[]::new)));
    }

    private static void addExcluded(Connection connection, List<Object> parameters, List<ReceiptHandle> handles)
            throws SQLException {
        if (!handles.isEmpty()) {
            parameters.add(Sql.bigintArray(connection, handles.stream().map(ReceiptHandle::messageId).toArray(Long[]::new)));
        }
    }

    /**
     * Binds {@code parameters}, then the visibility timeout (a typed null for the queue's own) and the
     * receipt token. Every receive runs after {@link Sql#INDEX_PLANS_ONLY}, and each of its steps can
     * reach rows through an index condition ({@code id = ANY(...)}, the tenant range, the group
     * heads), so its plan (cached per connection) holds for any table size and any statistics: a
     * vacuum that ran while the queue was empty records zero rows per page. Measured without: the
     * update's join {@code m.id = c.id} ran as a nested loop over all 98,961 rows for each of 70
     * candidates (1.6 s per receive), then, with {@code id = ANY}, each tenant's pick was a bitmap
     * scan and sort of its whole backlog (20 ms per tenant).
     */
    private static Received execute(Connection connection, String sql, List<Object> parameters, Long visibilityTimeoutMillis,
            long token, QueueRecord queue, boolean acknowledging) throws SQLException {
        PreparedStatement statement = Sql.bind(connection.prepareStatement(Sql.INDEX_PLANS_ONLY + sql), parameters.toArray());
        try (statement) {
            int timeoutIndex = parameters.size() + 1;
            if (visibilityTimeoutMillis == null) {
                statement.setNull(timeoutIndex, java.sql.Types.BIGINT);
            } else {
                statement.setLong(timeoutIndex, visibilityTimeoutMillis);
            }
            statement.setLong(timeoutIndex + 1, token);
            try (ResultSet rows = Sql.queryAfterSettings(statement)) {
                return read(rows, queue, acknowledging);
            }
        }
    }

    private static Received read(ResultSet rows, QueueRecord queue, boolean acknowledging) throws SQLException {
        List<ReceivedMessage> delivered = new ArrayList<>();
        Set<ReceiptHandle> acknowledged = new HashSet<>();
        int deadLettered = 0;
        while (rows.next()) {
            long id = rows.getLong(1);
            int receiveCount = rows.getInt(9);
            if (acknowledging && rows.getBoolean(12)) {
                acknowledged.add(new ReceiptHandle(id, receiveCount, rows.getLong(11)));
                continue;
            }
            if (rows.getInt(2) != queue.id()) {
                deadLettered++;
                continue;
            }
            delivered.add(new ReceivedMessage(id, queue.name(), rows.getString(3), rows.getString(4), rows.getString(5),
                    new MessageTrace(rows.getString(6), rows.getString(7), rows.getString(8)), receiveCount,
                    rows.getObject(10, OffsetDateTime.class).toInstant(),
                    new ReceiptHandle(id, receiveCount, rows.getLong(11))));
        }
        // The update returns rows in no particular order; ids give send order (FIFO within a group).
        delivered.sort((left, right) -> Long.compare(left.messageId(), right.messageId()));
        return new Received(delivered, deadLettered, acknowledged);
    }
}
