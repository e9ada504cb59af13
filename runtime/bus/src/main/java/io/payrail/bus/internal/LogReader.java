package io.payrail.bus.internal;

import io.payrail.store.EventStore;
import io.payrail.store.RecordedEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Reads the log for one worker in large pages. After a full page it starts reading the next one on a
 * virtual thread while the worker delivers and commits the current one, so a catch-up or replay
 * overlaps database reads and decoding with delivery instead of alternating them. A prefetched page
 * is used only when the worker asks for exactly the position it was read after.
 */
final class LogReader {
    private final EventStore store;
    private final int pageEventsMax;
    private CompletableFuture<List<RecordedEvent>> prefetched;
    private long prefetchedAfter = -1;

    LogReader(EventStore store, int pageEventsMax) {
        this.store = store;
        this.pageEventsMax = pageEventsMax;
    }

    List<RecordedEvent> read(long afterPosition) throws InterruptedException {
        List<RecordedEvent> page = afterPosition == prefetchedAfter && prefetched != null
                ? await(prefetched)
                : store.readLog(afterPosition, pageEventsMax);
        prefetched = null;
        prefetchedAfter = -1;
        if (page.size() == pageEventsMax) {
            long next = page.getLast().position();
            prefetchedAfter = next;
            prefetched = CompletableFuture.supplyAsync(() -> store.readLog(next, pageEventsMax),
                    runnable -> Thread.ofVirtual().name("bus-prefetch").start(runnable));
        }
        return page;
    }

    private static List<RecordedEvent> await(CompletableFuture<List<RecordedEvent>> page) throws InterruptedException {
        try {
            return page.get();
        } catch (ExecutionException failure) {
            if (failure.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("reading the log failed", failure.getCause());
        }
    }
}
