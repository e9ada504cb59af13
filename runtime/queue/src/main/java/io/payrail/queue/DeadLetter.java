package io.payrail.queue;

import java.time.Instant;
import java.util.List;

/**
 * A message in a dead-letter queue. The body is not shown in listings (it may hold personal data);
 * its size is. {@code sourceQueue} is null for a message sent to the dead-letter queue directly.
 */
public record DeadLetter(
        long messageId,
        String tenantId,
        String sourceQueue,
        Instant sentAt,
        int bodyChars,
        String failureReason,
        List<AttemptRecord> attempts) {}
