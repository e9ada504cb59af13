package io.payrail.queue;

import io.payrail.platform.Check;

/**
 * Moves the messages of dead-letter queue {@code deadLetterQueue} back to the queue each came from,
 * or to {@code targetQueue} when given, at no more than {@code ratePerSecond} messages per second.
 */
public record RedriveRequest(String deadLetterQueue, String targetQueue, int ratePerSecond) {
    public RedriveRequest {
        Names.queueName(deadLetterQueue);
        if (targetQueue != null) {
            Names.queueName(targetQueue);
        }
        Check.argument(ratePerSecond >= 1 && ratePerSecond <= QueueLimits.REDRIVE_RATE_MAX,
                "redrive rate must be 1 to %d messages per second, got %d", QueueLimits.REDRIVE_RATE_MAX, ratePerSecond);
    }

    public static RedriveRequest toSource(String deadLetterQueue) {
        return new RedriveRequest(deadLetterQueue, null, QueueLimits.REDRIVE_RATE_DEFAULT);
    }
}
