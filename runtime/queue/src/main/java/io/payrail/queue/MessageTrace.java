package io.payrail.queue;

import io.payrail.platform.TraceContext;

/**
 * The trace context a message carries from sender to consumer, so one trace spans queues.
 * Each part may be null. The causation id is the id of the event or message that caused this one.
 */
public record MessageTrace(String traceId, String correlationId, String causationId) {
    public static final MessageTrace NONE = new MessageTrace(null, null, null);

    public MessageTrace {
        Names.optionalKey(traceId, "traceId");
        Names.optionalKey(correlationId, "correlationId");
        Names.optionalKey(causationId, "causationId");
    }

    /** The trace and correlation of the current thread (see {@link TraceContext}). */
    public static MessageTrace current(String causationId) {
        return new MessageTrace(TraceContext.traceId(), TraceContext.correlationId(), causationId);
    }
}
