package io.payrail.ledger.internal;

/** Committed batches, the events in them, and the time spent committing, since start. */
public record WriterStatistics(long batches, long events, long commitNanos) {
    public double eventsPerBatch() {
        return batches == 0 ? 0 : (double) events / batches;
    }

    public double commitMillisAverage() {
        return batches == 0 ? 0 : commitNanos / 1e6 / batches;
    }
}
