package io.payrail.http;

import io.payrail.platform.Check;
import io.payrail.platform.Transactions;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

/**
 * Housekeeping of stored idempotency records. Records are kept at least {@link #RETENTION_MIN}
 * (a client retrying within a day always gets the first answer); {@link #deleteExpired()} removes
 * older ones at most {@link #CLEANUP_BATCH_MAX} per call, so one run never holds long locks or
 * writes an unbounded amount of WAL. Run it periodically (every minute is plenty) until it returns
 * less than the batch.
 */
public final class IdempotencyKeys {
    public static final Duration RETENTION_MIN = Duration.ofHours(24);
    public static final int CLEANUP_BATCH_MAX = 1_000;

    private final Transactions transactions;
    private final Clock clock;
    private final Duration retention;

    public IdempotencyKeys(Transactions transactions, Clock clock, Duration retention) {
        this.transactions = Check.notNull(transactions, "transactions");
        this.clock = Check.notNull(clock, "clock");
        Check.argument(retention.compareTo(RETENTION_MIN) >= 0,
                "idempotency records must be kept at least %s, got %s", RETENTION_MIN, retention);
        this.retention = retention;
    }

    /** Deletes up to {@link #CLEANUP_BATCH_MAX} records older than the retention; returns how many. */
    public int deleteExpired() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(retention));
        return transactions.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("""
                    DELETE FROM idempotency_key WHERE ctid IN (
                        SELECT ctid FROM idempotency_key WHERE created_at < ? LIMIT ?
                        FOR UPDATE SKIP LOCKED)""")) {
                delete.setTimestamp(1, cutoff);
                delete.setInt(2, CLEANUP_BATCH_MAX);
                return delete.executeUpdate();
            }
        });
    }
}
