package io.payrail.bus.internal;

import io.payrail.platform.Check;

/**
 * Caps a replay's delivery rate: the n-th event may go at start + n / rate seconds. Measured with
 * {@link System#nanoTime()} (a duration, not a wall-clock reading).
 */
public final class Pacer {
    private final int eventsPerSecond;
    private final long epoch;
    private final long startNanos;
    private long granted;

    public Pacer(int eventsPerSecond, long epoch) {
        Check.argument(eventsPerSecond > 0, "eventsPerSecond must be positive, got %d", eventsPerSecond);
        this.eventsPerSecond = eventsPerSecond;
        this.epoch = epoch;
        this.startNanos = System.nanoTime();
    }

    public int eventsPerSecond() {
        return eventsPerSecond;
    }

    /** The replay epoch this pacer caps. */
    public long epoch() {
        return epoch;
    }

    /** Blocks until one more event is allowed. */
    public void acquire() throws InterruptedException {
        long slotNanos;
        synchronized (this) {
            slotNanos = startNanos + granted * 1_000_000_000L / eventsPerSecond;
            granted++;
        }
        long waitNanos = slotNanos - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000L, (int) (waitNanos % 1_000_000L));
        }
    }
}
