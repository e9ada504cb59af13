package io.payrail.bus;

import io.payrail.store.RecordedEvent;

/**
 * The partition key of an event: its subject when it has one (the payment, account or application
 * the event is about), else its stream. Events with the same key are delivered in log order even
 * when a subscription delivers in parallel; a parked event blocks only its own key. The same key is
 * the Kafka record key when a Kafka topic carries the log, so per-key order survives partitioning.
 */
public final class PartitionKeys {
    private PartitionKeys() {}

    public static String of(RecordedEvent event) {
        String subject = event.envelope().subject();
        return subject == null || subject.isBlank() ? event.stream() : subject;
    }
}
