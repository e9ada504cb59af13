package io.payrail.bus.internal;

/**
 * A generation counter workers wait on: a worker notes the generation, reads the log, and when it
 * found nothing waits until the generation moves (a notification) or the fallback poll time passes.
 * Noting the generation before reading means a notification that arrives during the read is not lost.
 */
public final class WakeSignal {
    private long generation;
    private long controlGeneration;

    public synchronized long generation() {
        return generation;
    }

    /** Counts operators' requests (replay, redrive) announced on the bus's control channel. */
    public synchronized long controlGeneration() {
        return controlGeneration;
    }

    /** An operator's request was announced: workers re-read their cursor rows, and wake. */
    public synchronized void controlChanged() {
        controlGeneration++;
        wakeAll();
    }

    public synchronized void wakeAll() {
        generation++;
        notifyAll();
    }

    /** Waits until the generation differs from {@code seen} or {@code timeoutMillis} pass. */
    public synchronized void awaitChange(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (generation == seen) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000L;
            if (remainingMillis <= 0) {
                return;
            }
            wait(remainingMillis);
        }
    }
}
