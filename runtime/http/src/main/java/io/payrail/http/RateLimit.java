package io.payrail.http;

import io.payrail.platform.Check;
import java.time.Duration;

/**
 * A token bucket per API key: {@code requests} tokens refill every {@code per}, and a key may spend
 * up to {@code burst} at once. Over the limit, requests get 429 with {@code Retry-After}.
 */
public record RateLimit(int requests, Duration per, int burst) {
    public static final int BURST_MAX = 1_000_000;

    public RateLimit {
        Check.argument(requests > 0, "requests must be positive, got %d", requests);
        Check.notNull(per, "per");
        Check.argument(!per.isNegative() && !per.isZero(), "per must be positive, got %s", per);
        Check.argument(burst > 0 && burst <= BURST_MAX, "burst must be within 1..%d, got %d", BURST_MAX, burst);
    }

    public static RateLimit perSecond(int requests, int burst) {
        return new RateLimit(requests, Duration.ofSeconds(1), burst);
    }

    /** Nanoseconds between two tokens. */
    public long intervalNanos() {
        return Math.max(1, per.toNanos() / requests);
    }
}
