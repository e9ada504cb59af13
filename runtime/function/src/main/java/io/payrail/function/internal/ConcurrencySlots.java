package io.payrail.function.internal;

import io.payrail.function.Sleeper;
import io.payrail.platform.Check;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserved concurrency across all nodes, with PostgreSQL session advisory locks.
 *
 * <p>Implementation notes. A function with reserved concurrency N has N slots; slot s is the advisory
 * lock {@code (crc32(function name), SLOT_KEY_BASE | s)}. An attempt claims a slot on a connection
 * of its own (never the handler's, which is aborted on timeout) and holds it until the attempt's
 * thread has really returned; then it unlocks and gives the connection back. Session locks were
 * chosen over {@code FOR UPDATE SKIP LOCKED} on slot rows because a row lock needs a transaction
 * held open for the whole attempt, which holds back vacuum's horizon for minutes on long functions;
 * a session lock holds no snapshot. Both free the slot when a node dies (its sessions end). While
 * all slots are taken, the waiter holds no connection: it polls with jittered, doubling pauses.
 */
public final class ConcurrencySlots {
    /** The second lock key's high bits ("FN"), so slot locks stay clear of other advisory lock users. */
    public static final int SLOT_KEY_BASE = 0x464E_0000;
    /** The first pause between two tries while all slots are taken. */
    public static final Duration POLL_PAUSE_MIN = Duration.ofMillis(2);
    /** The longest pause between two tries while all slots are taken. */
    public static final Duration POLL_PAUSE_MAX = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencySlots.class);

    private final DataSource dataSource;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public ConcurrencySlots(DataSource dataSource, Sleeper sleeper, RandomGenerator random) {
        this.dataSource = Check.notNull(dataSource, "dataSource");
        this.sleeper = Check.notNull(sleeper, "sleeper");
        this.random = Check.notNull(random, "random");
    }

    /** The first lock key of a function's slots: stable across JVMs and versions (CRC-32 of the name). */
    public static int functionKey(String functionName) {
        CRC32 crc = new CRC32();
        crc.update(functionName.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /** Claims a free slot, waiting at most {@code wait}; empty when none came free in time. */
    public Optional<Lease> acquire(String functionName, int slotCount, Duration wait) throws InterruptedException, SQLException {
        Check.argument(slotCount >= 1 && slotCount <= 0xFFFF, "slotCount must be 1..65535, got %d", slotCount);
        long deadline = System.nanoTime() + wait.toNanos();
        long pauseMillis = POLL_PAUSE_MIN.toMillis();
        while (true) {
            Optional<Lease> lease = tryAcquire(functionName, slotCount);
            long remainingNanos = deadline - System.nanoTime();
            if (lease.isPresent() || remainingNanos <= 0) {
                return lease;
            }
            long jittered = pauseMillis / 2 + random.nextLong(pauseMillis / 2 + 1);
            sleeper.sleep(Duration.ofMillis(Math.max(1, Math.min(jittered, remainingNanos / 1_000_000))));
            pauseMillis = Math.min(pauseMillis * 2, POLL_PAUSE_MAX.toMillis());
        }
    }

    private Optional<Lease> tryAcquire(String functionName, int slotCount) throws SQLException {
        int key = functionKey(functionName);
        Connection session = dataSource.getConnection();
        try {
            session.setAutoCommit(true);
            try (PreparedStatement claim = session.prepareStatement("SELECT function_slot_try_claim(?, ?, ?)")) {
                claim.setInt(1, key);
                claim.setInt(2, SLOT_KEY_BASE);
                claim.setInt(3, slotCount);
                try (ResultSet row = claim.executeQuery()) {
                    row.next();
                    int slot = row.getInt(1);
                    if (slot >= 0) {
                        return Optional.of(new Lease(dataSource, session, functionName, key, slot));
                    }
                }
            }
            session.close();
            return Optional.empty();
        } catch (SQLException | RuntimeException failure) {
            Connections.discard(dataSource, session);
            throw failure;
        }
    }

    /** A claimed slot; {@link #release()} exactly once, when the attempt's thread has returned. */
    public static final class Lease {
        private final DataSource dataSource;
        private final Connection session;
        private final String functionName;
        private final int key;
        private final int slot;

        private Lease(DataSource dataSource, Connection session, String functionName, int key, int slot) {
            this.dataSource = dataSource;
            this.session = session;
            this.functionName = functionName;
            this.key = key;
            this.slot = slot;
        }

        public int slot() {
            return slot;
        }

        public void release() {
            boolean unlocked = false;
            try (PreparedStatement unlock = session.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, key);
                unlock.setInt(2, SLOT_KEY_BASE | slot);
                try (ResultSet row = unlock.executeQuery()) {
                    unlocked = row.next() && row.getBoolean(1);
                }
            } catch (SQLException failure) {
                LOG.warn("function {}: could not unlock slot {}, ending its session instead: {}",
                        functionName, slot, failure.getMessage());
            }
            if (unlocked) {
                Connections.closeQuietly(session);
            } else {
                // Ending the session frees every lock it holds, so a pooled connection never keeps a slot.
                Connections.discard(dataSource, session);
            }
        }
    }
}
