package io.payrail.store.internal;

import io.payrail.platform.Check;
import io.payrail.platform.DatabaseException;
import io.payrail.store.AppendResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Merges concurrent appends into shared transactions. Appends wait in a bounded queue; a lane takes
 * one, then every other waiting append that fits in one batch, and sends the log lock, the revision
 * check, the insert and the {@code COMMIT} in one round trip ({@link LogWriter#writeAndCommit}); each
 * append's expected revision is checked against the batch, so one conflict fails only its own append.
 * The appends of a stream whose planned revision turned out wrong are committed again in a second
 * transaction that reads the revisions under the lock first. Callers get their results only after
 * the commit returned: an acknowledged append is durable.
 *
 * <p>Each lane remembers the revisions of the streams it wrote and the head its last commit left
 * ({@link RevisionCache}); a batch of fewer than {@link LogWriter#COPY_EVENTS_MIN_DEFAULT} events
 * whose streams it all knows is written without reading revisions (copied batches always read them).
 *
 * <p>With several lanes, each sends its batch at once and the server queues them on the log lock.
 * That splits closed-loop writers into alternating groups and so smaller batches; one lane measured
 * better, and is the default.
 */
public final class GroupCommitAppender implements AutoCloseable {
    private static final long POLL_INTERVAL_MILLIS = 50;
    private static final long CLOSE_WAIT_MILLIS_MAX = 10_000;
    /** The longest a lane holding the log lock waits for the writers of the previous batch. */
    public static final long GATHER_WAIT_MICROS_MAX = 1_000;

    private record Request(PreparedAppend append, CompletableFuture<AppendResult> result) {}

    private final DataSource dataSource;
    private final Clock clock;
    private final LogWriter writer;
    private final int batchEventsMax;
    private final BlockingQueue<Request> queue;
    private final List<Thread> lanes = new ArrayList<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong appendsCommitted = new AtomicLong();
    private final AtomicLong commitsFromKnownRevisions = new AtomicLong();
    private volatile boolean closed;
    private volatile int previousBatchAppends;
    /**
     * The lane waiting in {@link #gather} for more appends, and how many it waits for. With several
     * lanes gathering at once, one of them is here (a lane clears only its own entry) and is woken
     * early; the others wait until their deadline, at most {@link #GATHER_WAIT_MICROS_MAX}.
     */
    private final java.util.concurrent.atomic.AtomicReference<Thread> gatheringLane = new java.util.concurrent.atomic.AtomicReference<>();
    private volatile int gatherTarget;
    private final int queueCapacity;

    public GroupCommitAppender(DataSource dataSource, Clock clock, LogWriter writer, int lanes, int batchEventsMax, int queueMax) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.writer = writer;
        this.batchEventsMax = batchEventsMax;
        this.queue = new ArrayBlockingQueue<>(queueMax);
        this.queueCapacity = queueMax;
        for (int lane = 0; lane < lanes; lane++) {
            this.lanes.add(Thread.ofPlatform().daemon().name("payrail-store-append-" + lane).start(this::run));
        }
    }

    /** Appends through a group commit and waits until its transaction is durable. */
    public AppendResult append(PreparedAppend append) {
        Check.that(!closed, "the event store is closed");
        Request request = new Request(append, new CompletableFuture<>());
        try {
            queue.put(request);
            Thread gathering = gatheringLane.get();
            if (gathering != null && queue.size() >= gatherTarget) {
                java.util.concurrent.locks.LockSupport.unpark(gathering);
            }
            return awaitResult(request);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while appending to stream " + append.stream()
                    + ": the append may or may not have been committed", interrupted);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("append to stream " + append.stream() + " failed: " + failed.getCause(), failed.getCause());
        }
    }

    /**
     * Waits for the result, parked without a timer (a timed wait costs every writer a timer per
     * append). An append queued after the lanes stopped is taken back here or failed by
     * {@link #close()}, so nobody waits for ever.
     */
    private AppendResult awaitResult(Request request) throws InterruptedException, ExecutionException {
        if (closed && lanes.stream().noneMatch(Thread::isAlive) && queue.remove(request)) {
            throw closedBefore(request);
        }
        return request.result().get();
    }

    private static IllegalStateException closedBefore(Request request) {
        return new IllegalStateException("the event store closed before the append to stream "
                + request.append().stream() + " was committed; nothing of it was written");
    }

    /**
     * Appends committed and commits made so far (the bench prints the events per commit), and the
     * commits planned from a lane's known revisions without reading any.
     */
    public record Counts(long commits, long appends, long commitsFromKnownRevisions) {}

    public Counts counts() {
        return new Counts(commits.get(), appendsCommitted.get(), commitsFromKnownRevisions.get());
    }

    private void run() {
        RevisionCache revisions = new RevisionCache(commitsFromKnownRevisions);
        Request carried = null;
        while (!closed || !queue.isEmpty() || carried != null) {
            try {
                Request first = carried != null ? carried : queue.poll(POLL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    carried = commitStartingWith(first, revisions);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error unexpected) {
                // A bug must not kill the lane with callers waiting for ever; commitStartingWith()
                // failed their futures, so the lane logs and goes on.
                org.slf4j.LoggerFactory.getLogger(GroupCommitAppender.class).error("append lane failed", unexpected);
                carried = null;
            }
        }
    }

    /**
     * Commits {@code first} with every other append that is waiting.
     * The batch holds everything that arrived while the previous commit was being flushed. Returns an
     * append that did not fit, for the next batch.
     */
    private Request commitStartingWith(Request first, RevisionCache revisions) {
        List<Request> batch = new ArrayList<>();
        batch.add(first);
        Request[] carried = new Request[1];
        try {
            commit(batch, carried, (connection, appends, now) -> writer.writeAndCommit(connection, appends, now, revisions));
        } catch (RuntimeException | Error bug) {
            if (carried[0] != null) {
                carried[0].result().completeExceptionally(bug);
            }
            throw bug;
        }
        return carried[0];
    }

    /** Commits one append exactly; a bug fails that append (its caller gets it) and not the ones after it. */
    private void commitAlone(Request request) {
        try {
            commit(new ArrayList<>(List.of(request)), null, writer::writeExactAndCommit);
        } catch (RuntimeException | Error bug) {
            org.slf4j.LoggerFactory.getLogger(GroupCommitAppender.class).error("an append failed alone", bug);
        }
    }

    /** How a batch is written: in one round trip, or exactly (the revisions read under the lock first). */
    private interface Write {
        List<AppendResult> apply(Connection connection, List<PreparedAppend> appends, Instant now) throws SQLException;
    }

    /**
     * Writes and commits {@code batch} (gathering more first when {@code carried} is not null) and
     * completes every request. The appends of a stream whose planned revision was wrong (another
     * process appended to it) are committed again, exactly, in a second transaction.
     */
    private void commit(List<Request> batch, Request[] carried, Write write) {
        List<AppendResult> results;
        try {
            results = writeAndCommit(batch, carried, write);
        } catch (CommitOutcomeUnknown unknown) {
            fail(batch, new DatabaseException("the commit of " + batch.size()
                    + " appends failed and its outcome is unknown; read the streams before retrying", unknown.cause));
            return;
        } catch (SQLException failure) {
            if (batch.size() > 1 && !isConnectionProblem(failure)) {
                // Rolled back before commit: retry each append alone so one bad append fails alone.
                batch.forEach(this::commitAlone);
            } else {
                fail(batch, new DatabaseException("the event store could not append to the database", failure));
            }
            return;
        } catch (RuntimeException | Error bug) {
            batch.forEach(request -> request.result().completeExceptionally(bug));
            throw bug;
        }
        // Counted before any caller is answered, so a caller that reads the counts after its append sees it.
        commits.incrementAndGet();
        appendsCommitted.addAndGet(results.stream().filter(java.util.Objects::nonNull).count());
        List<Request> again = new ArrayList<>();
        for (int index = 0; index < batch.size(); index++) {
            AppendResult result = results.get(index);
            if (result == null) {
                again.add(batch.get(index));
            } else {
                batch.get(index).result().complete(result);
            }
        }
        if (!again.isEmpty()) {
            commit(again, null, writer::writeExactAndCommit);
        }
    }

    /**
     * Adds waiting appends to {@code batch} up to the batch limit; one that does not fit goes to
     * {@code carried}. When fewer appends wait than the previous batch carried, the writers of that
     * batch are most likely about to send their next appends, so it waits for them a little (at most
     * {@link #GATHER_WAIT_MICROS_MAX}): far less than the WAL flush that a second commit would cost.
     */
    private void gather(List<Request> batch, Request[] carried) throws InterruptedException {
        int events = batch.stream().mapToInt(request -> request.append().size()).sum();
        int expectedAppends = Math.max(1, previousBatchAppends);
        long deadline = System.nanoTime() + GATHER_WAIT_MICROS_MAX * 1_000;
        while (events < batchEventsMax) {
            Request next = queue.poll();
            if (next == null && batch.size() < expectedAppends && awaitAppends(expectedAppends - batch.size(), deadline)) {
                continue;
            }
            if (next == null) {
                break;
            }
            if (events + next.append().size() > batchEventsMax) {
                carried[0] = next;
                break;
            }
            batch.add(next);
            events += next.append().size();
        }
        previousBatchAppends = batch.size();
    }

    /**
     * Parks the lane until {@code appends} more wait in the queue (a writer that brings the count
     * there unparks it, see {@link #append}) or the deadline passed; false once it passed. Waiting in
     * {@code queue.poll(timeout)} instead woke the lane once per arriving append: 16 context switches
     * per commit on the critical path, on a machine whose cores are busy building the next appends.
     */
    private boolean awaitAppends(int appends, long deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while gathering a batch");
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return false;
        }
        // Never more than the queue can hold, or no writer could ever reach the target.
        int target = Math.min(appends, queueCapacity);
        gatherTarget = target;
        Thread self = Thread.currentThread();
        gatheringLane.set(self);
        // Published before the check: a writer that put after the check sees the lane and unparks it.
        if (queue.size() < target) {
            java.util.concurrent.locks.LockSupport.parkNanos(this, remaining);
        }
        gatheringLane.compareAndSet(self, null);
        return true;
    }

    /** {@code carried} null means: commit exactly {@code batch}, gather nothing more. */
    private List<AppendResult> writeAndCommit(List<Request> batch, Request[] carried, Write write)
            throws SQLException, CommitOutcomeUnknown {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (carried != null) {
                    gather(batch, carried);
                }
                return write.apply(connection, appends(batch), clock.instant());
            } catch (LogWriter.CommitOutcomeUnknown unknown) {
                throw new CommitOutcomeUnknown(unknown);
            } catch (SQLException | RuntimeException failure) {
                rollbackQuietly(connection, failure);
                throw failure;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                SQLException failure = new SQLException("interrupted while gathering a batch", "57014", interrupted);
                rollbackQuietly(connection, failure);
                throw failure;
            }
        }
    }

    private static List<PreparedAppend> appends(List<Request> batch) {
        return batch.stream().map(Request::append).toList();
    }

    private static void fail(List<Request> batch, RuntimeException failure) {
        batch.forEach(request -> request.result().completeExceptionally(failure));
    }

    private static boolean isConnectionProblem(SQLException failure) {
        String state = failure.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P");
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread lane : lanes) {
            try {
                lane.join(CLOSE_WAIT_MILLIS_MAX);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (lanes.stream().noneMatch(Thread::isAlive)) {
            for (Request left = queue.poll(); left != null; left = queue.poll()) {
                left.result().completeExceptionally(closedBefore(left));
            }
        }
    }

    private static final class CommitOutcomeUnknown extends Exception {
        private final SQLException cause;

        CommitOutcomeUnknown(SQLException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
