package io.payrail.store;

import io.payrail.platform.Check;
import java.util.List;

/** Folding streams through reducers, without snapshots. */
public final class Aggregates {
    private Aggregates() {}

    /** The aggregate of {@code stream}: every event folded from the reducer's initial state. */
    public static <S> Aggregate<S> load(EventStore store, String stream, Reducer<S> reducer) {
        return foldFrom(store, reducer, new Aggregate<>(stream, reducer.initial(), -1));
    }

    /** Folds the events after {@code start.revision()} into {@code start.state()}, page by page. */
    static <S> Aggregate<S> foldFrom(EventStore store, Reducer<S> reducer, Aggregate<S> start) {
        S state = start.state();
        long revision = start.revision();
        while (true) {
            List<RecordedEvent> page = store.readStream(start.stream(), revision + 1, ReadDirection.FORWARDS, EventStore.READ_LIMIT_MAX);
            for (RecordedEvent event : page) {
                Check.that(event.revision() == revision + 1, "stream %s jumps from revision %d to %d",
                        start.stream(), revision, event.revision());
                state = apply(reducer, state, event);
                revision = event.revision();
            }
            if (page.size() < EventStore.READ_LIMIT_MAX) {
                return new Aggregate<>(start.stream(), state, revision);
            }
        }
    }

    private static <S> S apply(Reducer<S> reducer, S state, RecordedEvent event) {
        S next;
        try {
            next = reducer.apply(state, event);
        } catch (Reducer.ImpossibleEvent impossible) {
            throw impossible;
        } catch (RuntimeException failure) {
            throw new IllegalStateException("event " + event.envelope().type() + " at revision " + event.revision()
                    + " of stream " + event.stream() + " could not be applied to state " + state + ": " + failure, failure);
        }
        Check.that(next != null, "the reducer returned no state for event %s at revision %d of stream %s",
                event.envelope().type(), event.revision(), event.stream());
        return next;
    }
}
