package io.payrail.queue.bench;

import io.payrail.platform.Check;
import io.payrail.queue.QueueLimits;

/**
 * Options of {@code payrail bench queue}: {@code messages} for the throughput run, {@code consumers}
 * receiving loops, {@code batch} messages per send / receive / delete call, {@code producers} sending
 * loops; the latency run sends one message per call at {@code latencyRatePerSecond} for
 * {@code latencySeconds}.
 */
public record QueueBenchOptions(int messages, int consumers, int batch, int producers, int latencyRatePerSecond,
        int latencySeconds) {
    public static final int MESSAGES_MAX = 10_000_000;
    public static final int THREADS_MAX = 256;
    public static final int RATE_MAX = 100_000;
    public static final int SECONDS_MAX = 3_600;

    public QueueBenchOptions {
        Check.argument(messages >= 1 && messages <= MESSAGES_MAX, "--messages must be 1 to %d, got %d", MESSAGES_MAX, messages);
        Check.argument(consumers >= 1 && consumers <= THREADS_MAX, "--consumers must be 1 to %d, got %d", THREADS_MAX, consumers);
        Check.argument(producers >= 1 && producers <= THREADS_MAX, "producers must be 1 to %d, got %d", THREADS_MAX, producers);
        Check.argument(batch >= 1 && batch <= QueueLimits.RECEIVE_BATCH_MAX, "--batch must be 1 to %d, got %d",
                QueueLimits.RECEIVE_BATCH_MAX, batch);
        Check.argument(latencyRatePerSecond >= 0 && latencyRatePerSecond <= RATE_MAX,
                "latency rate must be 0 (skip) to %d messages/s, got %d", RATE_MAX, latencyRatePerSecond);
        Check.argument(latencySeconds >= 1 && latencySeconds <= SECONDS_MAX, "latency seconds must be 1 to %d, got %d",
                SECONDS_MAX, latencySeconds);
    }

    public static QueueBenchOptions defaults() {
        return new QueueBenchOptions(50_000, 4, 10, 4, 2_000, 10);
    }

    public QueueBenchOptions with(int messageCount, int consumerCount, int batchSize) {
        return new QueueBenchOptions(messageCount, consumerCount, batchSize, producers, latencyRatePerSecond, latencySeconds);
    }
}
