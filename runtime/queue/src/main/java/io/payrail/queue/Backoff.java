package io.payrail.queue;

import io.payrail.platform.Check;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter"):
 * the wait before attempt n+1 is uniform in [0, min(max, base * 2^(n-1))]. Full jitter spreads the
 * retries of messages that failed together, so a recovering dependency is not hit by a wave.
 */
public final class Backoff {
    /** Doublings after which the ceiling stops growing (2^30 times the base exceeds any sane max). */
    static final int DOUBLINGS_MAX = 30;

    private Backoff() {}

    /** The ceiling for the wait after the {@code receiveCount}-th attempt failed. */
    public static Duration ceiling(Duration base, Duration max, int receiveCount) {
        Check.argument(receiveCount >= 1, "receive count must be at least 1, got %d", receiveCount);
        int doublings = Math.min(receiveCount - 1, DOUBLINGS_MAX);
        long ceilingMillis = Math.min(max.toMillis(), Math.multiplyHigh(base.toMillis(), 1L << doublings) != 0
                ? Long.MAX_VALUE : base.toMillis() << doublings);
        return Duration.ofMillis(ceilingMillis);
    }

    /** A random wait in [0, ceiling]. */
    public static Duration delay(Duration base, Duration max, int receiveCount, RandomGenerator random) {
        long ceilingMillis = ceiling(base, max, receiveCount).toMillis();
        return Duration.ofMillis(ceilingMillis == 0 ? 0 : random.nextLong(ceilingMillis + 1));
    }
}
