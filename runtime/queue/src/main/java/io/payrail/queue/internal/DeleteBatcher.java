package io.payrail.queue.internal;

import io.payrail.queue.QueueLimits;
import io.payrail.queue.Queues;
import io.payrail.queue.ReceiptHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes handled messages in batches: one flusher deletes everything that finished while its
 * previous delete was committing, so under load many deletes share one commit and, when quiet,
 * a delete goes out at once. A message whose delete is lost in a crash is redelivered (at least once).
 */
public final class DeleteBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeleteBatcher.class);
    /** Handles waiting for the flusher; a full queue makes handlers wait (backpressure). */
    static final int PENDING_MAX = 10_000;
    static final Duration IDLE_CHECK = Duration.ofMillis(100);

    private final Queues queues;
    private final BlockingQueue<ReceiptHandle> pending = new LinkedBlockingQueue<>(PENDING_MAX);
    private final Thread flusher;
    private volatile boolean closing;

    public DeleteBatcher(Queues queues, String name) {
        this.queues = queues;
        this.flusher = Thread.ofVirtual().name("queue-deletes-" + name).start(this::flushLoop);
    }

    public void add(ReceiptHandle handle) throws InterruptedException {
        pending.put(handle);
    }

    private void flushLoop() {
        while (!closing || !pending.isEmpty()) {
            try {
                ReceiptHandle first = pending.poll(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<ReceiptHandle> batch = new ArrayList<>();
                batch.add(first);
                pending.drainTo(batch, QueueLimits.DELETE_BATCH_MAX - 1);
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
        try {
            flusher.join(Duration.ofSeconds(30));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
