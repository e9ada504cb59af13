package io.payrail.queue;

import io.payrail.platform.Check;
import java.time.Duration;
import java.util.Optional;

/**
 * A queue's configuration. {@code deadLetterQueue} is null when failed messages are retried until
 * the retention period ends. Name and type are fixed at creation; the rest can be reconfigured.
 */
public record QueueDefinition(
        String name,
        QueueType type,
        Duration visibilityTimeout,
        int maxReceiveCount,
        String deadLetterQueue,
        Duration retention,
        Duration deduplicationWindow,
        Duration backoffBase,
        Duration backoffMax) {

    public QueueDefinition {
        Names.queueName(name);
        Check.notNull(type, "type");
        checkWithin(visibilityTimeout, Duration.ZERO, QueueLimits.VISIBILITY_TIMEOUT_MAX, "visibility timeout");
        Check.argument(maxReceiveCount >= 1 && maxReceiveCount <= QueueLimits.MAX_RECEIVE_COUNT_MAX,
                "maxReceiveCount must be 1 to %d, got %d", QueueLimits.MAX_RECEIVE_COUNT_MAX, maxReceiveCount);
        if (deadLetterQueue != null) {
            Names.queueName(deadLetterQueue);
            Check.argument(!deadLetterQueue.equals(name), "queue %s cannot be its own dead-letter queue", name);
        }
        checkWithin(retention, Duration.ofSeconds(60), QueueLimits.RETENTION_MAX, "retention");
        checkWithin(deduplicationWindow, Duration.ZERO, QueueLimits.DEDUPLICATION_WINDOW_MAX, "deduplication window");
        checkWithin(backoffBase, Duration.ZERO, QueueLimits.VISIBILITY_TIMEOUT_MAX, "backoff base");
        checkWithin(backoffMax, backoffBase, QueueLimits.VISIBILITY_TIMEOUT_MAX, "backoff max");
    }

    /** A standard queue with SQS's defaults and no dead-letter queue. */
    public static QueueDefinition standard(String name) {
        return withDefaults(name, QueueType.STANDARD);
    }

    /** A FIFO queue with SQS's defaults and no dead-letter queue. */
    public static QueueDefinition fifo(String name) {
        return withDefaults(name, QueueType.FIFO);
    }

    private static QueueDefinition withDefaults(String name, QueueType type) {
        return new QueueDefinition(name, type, QueueLimits.VISIBILITY_TIMEOUT_DEFAULT,
                QueueLimits.MAX_RECEIVE_COUNT_DEFAULT, null, QueueLimits.RETENTION_DEFAULT,
                QueueLimits.DEDUPLICATION_WINDOW_DEFAULT, QueueLimits.BACKOFF_BASE_DEFAULT, QueueLimits.BACKOFF_MAX_DEFAULT);
    }

    public Optional<String> deadLetterQueueName() {
        return Optional.ofNullable(deadLetterQueue);
    }

    public QueueDefinition withVisibilityTimeout(Duration timeout) {
        return new QueueDefinition(name, type, timeout, maxReceiveCount, deadLetterQueue, retention,
                deduplicationWindow, backoffBase, backoffMax);
    }

    /** Moves messages to {@code queue} once they have been received {@code receiveCountMax} times. */
    public QueueDefinition withDeadLetterQueue(String queue, int receiveCountMax) {
        return new QueueDefinition(name, type, visibilityTimeout, receiveCountMax, queue, retention,
                deduplicationWindow, backoffBase, backoffMax);
    }

    public QueueDefinition withRetention(Duration period) {
        return new QueueDefinition(name, type, visibilityTimeout, maxReceiveCount, deadLetterQueue, period,
                deduplicationWindow, backoffBase, backoffMax);
    }

    public QueueDefinition withDeduplicationWindow(Duration window) {
        return new QueueDefinition(name, type, visibilityTimeout, maxReceiveCount, deadLetterQueue, retention,
                window, backoffBase, backoffMax);
    }

    public QueueDefinition withBackoff(Duration base, Duration max) {
        return new QueueDefinition(name, type, visibilityTimeout, maxReceiveCount, deadLetterQueue, retention,
                deduplicationWindow, base, max);
    }

    private static void checkWithin(Duration value, Duration min, Duration max, String what) {
        Check.notNull(value, what);
        Check.argument(value.compareTo(min) >= 0 && value.compareTo(max) <= 0,
                "%s must be between %s and %s, got %s", what, min, max, value);
    }
}
