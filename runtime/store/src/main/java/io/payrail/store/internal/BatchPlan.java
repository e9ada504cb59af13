package io.payrail.store.internal;

import io.payrail.store.AppendResult;
import io.payrail.store.ExpectedRevision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one statement writes for a batch of appends, decided before the statement is sent, so the
 * log lock, the revision check and the insert take one round trip.
 *
 * <p>Per stream the plan assumes a revision before the batch (the <em>base</em>): one known from a
 * read under the lock, or the one the stream's first exact or no-stream expectation implies (an
 * {@code exactly(7)} after an {@code any()} append of two events implies 5), or none when every
 * append of the stream takes {@code any()}. Each append is checked against the base plus the events
 * planned before it on its stream, in batch order. The statement reads each stream's actual
 * revision under the lock and writes the events of a stream only when its base is the actual one
 * (or there is none); a stream whose base was wrong writes nothing, and its appends are planned
 * again from the actual revision ({@link #retried}). So one conflict never fails another stream's
 * appends, and within a stream the outcome is what appending one after the other would give.
 */
final class BatchPlan {
    /** One append's place in the plan: its stream, whether it writes, and the stream's events before it. */
    record Entry(PreparedAppend append, int stream, boolean writes, long offset) {}

    private static final class StreamState {
        final int index;
        Long base;
        long offset;

        StreamState(int index, Long base) {
            this.index = index;
            this.base = base;
        }
    }

    final List<String> streams = new ArrayList<>();
    final List<Long> bases = new ArrayList<>();
    final EventColumns rows = new EventColumns();
    private final List<Entry> entries;

    private BatchPlan(List<Entry> entries) {
        this.entries = entries;
    }

    /** Plans {@code appends} in order, with the revisions already known for some streams (may be empty). */
    static BatchPlan of(List<PreparedAppend> appends, Map<String, Long> knownRevisions) {
        Map<String, StreamState> states = new HashMap<>();
        List<Entry> entries = new ArrayList<>(appends.size());
        BatchPlan plan = new BatchPlan(entries);
        List<StreamState> ordered = new ArrayList<>();
        for (PreparedAppend append : appends) {
            StreamState state = states.computeIfAbsent(append.stream(), stream -> {
                StreamState created = new StreamState(ordered.size(), knownRevisions.get(stream));
                ordered.add(created);
                plan.streams.add(stream);
                return created;
            });
            boolean writes = accepts(state, append.expected());
            entries.add(new Entry(append, state.index, writes, state.offset));
            if (writes) {
                plan.rows.add(append, state.index, state.offset);
                state.offset += append.size();
            }
        }
        ordered.forEach(state -> plan.bases.add(state.base));
        return plan;
    }

    /** Whether the append holds after the events planned so far; fixes the stream's base if it can. */
    private static boolean accepts(StreamState state, ExpectedRevision expected) {
        long required = switch (expected) {
            case ExpectedRevision.Any any -> Long.MIN_VALUE;
            case ExpectedRevision.NoStream noStream -> -1;
            case ExpectedRevision.Exactly(long revision) -> revision;
        };
        if (required == Long.MIN_VALUE) {
            return true;
        }
        if (state.base == null) {
            long implied = required - state.offset;
            if (implied < -1) {
                return false; // more events were planned before it than the revision leaves room for
            }
            state.base = implied;
            return true;
        }
        return state.base + state.offset == required;
    }

    /** Every append in batch order, with its place in the plan. */
    List<Entry> entries() {
        return entries;
    }

    int rowCount() {
        return rows.count();
    }

    /** Whether a stream's events were written, given the revision it actually had. */
    boolean written(int stream, long actual) {
        Long base = bases.get(stream);
        return base == null || base == actual;
    }

    /**
     * The result of each append, in order, once the statement told each stream's actual revision and
     * the last position it handed out; {@code null} for the appends of a stream whose base was wrong.
     */
    List<AppendResult> results(long[] actualRevisions, long lastPosition) {
        long written = 0;
        for (Entry entry : entries) {
            if (entry.writes() && written(entry.stream(), actualRevisions[entry.stream()])) {
                written += entry.append().size();
            }
        }
        long nextPosition = lastPosition - written + 1;
        List<AppendResult> results = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            long actual = actualRevisions[entry.stream()];
            if (!written(entry.stream(), actual)) {
                results.add(null);
            } else if (entry.writes()) {
                int size = entry.append().size();
                results.add(new AppendResult.Appended(nextPosition, nextPosition + size - 1, actual + entry.offset() + size));
                nextPosition += size;
            } else {
                results.add(new AppendResult.Conflict(entry.append().stream(), entry.append().expected(), actual + entry.offset()));
            }
        }
        return results;
    }

    /** The appends that must be planned again (their stream's base was wrong), with the revisions now known. */
    static List<PreparedAppend> retried(List<PreparedAppend> appends, List<AppendResult> results) {
        List<PreparedAppend> retried = new ArrayList<>();
        for (int index = 0; index < appends.size(); index++) {
            if (results.get(index) == null) {
                retried.add(appends.get(index));
            }
        }
        return retried;
    }
}
