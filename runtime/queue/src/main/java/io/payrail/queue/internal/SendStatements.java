package io.payrail.queue.internal;

import io.payrail.platform.Check;
import io.payrail.queue.OutgoingMessage;
import io.payrail.queue.SendResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts messages on the caller's connection (so they commit with the caller's other writes) and
 * notifies the queue's listeners in the same transaction: PostgreSQL delivers the notification only
 * if, and when, the transaction commits.
 */
public final class SendStatements {
    private static final String INSERT_MANY = """
            WITH inserted AS (
                INSERT INTO queue_message (queue_id, tenant_id, message_group, visible_at, sent_at,
                                           trace_id, correlation_id, causation_id, body)
                SELECT ?, u.tenant_id, u.message_group, now() + u.delay_millis * interval '1 millisecond', now(),
                       u.trace_id, u.correlation_id, u.causation_id, u.body
                FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
                     AS u(tenant_id, message_group, delay_millis, trace_id, correlation_id, causation_id, body)
                RETURNING id),
            notified AS (SELECT CASE WHEN ? THEN pg_notify('%s', ?) END AS done)
            SELECT inserted.id FROM inserted, notified ORDER BY inserted.id
            """.formatted(Sql.NOTIFY_CHANNEL);

    private static final String INSERT_DEDUPLICATED = """
            WITH claim AS (
                INSERT INTO queue_deduplication (queue_id, deduplication_id, message_id, expires_at)
                SELECT q.id, ?, nextval('queue_message_id'), now() + q.deduplication_window_millis * interval '1 millisecond'
                FROM queue_definition q WHERE q.id = ?
                ON CONFLICT (queue_id, deduplication_id) DO UPDATE
                    SET message_id = EXCLUDED.message_id, expires_at = EXCLUDED.expires_at
                    WHERE queue_deduplication.expires_at <= now()
                RETURNING message_id),
            inserted AS (
                INSERT INTO queue_message (id, queue_id, tenant_id, message_group, visible_at, sent_at,
                                           trace_id, correlation_id, causation_id, body)
                SELECT claim.message_id, ?, ?, ?, now() + ? * interval '1 millisecond', now(), ?, ?, ?, ?
                FROM claim
                RETURNING id)
            SELECT id FROM inserted
            """;

    private SendStatements() {}

    /** Inserts messages without deduplication ids; returns their ids in the order given. */
    public static List<Long> insertMany(Connection connection, QueueRecord queue, List<OutgoingMessage> messages,
            boolean notify) throws SQLException {
        int count = messages.size();
        String[] tenants = new String[count];
        String[] groups = new String[count];
        Long[] delays = new Long[count];
        String[] traces = new String[count];
        String[] correlations = new String[count];
        String[] causations = new String[count];
        String[] bodies = new String[count];
        for (int index = 0; index < count; index++) {
            OutgoingMessage message = messages.get(index);
            tenants[index] = message.tenantId();
            groups[index] = message.messageGroup();
            delays[index] = message.delay().toMillis();
            traces[index] = message.trace().traceId();
            correlations[index] = message.trace().correlationId();
            causations[index] = message.trace().causationId();
            bodies[index] = message.body();
        }
        try (PreparedStatement statement = Sql.bind(connection.prepareStatement(INSERT_MANY), queue.id(),
                Sql.textArray(connection, tenants), Sql.textArray(connection, groups), Sql.bigintArray(connection, delays),
                Sql.textArray(connection, traces), Sql.textArray(connection, correlations),
                Sql.textArray(connection, causations), Sql.textArray(connection, bodies), notify, queue.name());
                ResultSet rows = statement.executeQuery()) {
            List<Long> ids = new ArrayList<>(count);
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            // The sequence hands out ids in the order unnest produces the rows, which is the order
            // given; FIFO order within a group rests on this, so it is checked, not assumed.
            Check.that(ids.size() == count, "inserted %d messages, expected %d", ids.size(), count);
            return ids;
        }
    }

    /** Inserts one message unless its deduplication id was used within the queue's window. */
    public static SendResult insertDeduplicated(Connection connection, QueueRecord queue, OutgoingMessage message,
            boolean notify) throws SQLException {
        try (PreparedStatement statement = Sql.bind(connection.prepareStatement(INSERT_DEDUPLICATED),
                message.deduplicationId(), queue.id(), queue.id(), message.tenantId(), message.messageGroup(),
                message.delay().toMillis(), message.trace().traceId(), message.trace().correlationId(),
                message.trace().causationId(), message.body());
                ResultSet rows = statement.executeQuery()) {
            if (rows.next()) {
                long id = rows.getLong(1);
                if (notify) {
                    notify(connection, queue);
                }
                return new SendResult.Sent(id);
            }
        }
        return new SendResult.Duplicate(originalOf(connection, queue, message.deduplicationId()));
    }

    /** A new statement sees a concurrent sender's committed claim that the insert above waited for. */
    private static long originalOf(Connection connection, QueueRecord queue, String deduplicationId) throws SQLException {
        String sql = "SELECT message_id FROM queue_deduplication WHERE queue_id = ? AND deduplication_id = ?";
        try (PreparedStatement statement = Sql.bind(connection.prepareStatement(sql), queue.id(), deduplicationId);
                ResultSet rows = statement.executeQuery()) {
            Check.that(rows.next(), "deduplication id %s of queue %s conflicted but has no row", deduplicationId, queue.name());
            return rows.getLong(1);
        }
    }

    private static void notify(Connection connection, QueueRecord queue) throws SQLException {
        try (PreparedStatement statement = Sql.bind(connection.prepareStatement("SELECT pg_notify(?, ?)"),
                Sql.NOTIFY_CHANNEL, queue.name())) {
            statement.execute();
        }
    }
}
