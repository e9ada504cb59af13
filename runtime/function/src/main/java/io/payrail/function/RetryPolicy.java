package io.payrail.function;

import io.payrail.platform.Check;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often a failed or timed-out invocation is tried again, and how long to wait in between:
 * exponential backoff from {@code initialBackoff}, doubled per attempt, capped at {@code maxBackoff},
 * with "equal jitter" (half fixed, half random) so retries of many invocations spread out.
 *
 * @param maxAttempts the most attempts in all, the first included (1 = no retry)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /** The most attempts any policy may ask for. */
    public static final int ATTEMPTS_MAX = 20;
    /** The longest wait between two attempts any policy may ask for. */
    public static final Duration BACKOFF_MAX = Duration.ofMinutes(15);
    /** Three attempts, 200 ms then 400 ms apart (about), at most 10 s apart. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(10));

    public RetryPolicy {
        Check.argument(maxAttempts >= 1 && maxAttempts <= ATTEMPTS_MAX,
                "maxAttempts must be 1..%d, got %d", ATTEMPTS_MAX, maxAttempts);
        Check.notNull(initialBackoff, "initialBackoff");
        Check.notNull(maxBackoff, "maxBackoff");
        Check.argument(!initialBackoff.isNegative() && initialBackoff.compareTo(maxBackoff) <= 0,
                "initialBackoff must be 0..maxBackoff, got %s (maxBackoff %s)", initialBackoff, maxBackoff);
        Check.argument(maxBackoff.compareTo(BACKOFF_MAX) <= 0,
                "maxBackoff must be at most %s, got %s", BACKOFF_MAX, maxBackoff);
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The wait after failed attempt number {@code attempt} (from 1), jittered by {@code random}. */
    public Duration backoffAfter(int attempt, RandomGenerator random) {
        Check.argument(attempt >= 1, "attempt must be at least 1, got %d", attempt);
        long ceilingMillis = initialBackoff.toMillis();
        for (int doubling = 1; doubling < attempt && ceilingMillis < maxBackoff.toMillis(); doubling++) {
            ceilingMillis *= 2;
        }
        ceilingMillis = Math.min(ceilingMillis, maxBackoff.toMillis());
        long half = ceilingMillis / 2;
        long jitter = half == 0 ? 0 : random.nextLong(half + 1);
        return Duration.ofMillis(ceilingMillis - half + jitter);
    }

    /** The longest time all backoffs of one invocation may add up to. */
    public Duration totalBackoffMax() {
        Duration total = Duration.ZERO;
        long ceilingMillis = initialBackoff.toMillis();
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            total = total.plusMillis(Math.min(ceilingMillis, maxBackoff.toMillis()));
            ceilingMillis = Math.min(ceilingMillis * 2, maxBackoff.toMillis());
        }
        return total;
    }
}
