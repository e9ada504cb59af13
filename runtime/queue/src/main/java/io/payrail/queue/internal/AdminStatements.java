package io.payrail.queue.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.payrail.platform.Json;
import io.payrail.queue.AttemptRecord;
import io.payrail.queue.DeadLetter;
import io.payrail.queue.QueueLimits;
import io.payrail.queue.QueueType;
import io.payrail.queue.QueueSummary;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The statements behind the operators' commands. */
public final class AdminStatements {
    /** Queues shown by one listing. */
    public static final int QUEUE_LIST_MAX = 1_000;

    private static final String SUMMARY = """
            SELECT q.name, q.fifo, d.name,
                   count(m.id) FILTER (WHERE m.visible_at <= now()),
                   count(m.id) FILTER (WHERE m.visible_at > now() AND m.receive_count > 0),
                   count(m.id) FILTER (WHERE m.visible_at > now() AND m.receive_count = 0),
                   coalesce((extract(epoch FROM now() - min(m.sent_at)) * 1000)::bigint, 0)
            FROM queue_definition q
            LEFT JOIN queue_message m ON m.queue_id = q.id
            LEFT JOIN queue_definition d ON d.id = q.dead_letter_queue_id
            GROUP BY q.id, q.name, q.fifo, d.name
            ORDER BY q.name
            LIMIT %d
            """.formatted(QUEUE_LIST_MAX);

    private static final String DEAD_LETTERS = """
            SELECT m.id, m.tenant_id, s.name, m.sent_at, length(m.body), m.failure_reason, m.attempts
            FROM queue_message m LEFT JOIN queue_definition s ON s.id = m.source_queue_id
            WHERE m.queue_id = ? AND m.tenant_id >= ? AND (m.tenant_id, m.id) > (?, ?)
            ORDER BY m.tenant_id, m.id
            LIMIT ?
            """;

    private static final TypeReference<List<Map<String, Object>>> ATTEMPTS = new TypeReference<>() {};

    private AdminStatements() {}

    public static List<QueueSummary> summaries(Connection connection) throws SQLException {
        record Row(String name, boolean fifo, String deadLetter, long ready, long inFlight, long delayed, long oldestMillis) {}
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SUMMARY); ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(new Row(result.getString(1), result.getBoolean(2), result.getString(3), result.getLong(4),
                        result.getLong(5), result.getLong(6), result.getLong(7)));
            }
        }
        Map<String, Long> depths = new HashMap<>();
        rows.forEach(row -> depths.put(row.name(), row.ready() + row.inFlight() + row.delayed()));
        return rows.stream().map(row -> new QueueSummary(row.name(), row.fifo() ? QueueType.FIFO : QueueType.STANDARD,
                row.ready(), row.inFlight(), row.delayed(), Duration.ofMillis(row.oldestMillis()), row.deadLetter(),
                row.deadLetter() == null ? -1 : depths.getOrDefault(row.deadLetter(), 0L))).toList();
    }

    /** A page of dead letters after the keyset position ({@code tenant}, {@code id}), ordered by tenant then id. */
    public static List<DeadLetter> deadLetters(Connection connection, QueueRecord queue, String afterTenant, long afterId, int limit)
            throws SQLException {
        try (PreparedStatement statement = Sql.bind(connection.prepareStatement(DEAD_LETTERS), queue.id(), afterTenant, afterTenant, afterId,
                limit); ResultSet rows = statement.executeQuery()) {
            List<DeadLetter> letters = new ArrayList<>();
            while (rows.next()) {
                letters.add(new DeadLetter(rows.getLong(1), rows.getString(2), rows.getString(3),
                        rows.getObject(4, OffsetDateTime.class).toInstant(), rows.getInt(5), rows.getString(6),
                        attempts(rows.getString(7))));
            }
            return letters;
        }
    }

    static List<AttemptRecord> attempts(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(json, ATTEMPTS).stream().map(entry -> new AttemptRecord(
                    ((Number) entry.get("attempt")).intValue(), OffsetDateTime.parse((String) entry.get("at")).toInstant(),
                    (String) entry.get("error"))).toList();
        } catch (IOException failure) {
            throw new IllegalStateException("attempt history is not the JSON the queue writes: " + failure.getMessage(), failure);
        }
    }

    /** Deletes up to {@link QueueLimits#DELETE_SWEEP_BATCH_MAX} messages of the queue; returns how many. */
    public static int purgeBatch(Connection connection, QueueRecord queue) throws SQLException {
        String sql = "DELETE FROM queue_message WHERE id IN (SELECT m.id FROM queue_message m WHERE m.queue_id = ? AND "
                + Sql.everyTenant("m") + " LIMIT ?)";
        try (PreparedStatement statement = Sql.bind(connection.prepareStatement(sql), queue.id(),
                QueueLimits.DELETE_SWEEP_BATCH_MAX)) {
            return statement.executeUpdate();
        }
    }

    /** Deletes up to a sweep batch of messages older than their queue's retention, and expired deduplication ids. */
    public static int expireBatch(Connection connection) throws SQLException {
        String messages = """
                DELETE FROM queue_message WHERE id IN (
                    SELECT m.id FROM queue_message m JOIN queue_definition q ON q.id = m.queue_id
                    WHERE m.sent_at < now() - q.retention_millis * interval '1 millisecond' LIMIT ?)
                """;
        String deduplications = """
                DELETE FROM queue_deduplication WHERE (queue_id, deduplication_id) IN (
                    SELECT queue_id, deduplication_id FROM queue_deduplication WHERE expires_at < now() LIMIT ?)
                """;
        int deleted = 0;
        for (String sql : List.of(messages, deduplications)) {
            try (PreparedStatement statement = Sql.bind(connection.prepareStatement(sql), QueueLimits.DELETE_SWEEP_BATCH_MAX)) {
                deleted += statement.executeUpdate();
            }
        }
        return deleted;
    }
}
