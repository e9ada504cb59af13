package io.payrail.store;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;

/**
 * The event store. Streams hold the events of one aggregate; the log holds all events in one
 * global order whose positions become visible in increasing order. The store is the outbox: an
 * event is published (readable from the log) exactly when the transaction that appended it commits.
 */
public interface EventStore {
    /** The most events one read returns, whatever limit is asked. */
    int READ_LIMIT_MAX = 10_000;

    /** The most events one append takes. */
    int APPEND_EVENTS_MAX = 10_000;

    /** Appends in a transaction of the store's own; concurrent appends are committed in groups. */
    AppendResult append(String stream, ExpectedRevision expected, List<EventEnvelope> events);

    /**
     * Appends inside the caller's transaction (the unit of work): the events commit with the
     * caller's own writes or not at all. The caller must commit promptly: until it does, appends by
     * others wait, because positions are handed out in commit order.
     */
    AppendResult append(Connection transaction, String stream, ExpectedRevision expected, List<EventEnvelope> events);

    /** Events of a stream from {@code fromRevision} (inclusive) in the given direction, at most {@code limit}. */
    List<RecordedEvent> readStream(String stream, long fromRevision, ReadDirection direction, int limit);

    /** Log events with a position greater than {@code afterPosition}, in position order, at most {@code limit}. */
    List<RecordedEvent> readLog(long afterPosition, int limit);

    /** The position just before the first event recorded at or after {@code time} (for replays from a time). */
    long positionBefore(Instant time);

    /** The highest visible position, or 0 when the log is empty. */
    long headPosition();
}
