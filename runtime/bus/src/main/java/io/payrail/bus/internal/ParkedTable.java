package io.payrail.bus.internal;

import io.payrail.bus.ParkedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** SQL for {@code bus_parked_event}. */
public final class ParkedTable {
    /** The longest failure reason kept; longer ones are cut (a reason is a hint, not a dump). */
    public static final int REASON_CHARS_MAX = 1_000;

    /** The most parked keys one subscription tracks in memory; more means something is badly wrong. */
    public static final int BLOCKED_KEYS_MAX = 100_000;

    /** The most parked events one redrive round takes. */
    public static final int REDRIVE_PAGE_MAX = 1_000;

    private ParkedTable() {}

    /** Parks rows; a row already parked at that position (a replay meeting it again) is left as it is. */
    public static void insert(Connection connection, List<ParkedEvent> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO bus_parked_event
                    (subscription, position, partition_key, event_id, event_type, attempts, reason, parked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subscription, position) DO NOTHING""")) {
            for (ParkedEvent row : rows) {
                insert.setString(1, row.subscription());
                insert.setLong(2, row.position());
                insert.setString(3, row.partitionKey());
                insert.setObject(4, row.eventId());
                insert.setString(5, row.eventType());
                insert.setInt(6, row.attempts());
                insert.setString(7, cut(row.reason()));
                insert.setTimestamp(8, Timestamp.from(now));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public static Set<String> blockedKeys(Connection connection, String subscription) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT partition_key FROM bus_parked_event WHERE subscription = ? LIMIT ?")) {
            select.setString(1, subscription);
            select.setInt(2, BLOCKED_KEYS_MAX + 1);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
        }
        io.payrail.platform.Check.that(keys.size() <= BLOCKED_KEYS_MAX,
                "subscription %s has more than %d parked keys", subscription, BLOCKED_KEYS_MAX);
        return keys;
    }

    public static List<ParkedEvent> list(Connection connection, String subscription, long afterPosition, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT subscription, position, partition_key, event_id, event_type, attempts, reason
                  FROM bus_parked_event WHERE (CAST(? AS text) IS NULL OR subscription = ?) AND position > ?
                 ORDER BY subscription, position LIMIT ?""")) {
            select.setString(1, subscription);
            select.setString(2, subscription);
            select.setLong(3, afterPosition);
            select.setInt(4, limit);
            return readRows(select);
        }
    }

    private static List<ParkedEvent> readRows(PreparedStatement select) throws SQLException {
        List<ParkedEvent> result = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                result.add(new ParkedEvent(rows.getString(1), rows.getLong(2), rows.getString(3),
                        rows.getObject(4, java.util.UUID.class), rows.getString(5), rows.getInt(6), rows.getString(7)));
            }
        }
        return result;
    }

    public static void delete(Connection connection, String subscription, long position) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM bus_parked_event WHERE subscription = ? AND position = ?")) {
            delete.setString(1, subscription);
            delete.setLong(2, position);
            delete.executeUpdate();
        }
    }

    /** A redriven event failed again: it and the rest of its key stay parked until the next request. */
    public static void failedAgain(Connection connection, String subscription, String partitionKey, long position,
            int attempts, String reason) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE bus_parked_event SET attempts = attempts + ?, reason = ? WHERE subscription = ? AND position = ?""")) {
            update.setInt(1, attempts);
            update.setString(2, cut(reason));
            update.setString(3, subscription);
            update.setLong(4, position);
            update.executeUpdate();
        }
        try (PreparedStatement clear = connection.prepareStatement("""
                UPDATE bus_parked_event SET redrive_requested = false WHERE subscription = ? AND partition_key = ?""")) {
            clear.setString(1, subscription);
            clear.setString(2, partitionKey);
            clear.executeUpdate();
        }
    }

    public static int requestRedrive(Connection connection, String subscription, String partitionKey)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE bus_parked_event SET redrive_requested = true
                 WHERE subscription = ? AND (CAST(? AS text) IS NULL OR partition_key = ?)""")) {
            update.setString(1, subscription);
            update.setString(2, partitionKey);
            update.setString(3, partitionKey);
            return update.executeUpdate();
        }
    }

    public static boolean keyStillParked(Connection connection, String subscription, String partitionKey)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM bus_parked_event WHERE subscription = ? AND partition_key = ? LIMIT 1")) {
            select.setString(1, subscription);
            select.setString(2, partitionKey);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    static String cut(String reason) {
        String text = reason == null ? "unknown" : reason;
        return text.length() <= REASON_CHARS_MAX ? text : text.substring(0, REASON_CHARS_MAX);
    }

    /** Keys with events an operator asked to redrive, at most {@code limit}. */
    public static List<String> keysToRedrive(Connection connection, String subscription, int limit)
            throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT DISTINCT partition_key FROM bus_parked_event
                 WHERE subscription = ? AND redrive_requested LIMIT ?""")) {
            select.setString(1, subscription);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
        }
        return keys;
    }

    /** The parked events of one key, oldest first. */
    public static List<ParkedEvent> ofKey(Connection connection, String subscription, String partitionKey, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT subscription, position, partition_key, event_id, event_type, attempts, reason
                  FROM bus_parked_event WHERE subscription = ? AND partition_key = ?
                 ORDER BY position LIMIT ?""")) {
            select.setString(1, subscription);
            select.setString(2, partitionKey);
            select.setInt(3, limit);
            return readRows(select);
        }
    }
}
