package io.payrail.queue.internal;

import io.payrail.queue.QueueLimits;
import io.payrail.queue.Queues;
import io.payrail.queue.ReceiptHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deletes of a consumer's handled messages. A receiver takes what is pending and lets it ride on
 * its next receive ({@link Queues#deleteAndReceive}: one statement and commit for both); what no
 * receive took within {@link QueueLimits#CONSUMER_DELETE_RIDE_WAIT} (a quiet queue) one flusher deletes
 * in batches, everything that finished while its previous delete was committing going in the next.
 * A message whose delete is lost in a crash, or fails, is redelivered (at least once).
 */
public final class DeleteBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeleteBatcher.class);
    /** Handles waiting for a receive or the flusher; a full batcher makes handlers wait (backpressure). */
    static final int PENDING_MAX = 10_000;
    static final Duration IDLE_CHECK = Duration.ofMillis(100);

    private record Pending(ReceiptHandle handle, long addedNanos) {}

    private final Queues queues;
    private final long rideWaitNanos;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final Thread flusher;
    private volatile boolean closing;

    public DeleteBatcher(Queues queues, String name) {
        this(queues, name, QueueLimits.CONSUMER_DELETE_RIDE_WAIT, System::nanoTime);
    }

    DeleteBatcher(Queues queues, String name, Duration rideWait, LongSupplier nanoTime) {
        this.queues = queues;
        this.rideWaitNanos = rideWait.toNanos();
        this.nanoTime = nanoTime;
        this.flusher = Thread.ofVirtual().name("queue-deletes-" + name).start(this::flushLoop);
    }

    public void add(ReceiptHandle handle) throws InterruptedException {
        giveBack(List.of(handle));
    }

    /** Handles for the caller's next receive to delete, at most {@link QueueLimits#DELETE_BATCH_MAX}; none if none pending. */
    public List<ReceiptHandle> takeForReceive() {
        lock.lock();
        try {
            return drain();
        } finally {
            lock.unlock();
        }
    }

    /** Handles a receive took but could not delete (it failed): the flusher tries them again. */
    public void giveBack(Collection<ReceiptHandle> handles) throws InterruptedException {
        lock.lock();
        try {
            for (ReceiptHandle handle : handles) {
                while (pending.size() >= PENDING_MAX) {
                    changed.await();
                }
                pending.add(new Pending(handle, nanoTime.getAsLong()));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private List<ReceiptHandle> drain() {
        List<ReceiptHandle> batch = new ArrayList<>(Math.min(pending.size(), QueueLimits.DELETE_BATCH_MAX));
        while (!pending.isEmpty() && batch.size() < QueueLimits.DELETE_BATCH_MAX) {
            batch.add(pending.poll().handle());
        }
        changed.signalAll();
        return batch;
    }

    /** Waits until the oldest pending handle has waited its ride or the batcher closes; returns the batch to delete. */
    private List<ReceiptHandle> awaitUnclaimed() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (pending.isEmpty()) {
                    if (closing) {
                        return List.of();
                    }
                    changed.await(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                long waited = nanoTime.getAsLong() - pending.peek().addedNanos();
                if (closing || waited >= rideWaitNanos) {
                    return drain();
                }
                changed.awaitNanos(rideWaitNanos - waited);
            }
        } finally {
            lock.unlock();
        }
    }

    private void flushLoop() {
        while (true) {
            try {
                List<ReceiptHandle> batch = awaitUnclaimed();
                if (batch.isEmpty()) {
                    return;
                }
                queues.deleteBatch(batch);
            } catch (InterruptedException interrupted) {
                return;
            } catch (RuntimeException failure) {
                // The messages stay in flight and are redelivered after their visibility timeout.
                LOG.warn("batched delete failed, messages will be redelivered: {}", failure.getMessage());
            }
        }
    }

    /** Flushes what is pending, then stops. */
    @Override
    public void close() {
        closing = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            flusher.join(Duration.ofSeconds(30));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
