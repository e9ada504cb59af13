package io.payrail.bus.internal;

import io.payrail.bus.Subscription;
import io.payrail.bus.SubscriptionHandler;
import io.payrail.platform.Check;
import io.payrail.store.EventStore;
import io.payrail.store.RecordedEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one subscription on this node while it holds the subscription's session advisory lock.
 *
 * <p>Fencing: every cursor write (and every unit-of-work handler's effect) goes through the very
 * connection that holds the lock. If that session dies, PostgreSQL releases the lock and the session's
 * uncommitted work together, so a node that lost the lock cannot move the cursor any more; another
 * node's worker takes the lock on its next try.
 */
public final class SubscriptionWorker implements Runnable {
    /**
     * The most events read from the log at once. Large enough that a page's query overhead is small
     * (a page is about 35 ms of decoding), small enough that the pages read ahead (see {@code LogReader})
     * do not keep much decoded data alive.
     */
    public static final int READ_PAGE_EVENTS_MAX = 5_000;

    /**
     * The most events delivered before the cursor is durably committed (what a crash may repeat). A
     * unit-of-work subscription commits a transaction per chunk of this many events.
     */
    public static final int COMMIT_EVENTS_MAX = 1_000;

    /**
     * An at-least-once subscription asks for a cursor commit after every chunk of this many events and
     * delivers the next chunk while it runs; half of {@link #COMMIT_EVENTS_MAX}, so that one commit in
     * flight never lets more than that many delivered events go uncommitted.
     */
    public static final int COMMIT_CHUNK_EVENTS_AT_LEAST_ONCE = COMMIT_EVENTS_MAX / 2;

    /** How often a node that does not hold a subscription's lock tries again, and the pause after a failure. */
    public static final long LOCK_RETRY_MILLIS = 1_000;

    /** The longest an owning worker goes without re-reading its cursor row (in case a request's notification was lost). */
    public static final long CURSOR_RELOAD_MILLIS = 1_000;

    private static final long CURSOR_RELOAD_NANOS = CURSOR_RELOAD_MILLIS * 1_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionWorker.class);

    private final DataSource dataSource;
    private final EventStore store;
    private final Clock clock;
    private final Subscription subscription;
    private final WakeSignal signal;
    private final long fallbackPollMillis;
    private final PageDelivery delivery;
    private final Redriver redriver;
    private final Object stopMonitor = new Object();
    private volatile boolean stopped;
    private volatile boolean owner;

    public SubscriptionWorker(DataSource dataSource, EventStore store, Clock clock, Subscription subscription,
            WakeSignal signal, long fallbackPollMillis) {
        this.dataSource = Check.notNull(dataSource, "dataSource");
        this.store = Check.notNull(store, "store");
        this.clock = Check.notNull(clock, "clock");
        this.subscription = Check.notNull(subscription, "subscription");
        this.signal = Check.notNull(signal, "signal");
        Check.argument(fallbackPollMillis > 0, "fallbackPollMillis must be positive, got %d", fallbackPollMillis);
        this.fallbackPollMillis = fallbackPollMillis;
        this.delivery = new PageDelivery(subscription, clock);
        this.redriver = new Redriver(subscription, store);
    }

    public void stop() {
        stopped = true;
        signal.wakeAll();
        synchronized (stopMonitor) {
            stopMonitor.notifyAll();
        }
    }

    /** True while this node holds the subscription's lock. */
    public boolean owner() {
        return owner;
    }

    @Override
    public void run() {
        while (!stopped) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                runIfLocked(connection);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception failure) {
                if (stopped) {
                    return;
                }
                LOG.warn("subscription {} stopped delivering, retrying: {}", subscription.name(), failure.toString());
                sleepQuietly(LOCK_RETRY_MILLIS);
            }
        }
    }

    private void runIfLocked(Connection connection) throws Exception {
        CursorState state = CursorTable.load(connection, subscription.name()).orElseThrow(
                () -> new IllegalStateException("subscription " + subscription.name() + " has no cursor row"));
        boolean locked = CursorTable.tryLock(connection, state.lockId());
        connection.commit();
        if (!locked) {
            // Another node owns the subscription: try again later, not on every commit notification.
            awaitStop(LOCK_RETRY_MILLIS);
            return;
        }
        owner = true;
        try {
            deliverWhileOwner(connection);
        } finally {
            owner = false;
            releaseQuietly(connection, state.lockId());
        }
    }

    private void deliverWhileOwner(Connection connection) throws Exception {
        try (CursorCommitter committer = new CursorCommitter(connection, subscription.name(), clock)) {
            deliverWhileOwner(connection, committer);
            // A clean stop leaves nothing delivered and uncommitted.
            committer.flush();
        }
    }

    private void deliverWhileOwner(Connection connection, CursorCommitter committer) throws Exception {
        LogReader reader = new LogReader(store, READ_PAGE_EVENTS_MAX);
        Set<String> blocked = loadBlocked(connection);
        long controlVersionSeen = -1;
        long controlGenerationSeen = -1;
        long loadedAtNanos = 0;
        CursorState state = null;
        Pacer pacer = null;
        while (!stopped) {
            long generation = signal.generation();
            long controlGeneration = signal.controlGeneration();
            // The row is read again only when an operator's request was announced, or now and then in
            // case that announcement was lost; the epoch fence on every cursor write keeps this safe.
            if (state == null || controlGeneration != controlGenerationSeen
                    || System.nanoTime() - loadedAtNanos > CURSOR_RELOAD_NANOS) {
                committer.flush();
                state = CursorTable.load(connection, subscription.name()).orElseThrow();
                connection.commit();
                committer.durableAt(state.position());
                loadedAtNanos = System.nanoTime();
                controlGenerationSeen = controlGeneration;
            }
            if (state.resetPending()) {
                committer.flush();
                runResetHook(connection, state);
                state = null;
                continue;
            }
            if (state.controlVersion() != controlVersionSeen) {
                committer.flush();
                if (!redriver.runRound(connection, state, blocked)) {
                    controlVersionSeen = state.controlVersion();
                }
                state = null;
                continue;
            }
            pacer = pacerFor(state, pacer);
            List<RecordedEvent> page = reader.read(state.position());
            if (page.isEmpty()) {
                signal.awaitChange(generation, fallbackPollMillis);
                continue;
            }
            state = deliverInChunks(connection, state, page, blocked, pacer, committer);
            if (state == null) {
                committer.flush();
                blocked = loadBlocked(connection);
            }
        }
    }

    private static Pacer pacerFor(CursorState state, Pacer current) {
        if (!state.replaying() || state.replayRate() == 0) {
            return null;
        }
        return current != null && current.epoch() == state.epoch() ? current : new Pacer(state.replayRate(), state.epoch());
    }

    /**
     * Delivers a page in chunks, committing the cursor after each (see {@link #COMMIT_EVENTS_MAX}).
     * Returns the state after the page, or null when the epoch changed under it.
     */
    private CursorState deliverInChunks(Connection connection, CursorState state, List<RecordedEvent> page,
            Set<String> blocked, Pacer pacer, CursorCommitter committer) throws Exception {
        int chunkEvents = subscription.handler() instanceof SubscriptionHandler.AtLeastOnce
                ? COMMIT_CHUNK_EVENTS_AT_LEAST_ONCE : COMMIT_EVENTS_MAX;
        CursorState chunkState = state;
        for (int from = 0; from < page.size() && !stopped; from += chunkEvents) {
            List<RecordedEvent> chunk = page.subList(from, Math.min(page.size(), from + chunkEvents));
            if (!deliverPage(connection, chunkState, chunk, blocked, pacer, committer)) {
                return null;
            }
            chunkState = chunkState.at(chunk.getLast().position());
        }
        return chunkState;
    }

    private boolean deliverPage(Connection connection, CursorState state, List<RecordedEvent> page,
            Set<String> blocked, Pacer pacer, CursorCommitter committer) throws Exception {
        Check.that(page.getFirst().position() > state.position(),
                "subscription %s: log returned position %d after cursor %d", subscription.name(),
                page.getFirst().position(), state.position());
        try {
            return delivery.deliver(connection, state, page, blocked, pacer, committer);
        } catch (EpochChangedException epochChanged) {
            connection.rollback();
            return false;
        }
    }

    private void runResetHook(Connection connection, CursorState state) throws Exception {
        try {
            subscription.resetHook().reset(connection, state.epoch());
            if (CursorTable.markReset(connection, subscription.name(), state.epoch())) {
                connection.commit();
                LOG.info("subscription {} reset for epoch {} (replay from position {})", subscription.name(),
                        state.epoch(), state.position());
            } else {
                connection.rollback();
            }
        } catch (Exception failure) {
            connection.rollback();
            throw failure;
        }
    }

    private Set<String> loadBlocked(Connection connection) throws SQLException {
        Set<String> blocked = ConcurrentHashMap.newKeySet();
        blocked.addAll(ParkedTable.blockedKeys(connection, subscription.name()));
        connection.commit();
        return blocked;
    }

    private static void releaseQuietly(Connection connection, int lockId) {
        try {
            connection.rollback();
            CursorTable.unlock(connection, lockId);
            connection.commit();
        } catch (SQLException failure) {
            // The session is broken, so PostgreSQL has released its lock already; make sure the
            // pool does not hand out a connection that might still hold it.
            try {
                connection.abort(Runnable::run);
            } catch (SQLException ignored) {
                LOG.debug("could not abort a broken connection", ignored);
            }
        }
    }

    private void awaitStop(long millis) throws InterruptedException {
        synchronized (stopMonitor) {
            if (!stopped) {
                stopMonitor.wait(millis);
            }
        }
    }

    private void sleepQuietly(long millis) {
        try {
            awaitStop(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
