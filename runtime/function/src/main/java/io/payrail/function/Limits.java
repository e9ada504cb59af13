package io.payrail.function;

import io.payrail.platform.Check;
import java.time.Duration;

/**
 * The limits a function declares, as design rather than afterthought.
 *
 * @param timeout             the longest one attempt may run; past it the attempt's transaction is
 *                            rolled back, the attempt counts as failed and is retried
 * @param reservedConcurrency the most attempts of this function in flight at once across all nodes
 * @param retry               how failed attempts are retried
 * @param maxPayloadBytes     the largest input accepted; larger input is rejected without running
 */
public record Limits(Duration timeout, int reservedConcurrency, RetryPolicy retry, int maxPayloadBytes) {
    /** The longest timeout a function may declare (Lambda's own ceiling). */
    public static final Duration TIMEOUT_MAX = Duration.ofMinutes(15);
    /** The highest reserved concurrency a function may declare. */
    public static final int RESERVED_CONCURRENCY_MAX = 1_000;
    /** The largest payload a function may accept (Lambda's synchronous limit). */
    public static final int PAYLOAD_BYTES_MAX = 6 * 1024 * 1024;
    /** 30 s, 10 at once, {@link RetryPolicy#DEFAULT}, 256 KiB (an SQS message). */
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(30), 10, RetryPolicy.DEFAULT, 256 * 1024);

    public Limits {
        Check.notNull(timeout, "timeout");
        Check.notNull(retry, "retry");
        Check.argument(timeout.isPositive() && timeout.compareTo(TIMEOUT_MAX) <= 0,
                "timeout must be more than 0 and at most %s, got %s", TIMEOUT_MAX, timeout);
        Check.argument(reservedConcurrency >= 1 && reservedConcurrency <= RESERVED_CONCURRENCY_MAX,
                "reservedConcurrency must be 1..%d, got %d", RESERVED_CONCURRENCY_MAX, reservedConcurrency);
        Check.argument(maxPayloadBytes >= 1 && maxPayloadBytes <= PAYLOAD_BYTES_MAX,
                "maxPayloadBytes must be 1..%d, got %d", PAYLOAD_BYTES_MAX, maxPayloadBytes);
    }

    public Limits withTimeout(Duration newTimeout) {
        return new Limits(newTimeout, reservedConcurrency, retry, maxPayloadBytes);
    }

    public Limits withReservedConcurrency(int newReservedConcurrency) {
        return new Limits(timeout, newReservedConcurrency, retry, maxPayloadBytes);
    }

    public Limits withRetry(RetryPolicy newRetry) {
        return new Limits(timeout, reservedConcurrency, newRetry, maxPayloadBytes);
    }

    public Limits withMaxPayloadBytes(int newMaxPayloadBytes) {
        return new Limits(timeout, reservedConcurrency, retry, newMaxPayloadBytes);
    }

    /** The longest one invocation may take with all its attempts and backoffs (slot waits aside). */
    public Duration worstCaseDuration() {
        return timeout.multipliedBy(retry.maxAttempts()).plus(retry.totalBackoffMax());
    }
}
