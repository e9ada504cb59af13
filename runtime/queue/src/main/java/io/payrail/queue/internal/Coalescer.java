package io.payrail.queue.internal;

import io.payrail.platform.Check;
import io.payrail.platform.DatabaseException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: concurrent callers' small requests (sends, receives, deletes) run as one statement,
 * which is one durable commit. Callers wait in a bounded queue; one lane takes everything that
 * arrived while its previous statement ran (within {@code itemsMax} requests and {@code weightMax}
 * weight), runs it, and only then hands each caller its own result, so an acknowledged request is
 * committed. When a shared statement fails before commit (bad data, a constraint), each request is
 * retried alone, so one bad request fails only itself; a lost connection fails the whole group
 * (the outcome is unknown, and a retry could apply a send twice).
 *
 * <p>The lane is a virtual thread that ends after {@link #LANE_IDLE_EXIT} without work and is
 * started again by the next request: an idle queue holds no thread and makes no query.
 */
public final class Coalescer<I, O> {
    private static final Logger LOG = LoggerFactory.getLogger(Coalescer.class);
    /** Requests waiting for a lane; a full queue makes callers wait (backpressure). */
    public static final int PENDING_MAX = 10_000;
    static final Duration LANE_IDLE_EXIT = Duration.ofSeconds(1);

    /** Runs the requests as one statement and returns one result per request, in order. */
    @FunctionalInterface
    public interface Work<I, O> {
        List<O> run(List<I> requests) throws SQLException;
    }

    private record Request<I, O>(I input, long weight, CompletableFuture<O> result) {}

    private final String name;
    private final Work<I, O> work;
    private final int itemsMax;
    private final long weightMax;
    private final ToLongFunction<I> weigher;
    private final BlockingQueue<Request<I, O>> pending = new LinkedBlockingQueue<>(PENDING_MAX);
    private final AtomicBoolean laneRunning = new AtomicBoolean();
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    public Coalescer(String name, int itemsMax, long weightMax, ToLongFunction<I> weigher, Work<I, O> work) {
        Check.argument(itemsMax >= 1 && weightMax >= 1, "coalescer %s needs positive limits, got %d and %d", name, itemsMax, weightMax);
        this.name = name;
        this.work = work;
        this.itemsMax = itemsMax;
        this.weightMax = weightMax;
        this.weigher = weigher;
    }

    /** Runs {@code input} in the next shared statement and returns its result once that committed. */
    public O submit(I input) {
        Request<I, O> request = new Request<>(input, weigher.applyAsLong(input), new CompletableFuture<>());
        try {
            pending.put(request);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before " + name + " was queued; nothing was done", interrupted);
        }
        if (laneRunning.compareAndSet(false, true)) {
            Thread.ofVirtual().name("queue-lane-" + name).start(this::runLane);
        }
        try {
            return request.result().join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(name + " failed: " + failed.getCause(), failed.getCause());
        }
    }

    /** Shared statements run (retries of single requests included). */
    public long statements() {
        return statements.get();
    }

    /** Requests answered by those statements. */
    public long requests() {
        return requests.get();
    }

    /** Requests queued and not yet taken by the lane. */
    public int waiting() {
        return pending.size();
    }

    private void runLane() {
        Request<I, O> carried = null;
        while (true) {
            Request<I, O> first = carried;
            carried = null;
            if (first == null) {
                try {
                    first = pending.poll(LANE_IDLE_EXIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    first = null;
                }
                if (first == null) {
                    laneRunning.set(false);
                    // A request queued after the poll gave up saw the lane running and started none.
                    if (pending.isEmpty() || !laneRunning.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
            }
            List<Request<I, O>> batch = new ArrayList<>();
            batch.add(first);
            carried = gather(batch, first.weight());
            execute(batch);
        }
    }

    /** Adds what is waiting, within the limits; returns a request that did not fit. */
    private Request<I, O> gather(List<Request<I, O>> batch, long weight) {
        while (batch.size() < itemsMax) {
            Request<I, O> next = pending.poll();
            if (next == null) {
                return null;
            }
            if (weight + next.weight() > weightMax) {
                return next;
            }
            batch.add(next);
            weight += next.weight();
        }
        return null;
    }

    private void execute(List<Request<I, O>> batch) {
        statements.incrementAndGet();
        try {
            complete(batch, work.run(batch.stream().map(Request::input).toList()));
        } catch (SQLException failure) {
            if (batch.size() > 1 && !isConnectionProblem(failure)) {
                batch.forEach(request -> execute(List.of(request)));
            } else {
                fail(batch, new DatabaseException("could not run " + name, failure));
            }
        } catch (RuntimeException | Error failure) {
            if (batch.size() > 1 && failure instanceof IllegalArgumentException) {
                batch.forEach(request -> execute(List.of(request)));
                return;
            }
            if (!(failure instanceof RuntimeException)) {
                LOG.error("{} failed", name, failure);
            }
            fail(batch, failure);
        }
    }

    private void complete(List<Request<I, O>> batch, List<O> results) {
        Check.that(results.size() == batch.size(), "%s returned %d results for %d requests", name, results.size(), batch.size());
        requests.addAndGet(batch.size());
        for (int index = 0; index < batch.size(); index++) {
            batch.get(index).result().complete(results.get(index));
        }
    }

    private static <I, O> void fail(List<Request<I, O>> batch, Throwable failure) {
        batch.forEach(request -> request.result().completeExceptionally(failure));
    }

    /** SQL state class 08 (connection exception) or none: the statement's outcome is unknown. */
    private static boolean isConnectionProblem(SQLException failure) {
        String state = failure.getSQLState();
        return state == null || state.startsWith("08");
    }
}
