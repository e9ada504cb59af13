package io.payrail.bus.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** SQL for {@code bus_subscription}: the durable cursor, its epoch and replay state. */
public final class CursorTable {
    /** First key of the advisory locks that guard subscriptions ("bu" in ASCII). */
    public static final int ADVISORY_LOCK_CLASS = 0x6275;

    private static final String COLUMNS =
            "name, lock_id, position, epoch, reset_epoch, replay_until, replay_rate, control_version";

    private CursorTable() {}

    /** Creates the row when missing; an existing subscription keeps its cursor. */
    public static void createIfMissing(Connection connection, String name, long startPosition, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO bus_subscription (name, position, epoch, reset_epoch, created_at, updated_at)
                VALUES (?, ?, 1, 1, ?, ?) ON CONFLICT (name) DO NOTHING""")) {
            insert.setString(1, name);
            insert.setLong(2, startPosition);
            insert.setTimestamp(3, Timestamp.from(now));
            insert.setTimestamp(4, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    public static Optional<CursorState> load(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM bus_subscription WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    static CursorState read(ResultSet row) throws SQLException {
        long replayUntil = row.getLong("replay_until");
        if (row.wasNull()) {
            replayUntil = -1;
        }
        return new CursorState(row.getString("name"), row.getInt("lock_id"), row.getLong("position"),
                row.getLong("epoch"), row.getLong("reset_epoch"), replayUntil, row.getInt("replay_rate"),
                row.getLong("control_version"));
    }

    /**
     * Moves the cursor, fenced by the epoch: returns false (and changes nothing) when a replay has
     * opened another epoch since the caller loaded the row. Ends the replay when it reaches its target.
     */
    public static boolean advance(Connection connection, String name, long epoch, long position, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE bus_subscription SET position = ?, updated_at = ?,
                       replay_rate = CASE WHEN ? >= replay_until THEN NULL ELSE replay_rate END,
                       replay_until = CASE WHEN ? >= replay_until THEN NULL ELSE replay_until END
                 WHERE name = ? AND epoch = ?""")) {
            update.setLong(1, position);
            update.setTimestamp(2, Timestamp.from(now));
            update.setLong(3, position);
            update.setLong(4, position);
            update.setString(5, name);
            update.setLong(6, epoch);
            return update.executeUpdate() == 1;
        }
    }

    /** Records that the reset hook of {@code epoch} ran; false when yet another epoch was opened. */
    public static boolean markReset(Connection connection, String name, long epoch) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE bus_subscription SET reset_epoch = epoch WHERE name = ? AND epoch = ?")) {
            update.setString(1, name);
            update.setLong(2, epoch);
            return update.executeUpdate() == 1;
        }
    }

    /** Opens a new epoch at {@code position}; returns the new epoch, or empty when there is no such subscription. */
    public static Optional<Long> startReplay(Connection connection, String name, long position, long until,
            Integer ratePerSecond, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE bus_subscription SET epoch = epoch + 1, position = ?, replay_until = ?, replay_rate = ?,
                       updated_at = ?
                 WHERE name = ? RETURNING epoch""")) {
            update.setLong(1, position);
            update.setLong(2, until);
            if (ratePerSecond == null) {
                update.setNull(3, java.sql.Types.INTEGER);
            } else {
                update.setInt(3, ratePerSecond);
            }
            update.setTimestamp(4, Timestamp.from(now));
            update.setString(5, name);
            try (ResultSet row = update.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Tells the owning worker that an operator asked for something (a redrive). */
    public static void bumpControlVersion(Connection connection, String name) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE bus_subscription SET control_version = control_version + 1 WHERE name = ?")) {
            update.setString(1, name);
            update.executeUpdate();
        }
    }

    public static boolean tryLock(Connection connection, int lockId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, ADVISORY_LOCK_CLASS);
            lock.setInt(2, lockId);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    public static void unlock(Connection connection, int lockId) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, ADVISORY_LOCK_CLASS);
            unlock.setInt(2, lockId);
            unlock.executeQuery().close();
        }
    }
}
