package io.payrail.queue;

import java.time.Instant;

/** A message as one receive delivered it. {@code messageGroup} is null on standard queues. */
public record ReceivedMessage(
        long messageId,
        String queue,
        String tenantId,
        String body,
        String messageGroup,
        MessageTrace trace,
        int receiveCount,
        Instant sentAt,
        ReceiptHandle receiptHandle) {}
