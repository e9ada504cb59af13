package io.payrail.ledger.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The platform {@code lease} row that makes one node the writer of a ledger. Taking it over bumps the
 * epoch; every batch the writer commits first checks, inside its own transaction, that the epoch is
 * still its own ({@code SELECT ... FOR SHARE}). The share lock also makes a concurrent takeover wait
 * until that batch has committed, so the new owner always loads state that includes it, and the old
 * owner's next batch sees the new epoch and rolls back.
 */
public final class Lease {
    public static final Duration DURATION = Duration.ofSeconds(10);

    private final String name;
    private final String holder;

    public Lease(String name, String holder) {
        this.name = name;
        this.holder = holder;
    }

    public static String nameOf(int ledger) {
        return "ledger-" + ledger;
    }

    public String name() {
        return name;
    }

    /** Takes the lease when free, lapsed or already ours; returns the new epoch, or empty when another node holds it. */
    public OptionalLong acquire(Connection connection, Instant now) throws SQLException {
        String sql = "INSERT INTO lease (name, holder, epoch, expires_at) VALUES (?, ?, 1, ?) "
                + "ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, epoch = lease.epoch + 1, "
                + "expires_at = EXCLUDED.expires_at WHERE lease.expires_at < ? OR lease.holder = EXCLUDED.holder "
                + "RETURNING epoch";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            statement.setString(2, holder);
            statement.setTimestamp(3, Timestamp.from(now.plus(DURATION)));
            statement.setTimestamp(4, Timestamp.from(now));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** The fence: fails the surrounding transaction unless {@code epoch} is still the lease's epoch. */
    public void check(Connection connection, long epoch) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT epoch FROM lease WHERE name = ? FOR SHARE")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                long current = rows.next() ? rows.getLong(1) : -1;
                if (current != epoch) {
                    throw new LeaseLostException("lease " + name + " moved to epoch " + current
                            + "; this writer holds epoch " + epoch);
                }
            }
        }
    }

    /** Extends the lease; doubles as the fence (no row updated means the epoch moved on). */
    public void renew(Connection connection, long epoch, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE lease SET expires_at = ? WHERE name = ? AND epoch = ?")) {
            statement.setTimestamp(1, Timestamp.from(now.plus(DURATION)));
            statement.setString(2, name);
            statement.setLong(3, epoch);
            if (statement.executeUpdate() != 1) {
                throw new LeaseLostException("lease " + name + " is no longer at epoch " + epoch);
            }
        }
    }

    /** Lets the lease lapse at once so another node can take over without waiting. */
    public void release(Connection connection, long epoch, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE lease SET expires_at = ? WHERE name = ? AND epoch = ?")) {
            statement.setTimestamp(1, Timestamp.from(now.minusMillis(1)));
            statement.setString(2, name);
            statement.setLong(3, epoch);
            statement.executeUpdate();
        }
    }
}
