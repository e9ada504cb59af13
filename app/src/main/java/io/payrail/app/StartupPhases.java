package io.payrail.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long each step of a node's start took, logged once the node is ready, so a slow start names
 * its slow step. Measures elapsed time with {@link System#nanoTime()}; it reads no clock.
 */
final class StartupPhases {
    private final List<String> phases = new ArrayList<>();
    private long markedNanos = System.nanoTime();

    /** Ends the current phase under this name and starts the next. */
    void done(String phase) {
        long now = System.nanoTime();
        phases.add(phase + " " + TimeUnit.NANOSECONDS.toMillis(now - markedNanos) + " ms");
        markedNanos = now;
    }

    @Override
    public String toString() {
        return String.join(", ", phases);
    }
}
