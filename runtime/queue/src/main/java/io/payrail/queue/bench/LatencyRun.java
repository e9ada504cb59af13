package io.payrail.queue.bench;

import io.payrail.queue.ConsumerOptions;
import io.payrail.queue.QueueConsumer;
import io.payrail.queue.Queues;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Open-loop latency: message i is due at start + i / rate and is sent then by its own virtual
 * thread whether or not earlier sends finished, so a stall shows up as latency instead of as a
 * lower send rate (no coordinated omission). A {@link QueueConsumer} receives them, woken by the
 * send's notification.
 */
final class LatencyRun {
    /** After the last send, how long to wait for stragglers before giving up on them. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Seconds of sending at the same rate before the measured ones, not recorded: the consumer starts
     * here (its threads, its listening connection, its code compiled by the JIT), and its first
     * second measured 99 to 130 ms for the slowest message against 20 to 45 ms in the seconds after.
     * The figure is the steady state at the rate, as a long-running consumer sees it.
     */
    static final int WARM_UP_SECONDS = 3;

    /**
     * Handler slots of the latency run's consumer: at least this many, or consumers times batch when
     * that is more. A receive holds its slots from the moment it asks until each handler returns, and
     * two receivers share one receive statement at a time, so at 2,000 messages/s and receives of 2 to
     * 5 ms on a loaded 2-core machine about 10 to 20 slots are taken at any moment. With 16 slots
     * (the old sizing for {@code --consumers 16 --batch 1}) a short stall left a backlog that drained
     * at barely more than the arrival rate: single seconds of 60 to 140 ms. With 64, bursts used 45 to
     * 64 and the backlog drained in one or two receives. Little's law sizes a real consumer the same way.
     */
    static final int CONSUMER_SLOTS_MIN = 64;

    private final Queues queues;
    private final QueueBenchOptions options;
    private final PrintStream progress;
    private final Map<Long, Long> acknowledgedNanos = new ConcurrentHashMap<>();
    private final Histogram fromScheduled = QueueBench.histogram();
    private final Histogram fromAcknowledged = QueueBench.histogram();
    private final AtomicLong received = new AtomicLong();
    /** The slowest message per second of the run (by its due time), to tell a stall from a steady queue. */
    private final java.util.concurrent.atomic.AtomicLongArray slowestPerSecond;
    private volatile long startNanos;

    LatencyRun(Queues queues, QueueBenchOptions options, PrintStream progress) {
        this.queues = queues;
        this.options = options;
        this.progress = progress;
        this.slowestPerSecond = new java.util.concurrent.atomic.AtomicLongArray(options.latencySeconds() + 1);
    }

    void run(LinkedHashMap<String, String> results) throws InterruptedException {
        int rate = options.latencyRatePerSecond();
        long total = (long) rate * options.latencySeconds();
        long warmUp = (long) rate * WARM_UP_SECONDS;
        progress.printf("  latency: %d messages/s, one per send, for %d s after %d s unmeasured%n", rate, options.latencySeconds(),
                WARM_UP_SECONDS);
        ConsumerOptions consumerOptions = ConsumerOptions.of(QueueBench.QUEUE, consumerSlots(options));
        try (QueueConsumer consumer = QueueConsumer.start(queues, consumerOptions, message -> record(message.messageId(),
                Long.parseLong(message.body())));
                ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            startNanos = start + WARM_UP_SECONDS * 1_000_000_000L;
            for (long index = 0; index < warmUp + total; index++) {
                long due = start + index * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                senders.execute(() -> send(due));
            }
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (received.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            results.put("queue_latency_consumer_slots", Integer.toString(consumerSlots(options)));
            results.put("queue_latency_consumer_handlers_max", Integer.toString(consumer.inFlightMax()));
        }
        results.put("queue_latency_rate_per_second", Integer.toString(rate));
        results.put("queue_latency_ms_p50", millis(fromScheduled.getValueAtPercentile(50)));
        results.put("queue_latency_ms_p99", millis(fromScheduled.getValueAtPercentile(99)));
        results.put("queue_latency_ms_max", millis(fromScheduled.getMaxValue()));
        results.put("queue_delivery_after_ack_ms_p99", millis(fromAcknowledged.getValueAtPercentile(99)));
        results.put("queue_latency_messages_received", Long.toString(received.get()) + "/" + total);
        results.put("queue_latency_ms_max_per_second", slowestPerSecond());
    }

    static int consumerSlots(QueueBenchOptions options) {
        return Math.max(CONSUMER_SLOTS_MIN, options.consumers() * options.batch());
    }

    private void send(long dueNanos) {
        long id = queues.send(QueueBench.QUEUE, QueueBench.benchMessage(dueNanos, Long.toString(dueNanos))).messageId();
        acknowledgedNanos.put(id, System.nanoTime());
    }

    private void record(long messageId, long dueNanos) {
        long now = System.nanoTime();
        if (dueNanos < startNanos) {
            acknowledgedNanos.remove(messageId);
            return; // sent during the warm-up
        }
        long micros = Math.max(0, (now - dueNanos) / 1_000);
        synchronized (fromScheduled) {
            fromScheduled.recordValue(micros);
        }
        int second = (int) Math.min(slowestPerSecond.length() - 1, Math.max(0, (dueNanos - startNanos) / 1_000_000_000L));
        slowestPerSecond.accumulateAndGet(second, micros, Math::max);
        Long acknowledged = acknowledgedNanos.remove(messageId);
        // A receive can beat the sender's own bookkeeping of the acknowledgement: count it as zero.
        synchronized (fromAcknowledged) {
            fromAcknowledged.recordValue(acknowledged == null ? 0 : Math.max(0, (now - acknowledged) / 1_000));
        }
        received.incrementAndGet();
    }

    private String slowestPerSecond() {
        java.util.List<String> seconds = new java.util.ArrayList<>();
        for (int second = 0; second < slowestPerSecond.length(); second++) {
            seconds.add(String.format(java.util.Locale.ROOT, "%.0f", slowestPerSecond.get(second) / 1000.0));
        }
        return String.join(",", seconds);
    }

    private static String millis(long micros) {
        return String.format("%.1f", micros / 1000.0);
    }
}
