package io.payrail.queue.internal;

import io.payrail.queue.ReceiptHandle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Statements that act on one receive of a message, named by its receipt handle. Each matches the
 * message id, receive count and token together, so a stale handle finds no row and changes nothing.
 */
public final class AcknowledgeStatements {
    private static final String MATCHES = "m.id = ? AND m.receive_count = ? AND m.receipt_token = ?";
    private static final String EXHAUSTED = "(q.dead_letter_queue_id IS NOT NULL AND m.receive_count >= q.max_receive_count)";
    private static final String FAIL = """
            UPDATE queue_message m SET
                queue_id = CASE WHEN %1$s THEN q.dead_letter_queue_id ELSE m.queue_id END,
                source_queue_id = CASE WHEN %1$s THEN m.queue_id ELSE m.source_queue_id END,
                failure_reason = CASE WHEN %1$s THEN ? ELSE m.failure_reason END,
                visible_at = CASE WHEN %1$s THEN now() ELSE now() + ? * interval '1 millisecond' END,
                receive_count = CASE WHEN %1$s THEN 0 ELSE m.receive_count END,
                attempts = coalesce(m.attempts, '[]'::jsonb) || jsonb_build_array(jsonb_build_object(
                    'attempt', m.receive_count, 'at', now(), 'error', ?))
            FROM queue_definition q
            WHERE %2$s AND q.id = m.queue_id
            RETURNING m.queue_id = q.id
            """.formatted(EXHAUSTED, MATCHES);

    private AcknowledgeStatements() {}

    public static boolean delete(Connection connection, ReceiptHandle handle) throws SQLException {
        try (PreparedStatement statement = bindHandle(connection.prepareStatement("DELETE FROM queue_message m WHERE " + MATCHES), 1, handle)) {
            return statement.executeUpdate() == 1;
        }
    }

    /** Deletes in one statement; returns the handles that matched (and so deleted their message). */
    public static Set<ReceiptHandle> deleteAll(Connection connection, List<ReceiptHandle> handles) throws SQLException {
        Long[] ids = new Long[handles.size()];
        Integer[] counts = new Integer[handles.size()];
        Long[] tokens = new Long[handles.size()];
        for (int index = 0; index < handles.size(); index++) {
            ids[index] = handles.get(index).messageId();
            counts[index] = handles.get(index).receiveCount();
            tokens[index] = handles.get(index).token();
        }
        String sql = """
                DELETE FROM queue_message m USING unnest(?::bigint[], ?::integer[], ?::bigint[]) AS h(id, receive_count, token)
                WHERE m.id = ANY(?::bigint[]) AND m.id = h.id AND m.receive_count = h.receive_count AND m.receipt_token = h.token
                RETURNING m.id, m.receive_count, m.receipt_token
                """;
        try (PreparedStatement statement = Sql.bind(connection.prepareStatement(Sql.INDEX_PLANS_ONLY + sql),
                Sql.bigintArray(connection, ids), Sql.integerArray(connection, counts), Sql.bigintArray(connection, tokens),
                Sql.bigintArray(connection, ids));
                ResultSet rows = Sql.queryAfterSettings(statement)) {
            Set<ReceiptHandle> deleted = new HashSet<>();
            while (rows.next()) {
                deleted.add(new ReceiptHandle(rows.getLong(1), rows.getInt(2), rows.getLong(3)));
            }
            return deleted;
        }
    }

    public static boolean changeVisibility(Connection connection, ReceiptHandle handle, long timeoutMillis) throws SQLException {
        String sql = "UPDATE queue_message m SET visible_at = now() + ? * interval '1 millisecond' WHERE " + MATCHES;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, timeoutMillis);
            bindHandle(statement, 2, handle);
            return statement.executeUpdate() == 1;
        }
    }

    /** The message's queue id, or null when the handle's message is gone. */
    public static Integer queueOf(Connection connection, ReceiptHandle handle) throws SQLException {
        try (PreparedStatement statement = Sql.bind(connection.prepareStatement("SELECT queue_id FROM queue_message WHERE id = ?"),
                handle.messageId()); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getInt(1) : null;
        }
    }

    public enum FailResult { RETRY_SCHEDULED, DEAD_LETTERED, STALE }

    /** Records the failed attempt; retries after {@code backoffMillis} or dead-letters when receives are used up. */
    public static FailResult fail(Connection connection, ReceiptHandle handle, String reason, long backoffMillis)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FAIL)) {
            statement.setString(1, reason);
            statement.setLong(2, backoffMillis);
            statement.setString(3, reason);
            bindHandle(statement, 4, handle);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return FailResult.STALE;
                }
                return rows.getBoolean(1) ? FailResult.RETRY_SCHEDULED : FailResult.DEAD_LETTERED;
            }
        }
    }

    private static PreparedStatement bindHandle(PreparedStatement statement, int first, ReceiptHandle handle) throws SQLException {
        statement.setLong(first, handle.messageId());
        statement.setInt(first + 1, handle.receiveCount());
        statement.setLong(first + 2, handle.token());
        return statement;
    }
}
