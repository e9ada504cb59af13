package io.payrail.store.internal;

import io.payrail.platform.Check;
import io.payrail.platform.DatabaseException;
import io.payrail.store.AppendResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Merges concurrent appends into shared transactions. Appends wait in a bounded queue; a lane takes
 * one, then every other waiting append that fits in one batch, writes them in one transaction (each append's expected revision checked against the batch, so one conflict
 * fails only its own append), commits, and only then hands every caller its own result: an
 * acknowledged append is durable.
 *
 * <p>With several lanes, one lane waits for the lock with a connection in hand while another's commit
 * is flushed, and gathers its batch the moment it gets the lock. That splits closed-loop writers into
 * alternating groups and so smaller batches; one lane measured better, and is the default.
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
    private volatile boolean closed;
    private volatile int previousBatchAppends;

    public GroupCommitAppender(DataSource dataSource, Clock clock, LogWriter writer, int lanes, int batchEventsMax, int queueMax) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.writer = writer;
        this.batchEventsMax = batchEventsMax;
        this.queue = new ArrayBlockingQueue<>(queueMax);
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

    /** Waits for the result; fails instead of waiting for ever when the store closed under the caller. */
    private AppendResult awaitResult(Request request) throws InterruptedException, ExecutionException {
        while (true) {
            try {
                return request.result().get(POLL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                if (closed && lanes.stream().noneMatch(Thread::isAlive) && queue.remove(request)) {
                    throw new IllegalStateException("the event store closed before the append to stream "
                            + request.append().stream() + " was committed; nothing of it was written");
                }
            }
        }
    }

    /** Appends committed and commits made so far (the bench prints the events per commit). */
    public record Counts(long commits, long appends) {}

    public Counts counts() {
        return new Counts(commits.get(), appendsCommitted.get());
    }

    private void run() {
        Request carried = null;
        while (!closed || !queue.isEmpty() || carried != null) {
            try {
                Request first = carried != null ? carried : queue.poll(POLL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    carried = commitStartingWith(first);
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
    private Request commitStartingWith(Request first) {
        List<Request> batch = new ArrayList<>();
        batch.add(first);
        Request[] carried = new Request[1];
        List<AppendResult> results;
        try {
            results = writeAndCommit(batch, carried);
        } catch (CommitOutcomeUnknown unknown) {
            fail(batch, new DatabaseException("the commit of " + batch.size()
                    + " appends failed and its outcome is unknown; read the streams before retrying", unknown.cause));
            return carried[0];
        } catch (SQLException failure) {
            if (batch.size() > 1 && !isConnectionProblem(failure)) {
                // Rolled back before commit: retry each append alone so one bad append fails alone.
                batch.forEach(this::commitAlone);
            } else {
                fail(batch, new DatabaseException("the event store could not append to the database", failure));
            }
            return carried[0];
        } catch (RuntimeException | Error bug) {
            batch.forEach(request -> request.result().completeExceptionally(bug));
            if (carried[0] != null) {
                carried[0].result().completeExceptionally(bug);
            }
            throw bug;
        }
        commits.incrementAndGet();
        appendsCommitted.addAndGet(batch.size());
        for (int index = 0; index < batch.size(); index++) {
            batch.get(index).result().complete(results.get(index));
        }
        return carried[0];
    }

    private void commitAlone(Request request) {
        try {
            AppendResult result = writeAndCommit(new ArrayList<>(List.of(request)), null).getFirst();
            commits.incrementAndGet();
            appendsCommitted.incrementAndGet();
            request.result().complete(result);
        } catch (CommitOutcomeUnknown unknown) {
            request.result().completeExceptionally(new DatabaseException(
                    "the commit failed and its outcome is unknown; read the stream before retrying", unknown.cause));
        } catch (SQLException failure) {
            request.result().completeExceptionally(new DatabaseException("the event store could not append to the database", failure));
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
            if (next == null && batch.size() < expectedAppends) {
                long remaining = deadline - System.nanoTime();
                next = remaining > 0 ? queue.poll(remaining, TimeUnit.NANOSECONDS) : null;
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

    /** {@code carried} null means: commit exactly {@code batch}, gather nothing more. */
    private List<AppendResult> writeAndCommit(List<Request> batch, Request[] carried) throws SQLException, CommitOutcomeUnknown {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            List<AppendResult> results;
            try {
                if (lanes.size() == 1) {
                    // The only lane: nobody else of this appender holds the log lock, so gather first
                    // and save a round trip by taking the lock with the revision read.
                    if (carried != null) {
                        gather(batch, carried);
                    }
                    results = writer.writeAndCommit(connection, appends(batch), clock.instant());
                } else {
                    writer.lockLog(connection);
                    if (carried != null) {
                        gather(batch, carried);
                    }
                    results = writer.writeLockedAndCommit(connection, appends(batch), clock.instant());
                }
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
            try {
                // Already committed with the insert (then this sends nothing), unless nothing was inserted.
                connection.commit();
            } catch (SQLException failure) {
                throw new CommitOutcomeUnknown(failure);
            }
            return results;
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
    }

    private static final class CommitOutcomeUnknown extends Exception {
        private final SQLException cause;

        CommitOutcomeUnknown(SQLException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
