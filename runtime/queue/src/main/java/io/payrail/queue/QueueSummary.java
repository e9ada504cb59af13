package io.payrail.queue;

import java.time.Duration;

/**
 * One line of {@code payrail queues list}. {@code inFlight} counts messages received and not yet
 * deleted (including those waiting out a retry backoff); {@code delayed} counts messages sent with a
 * delay not yet over; {@code oldestAge} is zero for an empty queue; {@code deadLetterDepth} is -1
 * when the queue has no dead-letter queue.
 */
public record QueueSummary(
        String name,
        QueueType type,
        long ready,
        long inFlight,
        long delayed,
        Duration oldestAge,
        String deadLetterQueue,
        long deadLetterDepth) {

    public long depth() {
        return ready + inFlight + delayed;
    }
}
