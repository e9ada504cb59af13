package io.payrail.http.internal;

import io.payrail.platform.Check;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Reserved concurrency for handlers: at most {@code permits} requests run their handler (and hold
 * a database connection) at once; others wait in arrival order, at most {@code wait}, then get 503.
 * Sized to the connection pool it keeps waiters here, parked cheaply, instead of spinning in the
 * pool's hand-off, and it turns overload into a clear answer instead of a growing queue.
 */
public final class ConcurrencyLimit {
    public static final int PERMITS_MAX = 10_000;

    private final Semaphore permits;
    private final long waitNanos;

    public ConcurrencyLimit(int permits, Duration wait) {
        Check.argument(permits > 0 && permits <= PERMITS_MAX, "permits must be within 1..%d, got %d", PERMITS_MAX, permits);
        Check.argument(!wait.isNegative(), "wait must not be negative, got %s", wait);
        this.permits = new Semaphore(permits, true);
        this.waitNanos = wait.toNanos();
    }

    /** True when the caller may run (and must call {@link #exit()}); false after waiting in vain. */
    public boolean tryEnter() {
        try {
            return permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void exit() {
        permits.release();
    }
}
