package io.payrail.store;

import java.time.Instant;

/**
 * An event as the store holds it.
 *
 * @param position   its place in the global log; positions become visible in increasing order
 * @param stream     the stream it was appended to
 * @param revision   its place in the stream, from 0, contiguous
 * @param recordedAt when the store committed it (the store's clock, not the producer's)
 * @param envelope   the event, upcast to the current schema version of its type
 */
public record RecordedEvent(long position, String stream, long revision, Instant recordedAt, EventEnvelope envelope) {}
