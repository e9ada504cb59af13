package io.payrail.queue;

import io.payrail.platform.Check;
import java.time.Duration;

/**
 * How a {@link QueueConsumer} runs: at most {@code maxConcurrency} handlers at once (the function's
 * reserved concurrency); {@code visibilityTimeout} null means the queue's default; an idle consumer
 * wakes on a notification or, failing that, every {@code fallbackPoll}.
 *
 * <p>Sizing {@code maxConcurrency}: a message holds its slot from the receive that asks for it
 * until its handler returns, so the slots needed are about rate × (two receive round trips +
 * handler time), and a few times that to drain the backlog a short stall leaves. Measured (docs/queue.md,
 * "The latency tail, found"): at 2,000 messages/s with a trivial handler, 16 slots gave single
 * seconds of 60 to 140 ms; 64 slots kept the p99 at 15 to 40 ms, bursts using 45 to 64 of them.
 */
public record ConsumerOptions(String queue, int maxConcurrency, Duration visibilityTimeout, Duration fallbackPoll) {
    public ConsumerOptions {
        Names.queueName(queue);
        Check.argument(maxConcurrency >= 1 && maxConcurrency <= QueueLimits.CONSUMER_CONCURRENCY_MAX,
                "consumer concurrency must be 1 to %d, got %d", QueueLimits.CONSUMER_CONCURRENCY_MAX, maxConcurrency);
        Check.notNull(fallbackPoll, "fallbackPoll");
        Check.argument(fallbackPoll.toMillis() >= 1, "fallback poll must be at least 1 ms, got %s", fallbackPoll);
    }

    public static ConsumerOptions of(String queue, int maxConcurrency) {
        return new ConsumerOptions(queue, maxConcurrency, null, QueueLimits.FALLBACK_POLL_INTERVAL);
    }

    public ConsumerOptions withFallbackPoll(Duration interval) {
        return new ConsumerOptions(queue, maxConcurrency, visibilityTimeout, interval);
    }

    public ConsumerOptions withVisibilityTimeout(Duration timeout) {
        return new ConsumerOptions(queue, maxConcurrency, timeout, fallbackPoll);
    }
}
