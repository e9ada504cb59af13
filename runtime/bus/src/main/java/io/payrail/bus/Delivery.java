package io.payrail.bus;

import io.payrail.store.EventEnvelope;
import io.payrail.store.RecordedEvent;

/**
 * One delivery of an event to a subscription's handler.
 *
 * @param event        the event as the log holds it
 * @param epoch        the subscription's epoch; a replay opens a new one, so a handler that keeps
 *                     per-epoch state (a read model rebuilt into a fresh table) knows which to write
 * @param attempt      1 for the first delivery, then 2, 3, ... while retrying; redriven events count on
 * @param partitionKey the key that orders this event against others (see {@link PartitionKeys})
 */
public record Delivery(RecordedEvent event, long epoch, int attempt, String partitionKey) {
    public EventEnvelope envelope() {
        return event.envelope();
    }

    public long position() {
        return event.position();
    }
}
