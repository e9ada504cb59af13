package io.payrail.bus;

import io.payrail.store.AppendResult;
import io.payrail.store.EventEnvelope;
import io.payrail.store.EventStore;
import io.payrail.store.ExpectedRevision;
import io.payrail.store.ReadDirection;
import io.payrail.store.RecordedEvent;
import io.payrail.store.SchemaRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small in-memory event store for unit tests: one global list, positions from 1, no gaps. */
final class InMemoryEventStore implements EventStore {
    private final List<RecordedEvent> log = new ArrayList<>();
    private final Map<String, Long> revisions = new HashMap<>();
    private final Clock clock;
    private final SchemaRegistry schemas;
    private volatile Runnable onAppend = () -> {};

    InMemoryEventStore(Clock clock, SchemaRegistry schemas) {
        this.clock = clock;
        this.schemas = schemas;
    }

    InMemoryEventStore(Clock clock) {
        this(clock, SchemaRegistry.lenient());
    }

    void onAppend(Runnable action) {
        this.onAppend = action;
    }

    @Override
    public AppendResult append(String stream, ExpectedRevision expected, List<EventEnvelope> events) {
        AppendResult result;
        synchronized (this) {
            for (EventEnvelope event : events) {
                Optional<String> problem = schemas.problem(event);
                if (problem.isPresent()) {
                    return new AppendResult.Rejected(problem.get());
                }
            }
            long revision = revisions.getOrDefault(stream, -1L);
            long first = log.size() + 1;
            for (EventEnvelope event : events) {
                revision++;
                log.add(new RecordedEvent(log.size() + 1, stream, revision, clock.instant(), event));
            }
            revisions.put(stream, revision);
            result = new AppendResult.Appended(first, log.size(), revision);
        }
        onAppend.run();
        return result;
    }

    @Override
    public AppendResult append(Connection transaction, String stream, ExpectedRevision expected,
            List<EventEnvelope> events) {
        throw new UnsupportedOperationException("the in-memory store has no transactions");
    }

    @Override
    public synchronized List<RecordedEvent> readStream(String stream, long fromRevision, ReadDirection direction,
            int limit) {
        throw new UnsupportedOperationException("not needed by the bus");
    }

    @Override
    public synchronized List<RecordedEvent> readLog(long afterPosition, int limit) {
        int from = (int) Math.min(afterPosition, log.size());
        int to = Math.min(log.size(), from + Math.min(limit, READ_LIMIT_MAX));
        return List.copyOf(log.subList(from, to));
    }

    @Override
    public synchronized long positionBefore(Instant time) {
        for (RecordedEvent event : log) {
            if (!event.recordedAt().isBefore(time)) {
                return event.position() - 1;
            }
        }
        return log.size();
    }

    @Override
    public synchronized long headPosition() {
        return log.size();
    }
}
