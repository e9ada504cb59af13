package io.payrail.queue.bench;

// Backs `payrail bench queue [--messages N] [--consumers C] [--batch B]`.

import io.payrail.platform.Database;
import io.payrail.platform.Migrations;
import io.payrail.queue.DeleteOutcome;
import io.payrail.queue.MessageTrace;
import io.payrail.queue.OutgoingMessage;
import io.payrail.queue.QueueAdmin;
import io.payrail.queue.QueueDefinition;
import io.payrail.queue.Queues;
import io.payrail.queue.ReceiptHandle;
import io.payrail.queue.ReceiveResult;
import io.payrail.queue.ReceivedMessage;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The queue benchmark. Throughput: producers send {@code messages} in batches while consumers
 * receive and delete them in batches; every send and every receive is its own durable commit, and a
 * consumer's deletes of one batch ride on (commit with) its next receive ({@link Queues#deleteAndReceive});
 * the figure is messages fully through (sent, received, deleted, the delete committed) per second. Latency: open loop, one
 * message per send at a fixed rate; latency runs from each message's scheduled send time (so a
 * slow send counts against the queue) to its receive; the time from the send's acknowledgement to
 * the receive is reported too.
 */
public final class QueueBench {
    static final String QUEUE = "bench.queue";
    static final int TENANTS = 4;
    static final Duration EMPTY_RECEIVE_PAUSE = Duration.ofMillis(1);
    /** Messages run through before measuring, so the JIT has compiled the hot paths. */
    static final int WARM_UP_MESSAGES_MAX = 5_000;

    private QueueBench() {}

    public static LinkedHashMap<String, String> run(Database database, QueueBenchOptions options, PrintStream progress)
            throws InterruptedException {
        Migrations.apply(database.dataSource(), List.of("platform", "queue"));
        Queues queues = new Queues(database.dataSource(), new SplittableRandom(7));
        QueueAdmin admin = new QueueAdmin(queues);
        admin.define(QueueDefinition.standard(QUEUE));
        admin.purge(QUEUE);
        LinkedHashMap<String, String> results = new LinkedHashMap<>();
        results.put("synchronous_commit", database.setting("synchronous_commit"));
        results.put("messages", Integer.toString(options.messages()));
        results.put("consumers", Integer.toString(options.consumers()));
        results.put("producers", Integer.toString(options.producers()));
        results.put("batch", Integer.toString(options.batch()));
        progress.printf("queue bench: synchronous_commit=%s, %d messages, %d producers, %d consumers, batch %d%n",
                results.get("synchronous_commit"), options.messages(), options.producers(), options.consumers(), options.batch());
        int warmUp = Math.max(1, Math.min(options.messages() / 10, WARM_UP_MESSAGES_MAX));
        progress.printf("  warm-up: %d messages (not counted)%n", warmUp);
        throughput(queues, options.with(warmUp, options.consumers(), options.batch()), progress, database);
        double perSecond = throughput(queues, options, progress, database);
        results.put("queue_messages_per_second", String.format("%.0f", perSecond));
        if (options.latencyRatePerSecond() > 0) {
            new LatencyRun(queues, options, progress).run(results);
        }
        results.put("queue_table_bytes_after_run", Long.toString(tableBytes(database)));
        progress.println("  group commit, whole run: " + queues.groupCommitCounts().describe());
        return results;
    }

    private static double throughput(Queues queues, QueueBenchOptions options, PrintStream progress, Database database)
            throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        AtomicLong deleted = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int producer = 0; producer < options.producers(); producer++) {
                tasks.add(executor.submit(() -> produce(queues, options, sent)));
            }
            for (int consumer = 0; consumer < options.consumers(); consumer++) {
                tasks.add(executor.submit(() -> consume(queues, options, deleted)));
            }
            long lastReport = start;
            while (deleted.get() < options.messages()) {
                Thread.sleep(100);
                if (System.nanoTime() - lastReport > 1_000_000_000L) {
                    lastReport = System.nanoTime();
                    progress.printf("  sent %d, received and deleted %d, queue_message %d kB%n", sent.get(), deleted.get(),
                            tableBytes(database) / 1024);
                }
                for (Future<?> task : tasks) {
                    if (task.state() == Future.State.FAILED) {
                        throw new IllegalStateException("bench task failed: " + task.exceptionNow().getMessage(), task.exceptionNow());
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.printf("  %d messages sent, received and deleted in %.2f s%n", deleted.get(), seconds);
        return deleted.get() / seconds;
    }

    private static void produce(Queues queues, QueueBenchOptions options, AtomicLong sent) {
        while (true) {
            long first = sent.getAndAdd(options.batch());
            if (first >= options.messages()) {
                return;
            }
            int size = (int) Math.min(options.batch(), options.messages() - first);
            List<OutgoingMessage> batch = new ArrayList<>(size);
            for (int index = 0; index < size; index++) {
                batch.add(benchMessage(first + index, "{\"n\":" + (first + index) + "}"));
            }
            queues.sendBatch(QUEUE, batch);
        }
    }

    /**
     * A consumer's cycle is one call: the previous batch's deletes ride on the next receive (one
     * statement, one durable commit); a message counts as through once its delete committed.
     */
    private static void consume(Queues queues, QueueBenchOptions options, AtomicLong deleted) {
        List<ReceiptHandle> handled = List.of();
        while (deleted.get() < options.messages()) {
            ReceiveResult result = queues.deleteAndReceive(QUEUE, handled, options.batch(), null);
            deleted.addAndGet(result.deleteOutcomes().stream().filter(outcome -> outcome == DeleteOutcome.DELETED).count());
            handled = result.messages().stream().map(ReceivedMessage::receiptHandle).toList();
            if (handled.isEmpty()) {
                pause();
            }
        }
        if (!handled.isEmpty()) {
            queues.deleteBatch(handled);
        }
    }

    static OutgoingMessage benchMessage(long sequence, String body) {
        return new OutgoingMessage("tenant-" + sequence % TENANTS, body, null, null, Duration.ZERO,
                new MessageTrace("bench-trace", null, null));
    }

    static void pause() {
        try {
            Thread.sleep(EMPTY_RECEIVE_PAUSE);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static Histogram histogram() {
        return new Histogram(Duration.ofMinutes(1).toNanos() / 1_000, 3);
    }

    private static long tableBytes(Database database) {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_total_relation_size('queue_message')")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException failure) {
            throw new IllegalStateException("could not measure queue_message: " + failure.getMessage(), failure);
        }
    }
}
