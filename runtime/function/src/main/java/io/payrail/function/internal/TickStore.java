package io.payrail.function.internal;

import io.payrail.platform.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code schedule_tick} table: a tick is claimed by inserting its row (the primary key makes the
 * claim unique across nodes), marked delivered in the delivering transaction, and re-claimed by any
 * node once its claim has lapsed undelivered.
 */
public final class TickStore {
    /** The most lapsed claims one node takes over in one round. */
    public static final int RECLAIM_BATCH_MAX = 100;

    private final Transactions transactions;

    public TickStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /** A tick this node holds a claim on. */
    public record ClaimedTick(String schedule, Instant time, int missedTicks, int attempts, UUID token) {}

    /** The time after which ticks are new: the latest recorded tick, or when the schedule was first seen. */
    public Instant lastTickOrAnchor(String schedule, Instant now) {
        return transactions.inTransaction(connection -> {
            try (PreparedStatement anchor = connection.prepareStatement(
                    "INSERT INTO schedule_anchor (schedule, first_seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                anchor.setString(1, schedule);
                setInstant(anchor, 2, now);
                anchor.executeUpdate();
            }
            try (PreparedStatement latest = connection.prepareStatement("""
                    SELECT greatest(a.first_seen_at, (SELECT max(tick_time) FROM schedule_tick t WHERE t.schedule = a.schedule))
                    FROM schedule_anchor a WHERE a.schedule = ?""")) {
                latest.setString(1, schedule);
                try (ResultSet row = latest.executeQuery()) {
                    row.next();
                    return instant(row, 1);
                }
            }
        });
    }

    /** Claims a tick; empty when another node already has it. */
    public Optional<ClaimedTick> claim(String schedule, Instant time, int missedTicks, UUID token, String node, Instant expiresAt) {
        int inserted = transactions.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO schedule_tick (schedule, tick_time, status, missed_ticks, claim_token, claimed_by,
                                               claim_expires_at, attempts)
                    VALUES (?, ?, 'claimed', ?, ?, ?, ?, 1) ON CONFLICT DO NOTHING""")) {
                insert.setString(1, schedule);
                setInstant(insert, 2, time);
                insert.setInt(3, missedTicks);
                insert.setObject(4, token);
                insert.setString(5, node);
                setInstant(insert, 6, expiresAt);
                return insert.executeUpdate();
            }
        });
        return inserted == 1 ? Optional.of(new ClaimedTick(schedule, time, missedTicks, 1, token)) : Optional.empty();
    }

    /** Records a missed tick as skipped, so later plans start after it. */
    public void markSkipped(String schedule, Instant time) {
        transactions.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO schedule_tick (schedule, tick_time, status) VALUES (?, ?, 'skipped') ON CONFLICT DO NOTHING")) {
                insert.setString(1, schedule);
                setInstant(insert, 2, time);
                return insert.executeUpdate();
            }
        });
    }

    /** In the delivering transaction: true when this claim still holds (then the tick is delivered on commit). */
    public static boolean markDelivered(Connection transaction, ClaimedTick tick, Instant now) throws SQLException {
        try (PreparedStatement update = transaction.prepareStatement("""
                UPDATE schedule_tick SET status = 'delivered', delivered_at = ?
                WHERE schedule = ? AND tick_time = ? AND claim_token = ? AND status = 'claimed'""")) {
            setInstant(update, 1, now);
            update.setString(2, tick.schedule());
            setInstant(update, 3, tick.time());
            update.setObject(4, tick.token());
            return update.executeUpdate() == 1;
        }
    }

    /** After a failed delivery: lets the claim lapse at {@code retryAt}, so any node retries it then. */
    public void postpone(ClaimedTick tick, Instant retryAt) {
        updateClaim(tick, "UPDATE schedule_tick SET claim_expires_at = ? WHERE schedule = ? AND tick_time = ? AND claim_token = ? AND status = 'claimed'",
                retryAt);
    }

    /** Gives a tick up for good (its attempts are spent); it stays visible for operators. */
    public void abandon(ClaimedTick tick) {
        updateClaim(tick, "UPDATE schedule_tick SET status = 'abandoned', claim_expires_at = ? WHERE schedule = ? AND tick_time = ? AND claim_token = ? AND status = 'claimed'",
                null);
    }

    private void updateClaim(ClaimedTick tick, String sql, Instant time) {
        transactions.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                setInstant(update, 1, time);
                update.setString(2, tick.schedule());
                setInstant(update, 3, tick.time());
                update.setObject(4, tick.token());
                return update.executeUpdate();
            }
        });
    }

    /** Takes over claims that lapsed undelivered (their node died or their delivery failed). */
    public List<ClaimedTick> reclaimLapsed(Instant now, UUID token, String node, Instant expiresAt) {
        return transactions.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE schedule_tick SET claim_token = ?, claimed_by = ?, claim_expires_at = ?, attempts = attempts + 1
                    WHERE (schedule, tick_time) IN (
                        SELECT schedule, tick_time FROM schedule_tick
                        WHERE status = 'claimed' AND claim_expires_at <= ?
                        ORDER BY claim_expires_at LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING schedule, tick_time, missed_ticks, attempts""")) {
                update.setObject(1, token);
                update.setString(2, node);
                setInstant(update, 3, expiresAt);
                setInstant(update, 4, now);
                update.setInt(5, RECLAIM_BATCH_MAX);
                List<ClaimedTick> ticks = new ArrayList<>();
                try (ResultSet rows = update.executeQuery()) {
                    while (rows.next()) {
                        ticks.add(new ClaimedTick(rows.getString(1), instant(rows, 2), rows.getInt(3),
                                rows.getInt(4), token));
                    }
                }
                return ticks;
            }
        });
    }

    /**
     * Deletes delivered and skipped ticks older than {@code before}, at most {@code limit}, always
     * keeping each schedule's latest tick (it is where the next plan starts).
     */
    public int prune(Instant before, int limit) {
        return transactions.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("""
                    DELETE FROM schedule_tick WHERE (schedule, tick_time) IN (
                        SELECT t.schedule, t.tick_time FROM schedule_tick t
                        WHERE t.status IN ('delivered', 'skipped') AND t.tick_time < ?
                          AND t.tick_time < (SELECT max(m.tick_time) FROM schedule_tick m WHERE m.schedule = t.schedule)
                        LIMIT ?)""")) {
                setInstant(delete, 1, before);
                delete.setInt(2, limit);
                return delete.executeUpdate();
            }
        });
    }

    /** When the earliest claim lapses, if any (the loop wakes then to retry it). */
    public Optional<Instant> earliestClaimExpiry() {
        return transactions.read(connection -> {
            try (ResultSet row = connection.createStatement().executeQuery(
                    "SELECT min(claim_expires_at) FROM schedule_tick WHERE status = 'claimed'")) {
                row.next();
                return Optional.ofNullable(instant(row, 1));
            }
        });
    }

    static void setInstant(PreparedStatement statement, int index, Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
        }
    }

    static Instant instant(ResultSet row, int index) throws SQLException {
        OffsetDateTime time = row.getObject(index, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
