package io.payrail.bus.internal;

import io.payrail.platform.Check;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Commits an at-least-once subscription's cursor on a thread of its own, so the worker delivers the
 * next events while the commit waits for its WAL flush instead of waiting with it.
 *
 * <p>The commit still goes through the worker's connection, the one that holds the subscription's
 * advisory lock, so the fencing argument is unchanged. The two threads never use that connection at
 * once: the committer only works on a request of the worker, and the worker calls {@link #flush()}
 * (every requested position committed, nothing in flight) before it uses the connection itself.
 * Requests coalesce: a commit writes the newest requested position.
 *
 * <p>While the worker follows the head of the log in small pages, commits are spaced by at least
 * {@link #COMMIT_SPACING_MILLIS} unless {@link SubscriptionWorker#COMMIT_CHUNK_EVENTS_AT_LEAST_ONCE}
 * positions are waiting or the worker waits for the commit: one durable commit per page would add a
 * WAL flush for every page, competing with the appends' own flushes on the same disk.
 *
 * <p>What a crash may repeat stays bounded: before delivering events up to a position, the worker
 * calls {@link #awaitCommittedAtLeast} so that at most {@link SubscriptionWorker#COMMIT_EVENTS_MAX}
 * positions are ever delivered without being durably committed.
 */
final class CursorCommitter implements AutoCloseable {
    /** The least time between two commits that nobody waits for and that carry fewer than a chunk of positions. */
    static final long COMMIT_SPACING_MILLIS = 50;

    private static final long COMMIT_SPACING_NANOS = COMMIT_SPACING_MILLIS * 1_000_000L;

    private final Connection connection;
    private final String subscription;
    private final Clock clock;
    private Thread thread;
    private long requestedEpoch;
    private long requested = -1;
    private long committed = -1;
    private boolean inFlight;
    private boolean fenced;
    private Exception failure;
    private boolean closed;
    private int waiting;
    private long lastCommitNanos = System.nanoTime() - COMMIT_SPACING_NANOS;

    CursorCommitter(Connection connection, String subscription, Clock clock) {
        this.connection = Check.notNull(connection, "connection");
        this.subscription = Check.notNull(subscription, "subscription");
        this.clock = Check.notNull(clock, "clock");
    }

    /** Asks for the cursor to move to {@code position} in {@code epoch}; returns at once. */
    synchronized void request(long epoch, long position) throws Exception {
        rethrowFailure();
        if (position <= requested && epoch == requestedEpoch) {
            return;
        }
        requestedEpoch = epoch;
        requested = position;
        if (thread == null) {
            // Started on the first request: unit-of-work subscriptions commit in their own transactions and never ask.
            thread = Thread.ofPlatform().daemon().name("bus-" + subscription + "-cursor").start(this::run);
        }
        notifyAll();
    }

    /**
     * Waits until the durable cursor is at least {@code position}, or everything requested is
     * committed, or the epoch changed under it.
     */
    synchronized void awaitCommittedAtLeast(long position) throws Exception {
        while (!fenced && committed < position && requested > committed) {
            rethrowFailure();
            waitUrgently();
        }
        rethrowFailure();
    }

    /**
     * Waits until every requested position is committed and nothing is in flight, so the caller may
     * use the connection. Returns false when a commit found another epoch (a replay was asked): the
     * caller must reload its cursor row. Resets that finding.
     */
    synchronized boolean flush() throws Exception {
        while (!fenced && (inFlight || requested > committed)) {
            rethrowFailure();
            waitUrgently();
        }
        while (inFlight) {
            wait();
        }
        rethrowFailure();
        boolean applied = !fenced;
        fenced = false;
        requested = committed;
        return applied;
    }

    /** After a {@link #flush()} and a read of the cursor row: {@code position} is what the row holds. */
    synchronized void durableAt(long position) {
        Check.that(!inFlight && requested <= committed, "subscription %s: durableAt(%d) with a commit pending",
                subscription, position);
        committed = position;
        requested = position;
    }

    /** Waits, telling the committer not to space the next commit: the worker is blocked on it. */
    private void waitUrgently() throws InterruptedException {
        waiting++;
        notifyAll();
        try {
            wait();
        } finally {
            waiting--;
        }
    }

    /** True when a commit found another epoch since the last {@link #flush()}. */
    synchronized boolean fenced() {
        return fenced;
    }

    private void run() {
        while (true) {
            long epoch;
            long position;
            synchronized (this) {
                try {
                    while (!closed && (fenced || failure != null || requested <= committed || spacingLeftNanos() > 0)) {
                        long spacingLeftNanos = spacingLeftNanos();
                        if (spacingLeftNanos > 0) {
                            wait(Math.max(1, spacingLeftNanos / 1_000_000L));
                        } else {
                            wait();
                        }
                    }
                } catch (InterruptedException interrupted) {
                    return;
                }
                if (closed) {
                    return;
                }
                epoch = requestedEpoch;
                position = requested;
                inFlight = true;
            }
            boolean advanced = false;
            Exception problem = null;
            try {
                advanced = advance(epoch, position);
            } catch (Exception commitFailure) {
                problem = commitFailure;
            }
            synchronized (this) {
                inFlight = false;
                lastCommitNanos = System.nanoTime();
                if (problem != null) {
                    failure = problem;
                } else if (advanced) {
                    committed = Math.max(committed, position);
                } else {
                    fenced = true;
                }
                notifyAll();
            }
        }
    }

    /** How long a pending commit should still wait for more positions; 0 when it should go now. */
    private long spacingLeftNanos() {
        if (fenced || failure != null || requested <= committed || waiting > 0
                || requested - committed >= SubscriptionWorker.COMMIT_CHUNK_EVENTS_AT_LEAST_ONCE) {
            return 0;
        }
        return Math.max(0, lastCommitNanos + COMMIT_SPACING_NANOS - System.nanoTime());
    }

    /** One auto-committed statement: one round trip, durable when it returns. */
    private boolean advance(long epoch, long position) throws SQLException {
        connection.setAutoCommit(true);
        try {
            return CursorTable.advance(connection, subscription, epoch, position, clock.instant());
        } finally {
            connection.setAutoCommit(false);
        }
    }

    private void rethrowFailure() throws Exception {
        if (failure != null) {
            throw new IllegalStateException("subscription " + subscription + " could not commit its cursor: "
                    + failure.getMessage(), failure);
        }
    }

    /** Stops the thread after the commit in flight, if any, finished (the connection is then free). */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            notifyAll();
            running = thread;
        }
        if (running == null) {
            return;
        }
        try {
            running.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
