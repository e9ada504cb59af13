package io.payrail.queue;

import io.payrail.platform.Check;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A message to send. {@code messageGroup} is required on FIFO queues and refused on standard ones;
 * {@code deduplicationId} (optional) makes a second send within the queue's window a no-op.
 */
public record OutgoingMessage(
        String tenantId,
        String body,
        String messageGroup,
        String deduplicationId,
        Duration delay,
        MessageTrace trace) {

    public OutgoingMessage {
        Names.key(tenantId, "tenantId");
        Check.argument(body != null, "message body is missing");
        int bytes = body.length() <= QueueLimits.PAYLOAD_BYTES_MAX / 3 ? body.length()
                : body.getBytes(StandardCharsets.UTF_8).length;
        Check.argument(bytes <= QueueLimits.PAYLOAD_BYTES_MAX,
                "message body is %d bytes, more than the limit of %d bytes", bytes, QueueLimits.PAYLOAD_BYTES_MAX);
        Names.optionalKey(messageGroup, "messageGroup");
        Names.optionalKey(deduplicationId, "deduplicationId");
        Check.notNull(delay, "delay");
        Check.argument(!delay.isNegative() && delay.compareTo(QueueLimits.DELAY_MAX) <= 0,
                "delay must be between 0 and %s, got %s", QueueLimits.DELAY_MAX, delay);
        Check.notNull(trace, "trace");
    }

    /** A message with no group, no deduplication id, no delay, and the current thread's trace. */
    public static OutgoingMessage of(String tenantId, String body) {
        return new OutgoingMessage(tenantId, body, null, null, Duration.ZERO, MessageTrace.current(null));
    }

    public OutgoingMessage inGroup(String group) {
        return new OutgoingMessage(tenantId, body, group, deduplicationId, delay, trace);
    }

    public OutgoingMessage withDeduplicationId(String id) {
        return new OutgoingMessage(tenantId, body, messageGroup, id, delay, trace);
    }

    public OutgoingMessage withDelay(Duration wait) {
        return new OutgoingMessage(tenantId, body, messageGroup, deduplicationId, wait, trace);
    }

    public OutgoingMessage withTrace(MessageTrace context) {
        return new OutgoingMessage(tenantId, body, messageGroup, deduplicationId, delay, context);
    }
}
