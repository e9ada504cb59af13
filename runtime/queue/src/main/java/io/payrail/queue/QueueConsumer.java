package io.payrail.queue;

import io.payrail.platform.Check;
import io.payrail.platform.TraceContext;
import io.payrail.queue.internal.DeleteBatcher;
import io.payrail.queue.internal.Doorbell;
import io.payrail.queue.internal.NotificationListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a handler for every message of a queue, each on its own virtual thread.
 *
 * <p>Concurrency follows the backlog: receiver loops (one per ten slots) receive as many messages as
 * there are free handler slots (at most {@link ConsumerOptions#maxConcurrency()} in all), so a queue
 * with three ready messages runs three handlers and a deep backlog runs the maximum. With no backlog the consumer
 * costs nothing: the receivers sleep until a send to this queue commits (LISTEN/NOTIFY on the
 * channel {@code payrail_queue}, payload the queue name) or the slow fallback poll comes round.
 */
public final class QueueConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueConsumer.class);
    /** How long {@link #close()} waits for running handlers to finish. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** How long a receiver waits for a free handler slot before checking whether to stop. */
    static final Duration SLOT_WAIT = Duration.ofMillis(100);

    private final Queues queues;
    private final ConsumerOptions options;
    private final MessageHandler handler;
    private final TransactionalMessageHandler transactionalHandler;
    private final DeleteBatcher deletes;
    private final Semaphore slots;
    private final Doorbell doorbell = new Doorbell();
    private final NotificationListener listener;
    private final long startGeneration;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Thread> receivers;
    private final Thread listenerThread;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger inFlightMax = new AtomicInteger();
    private final AtomicLong receives = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;
    /** Whether the last receive came back full: only then do receivers other than the first receive. */
    private volatile boolean backlog;

    private QueueConsumer(Queues queues, ConsumerOptions options, MessageHandler handler,
            TransactionalMessageHandler transactionalHandler) {
        this.queues = Check.notNull(queues, "queues");
        this.options = Check.notNull(options, "options");
        this.handler = handler;
        this.transactionalHandler = transactionalHandler;
        queues.directory().require(options.queue());
        this.deletes = handler == null ? null : new DeleteBatcher(queues, options.queue());
        this.slots = new Semaphore(options.maxConcurrency());
        // Taken before the listener starts, so its first ring (LISTEN is in place) always brings one
        // more receive, even when it rings before a receiver has looked at the doorbell.
        this.startGeneration = doorbell.generation();
        this.listener = new NotificationListener(queues.dataSource(), options.queue(), doorbell);
        this.listenerThread = Thread.ofVirtual().name("queue-listener-" + options.queue()).start(listener);
        // One receive brings at most RECEIVE_BATCH_MAX messages, so a high concurrency needs several
        // receives in flight at once to keep its handlers busy.
        int receiverCount = (options.maxConcurrency() + QueueLimits.RECEIVE_BATCH_MAX - 1) / QueueLimits.RECEIVE_BATCH_MAX;
        this.receivers = java.util.stream.IntStream.range(0, receiverCount).mapToObj(index -> Thread.ofVirtual()
                .name("queue-receiver-" + options.queue() + "-" + index).start(() -> dispatch(index))).toList();
    }

    /** Runs {@code handler}; a message is deleted (in batches with others) after the handler returns. */
    public static QueueConsumer start(Queues queues, ConsumerOptions options, MessageHandler handler) {
        return new QueueConsumer(queues, options, Check.notNull(handler, "handler"), null);
    }

    /** Runs {@code handler} inside the transaction that deletes the message (see {@link TransactionalMessageHandler}). */
    public static QueueConsumer startTransactional(Queues queues, ConsumerOptions options, TransactionalMessageHandler handler) {
        return new QueueConsumer(queues, options, null, Check.notNull(handler, "handler"));
    }

    private static void processInTransaction(Queues queues, TransactionalMessageHandler handler, ReceivedMessage message)
            throws Exception {
        try (Connection transaction = queues.dataSource().getConnection()) {
            transaction.setAutoCommit(false);
            try {
                handler.handle(transaction, message);
                if (queues.delete(transaction, message.receiptHandle()) == DeleteOutcome.DELETED) {
                    transaction.commit();
                } else {
                    // Redelivered to another consumer meanwhile: that delivery owns the message now.
                    transaction.rollback();
                }
            } catch (Exception | Error failure) {
                rollbackQuietly(transaction, failure);
                throw failure;
            }
        }
    }

    private static void rollbackQuietly(Connection transaction, Throwable failure) {
        try {
            transaction.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    /** The most handlers that ran at once since start. */
    public int inFlightMax() {
        return inFlightMax.get();
    }

    public long receiveCalls() {
        return receives.get();
    }

    public long succeeded() {
        return succeeded.get();
    }

    public long failed() {
        return failed.get();
    }

    /**
     * One receiver loop. Without a backlog only the first loop receives: a notification wakes every
     * loop, and several receives racing for the same few messages mostly come back empty, each empty
     * one costing a statement and a tenant lookup. A full receive (a backlog) rings the others in.
     */
    private void dispatch(int index) {
        long lastActivityNanos = System.nanoTime() - QueueLimits.CONSUMER_LINGER.toNanos();
        long seenRing = startGeneration;
        while (running) {
            try {
                if (index > 0 && !backlog) {
                    seenRing = doorbell.await(seenRing, options.fallbackPoll());
                    continue;
                }
                if (!slots.tryAcquire(SLOT_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int permits = 1;
                while (permits < QueueLimits.RECEIVE_BATCH_MAX && slots.tryAcquire()) {
                    permits++;
                }
                List<ReceivedMessage> batch = receive(permits);
                slots.release(permits - batch.size());
                batch.forEach(this::launch);
                boolean full = batch.size() == permits;
                if (full != backlog) {
                    backlog = full;
                    if (full) {
                        doorbell.ring();
                    }
                }
                if (!batch.isEmpty()) {
                    lastActivityNanos = System.nanoTime();
                } else if (running) {
                    long ring = doorbell.await(seenRing, idleWait(lastActivityNanos));
                    if (ring != seenRing) {
                        seenRing = ring;
                        lastActivityNanos = System.nanoTime();
                    }
                }
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    /**
     * Shortly after activity, an empty receive is retried soon: sends within
     * {@link QueueLimits#NOTIFY_INTERVAL} of a notification do not notify again (see {@code Queues}).
     * Otherwise the consumer sleeps until a notification or the fallback poll.
     */
    private Duration idleWait(long lastActivityNanos) {
        boolean lingering = System.nanoTime() - lastActivityNanos < QueueLimits.CONSUMER_LINGER.toNanos();
        Duration linger = QueueLimits.CONSUMER_LINGER_POLL;
        return lingering && linger.compareTo(options.fallbackPoll()) < 0 ? linger : options.fallbackPoll();
    }

    /**
     * Receives, and deletes in the same statement and commit the messages whose handlers finished
     * since (plain handlers only; a transactional handler deletes in its own transaction). If the
     * receive fails, its deletes go back to the batcher, which deletes them on its own.
     */
    private List<ReceivedMessage> receive(int count) throws InterruptedException {
        receives.incrementAndGet();
        List<ReceiptHandle> finished = deletes == null ? List.of() : deletes.takeForReceive();
        try {
            return queues.deleteAndReceive(options.queue(), finished, count, options.visibilityTimeout()).messages();
        } catch (RuntimeException failure) {
            if (!finished.isEmpty()) {
                deletes.giveBack(finished);
            }
            LOG.warn("receive from queue {} failed, retrying after {}: {}", options.queue(), options.fallbackPoll(),
                    failure.getMessage());
            Thread.sleep(options.fallbackPoll());
            return List.of();
        }
    }

    private void launch(ReceivedMessage message) {
        int now = inFlight.incrementAndGet();
        inFlightMax.accumulateAndGet(now, Math::max);
        Runnable work = () -> {
            TraceContext trace = TraceContext.open(message.trace().traceId(), message.trace().correlationId(),
                    message.tenantId());
            try {
                run(message);
            } finally {
                trace.close();
                inFlight.decrementAndGet();
                slots.release();
            }
        };
        try {
            handlers.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // Received while close() shut the handlers down: the message is redelivered after its
            // visibility timeout, like any message whose consumer stopped.
            inFlight.decrementAndGet();
            slots.release();
        }
    }

    private void run(ReceivedMessage message) {
        try {
            if (handler != null) {
                handler.handle(message);
                deletes.add(message.receiptHandle());
            } else {
                processInTransaction(queues, transactionalHandler, message);
            }
            succeeded.incrementAndGet();
        } catch (Exception failure) {
            failed.incrementAndGet();
            String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            try {
                queues.fail(message.receiptHandle(), reason);
            } catch (RuntimeException reportFailure) {
                // The visibility timeout will redeliver it; nothing is lost.
                LOG.warn("could not report failure of message {}: {}", message.messageId(), reportFailure.getMessage());
            }
        }
    }

    /** Stops receiving and waits (bounded) for running handlers; unfinished messages are redelivered later. */
    @Override
    public void close() {
        running = false;
        listener.stop();
        doorbell.ring();
        // Receivers are not interrupted: an interrupt during a receive would break its connection
        // and strand the messages it took until their visibility timeout. They see the flag instead.
        handlers.shutdown();
        try {
            for (Thread receiver : receivers) {
                receiver.join(CLOSE_TIMEOUT);
            }
            listenerThread.join(CLOSE_TIMEOUT);
            handlers.awaitTermination(CLOSE_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (deletes != null) {
                deletes.close();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
