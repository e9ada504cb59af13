package io.payrail.bus;

import io.payrail.platform.Check;
import java.time.Duration;

/**
 * How often a failing event is retried before it is parked, and how long to wait between attempts
 * (exponential: initial, 2x, 4x, ... capped at {@code backoffMax}). No jitter: one worker retries
 * one event of one subscription, so there is no herd to spread out.
 */
public record RetryPolicy(int attemptsMax, Duration backoffInitial, Duration backoffMax) {
    public static final int ATTEMPTS_MAX_DEFAULT = 5;
    public static final int ATTEMPTS_MAX_LIMIT = 100;
    public static final Duration BACKOFF_INITIAL_DEFAULT = Duration.ofMillis(200);
    public static final Duration BACKOFF_MAX_DEFAULT = Duration.ofSeconds(10);
    public static final Duration BACKOFF_MAX_LIMIT = Duration.ofMinutes(5);

    public RetryPolicy {
        Check.argument(attemptsMax >= 1 && attemptsMax <= ATTEMPTS_MAX_LIMIT,
                "attemptsMax must be 1..%d, got %d", ATTEMPTS_MAX_LIMIT, attemptsMax);
        Check.notNull(backoffInitial, "backoffInitial");
        Check.notNull(backoffMax, "backoffMax");
        Check.argument(!backoffInitial.isNegative() && backoffInitial.compareTo(backoffMax) <= 0,
                "backoffInitial must be between 0 and backoffMax, got %s and %s", backoffInitial, backoffMax);
        Check.argument(backoffMax.compareTo(BACKOFF_MAX_LIMIT) <= 0,
                "backoffMax must be at most %s, got %s", BACKOFF_MAX_LIMIT, backoffMax);
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(ATTEMPTS_MAX_DEFAULT, BACKOFF_INITIAL_DEFAULT, BACKOFF_MAX_DEFAULT);
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration backoffAfter(int attempt) {
        Check.argument(attempt >= 1, "attempt must be at least 1, got %d", attempt);
        long millis = backoffInitial.toMillis();
        for (int doubling = 1; doubling < attempt && millis < backoffMax.toMillis(); doubling++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, backoffMax.toMillis()));
    }
}
