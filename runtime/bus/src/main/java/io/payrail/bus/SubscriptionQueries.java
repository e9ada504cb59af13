package io.payrail.bus;

import io.payrail.platform.Check;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The read queries behind {@link SubscriptionAdmin}. */
final class SubscriptionQueries {
    static final String SUMMARY = """
            SELECT s.name, s.position, s.epoch, s.replay_until,
                   (SELECT count(*) FROM bus_parked_event p WHERE p.subscription = s.name) AS parked,
                   EXISTS (SELECT 1 FROM pg_locks l
                            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                              AND l.classid::bigint = ? AND l.objid::bigint = s.lock_id) AS owned
              FROM bus_subscription s ORDER BY s.name LIMIT ?""";

    private SubscriptionQueries() {}

    static SubscriptionSummary summary(ResultSet row, long head) throws SQLException {
        long position = row.getLong("position");
        long replayUntil = row.getLong("replay_until");
        boolean replaying = !row.wasNull() && position < replayUntil;
        String state = replaying ? "replaying" : row.getBoolean("owned") ? "running" : "stopped";
        return new SubscriptionSummary(row.getString("name"), position, Math.max(0, head - position),
                row.getLong("epoch"), row.getLong("parked"), state);
    }

    static ReplayProgress progress(Connection connection, String name, long epoch) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT position, epoch, reset_epoch, replay_until, replay_rate FROM bus_subscription WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                Check.argument(row.next(), "no subscription named '%s'", name);
                long position = row.getLong("position");
                long currentEpoch = row.getLong("epoch");
                long until = row.getLong("replay_until");
                boolean finished = row.wasNull() || position >= until;
                Integer rate = row.getObject("replay_rate", Integer.class);
                // A later replay superseded this one: report it as done, at the new epoch.
                boolean done = currentEpoch != epoch || (finished && row.getLong("reset_epoch") == currentEpoch);
                return new ReplayProgress(name, currentEpoch, position, finished ? position : until, rate, done);
            }
        }
    }
}
