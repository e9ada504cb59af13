package io.payrail.http.internal;

import io.payrail.http.RateLimit;
import io.payrail.platform.Check;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Token buckets per key, kept as one number each: the "theoretical arrival time" of the generic
 * cell rate algorithm (GCRA), which is a token bucket without a refill timer. A request is allowed
 * when the bucket's time, advanced by one interval, is no more than {@code burst} intervals ahead
 * of now. Lock-free: one compare-and-set per request.
 */
public final class TokenBucketLimiter {
    /** Buckets kept at most; past this, arbitrary buckets are dropped (they restart full). */
    public static final int BUCKETS_MAX = 100_000;

    private final ConcurrentHashMap<UUID, AtomicLong> buckets = new ConcurrentHashMap<>();
    private final long intervalNanos;
    private final long burstNanos;
    private final LongSupplier nanoTime;

    public TokenBucketLimiter(RateLimit limit, LongSupplier nanoTime) {
        this.intervalNanos = limit.intervalNanos();
        this.burstNanos = burstNanos(intervalNanos, limit.burst());
        this.nanoTime = Check.notNull(nanoTime, "nanoTime");
    }

    /** Zero when the request may pass (a token is spent), else the nanoseconds until one will. */
    public long tryAcquire(UUID key) {
        long now = nanoTime.getAsLong();
        AtomicLong bucket = buckets.get(key);
        if (bucket == null) {
            makeRoom();
            bucket = buckets.computeIfAbsent(key, ignored -> new AtomicLong(now));
        }
        while (true) {
            long arrival = bucket.get();
            long next = Math.max(arrival, now) + intervalNanos;
            long allowedAt = next - burstNanos;
            if (allowedAt - now > 0) {
                return allowedAt - now;
            }
            if (bucket.compareAndSet(arrival, next)) {
                return 0;
            }
        }
    }

    private static long burstNanos(long intervalNanos, int burst) {
        try {
            return Math.multiplyExact(intervalNanos, burst);
        } catch (ArithmeticException beyondCenturies) {
            // A burst spanning centuries is as good as unlimited; keep the arithmetic far from overflow.
            return Long.MAX_VALUE / 4;
        }
    }

    private void makeRoom() {
        Iterator<UUID> keys = buckets.keySet().iterator();
        while (buckets.size() >= BUCKETS_MAX && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
