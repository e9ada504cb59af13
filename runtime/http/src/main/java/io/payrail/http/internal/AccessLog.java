package io.payrail.http.internal;

import io.payrail.platform.Check;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log (logger {@code io.payrail.http.access}): every failure (status 400 and above) and
 * every slow request, and one successful request in {@code successSampling}. A JSON log line costs
 * more CPU than the rest of a small request's gateway work (measured: a fifth of the JVM's CPU at
 * 4,000 requests/s), so successes are sampled; the request timer counts every request, and each
 * sampled line carries {@code sampling} so a reader can scale counts back up.
 */
public final class AccessLog {
    public static final String LOGGER = "io.payrail.http.access";
    /** One success in this many is logged unless configured otherwise. */
    public static final int SUCCESS_SAMPLING_DEFAULT = 100;
    public static final int SUCCESS_SAMPLING_MAX = 1_000_000;
    /** Requests at least this slow are always logged. */
    public static final long SLOW_NANOS = 1_000_000_000L;
    private static final Logger ACCESS = LoggerFactory.getLogger(LOGGER);

    private final int successSampling;
    private final AtomicLong successes = new AtomicLong();

    /** @param successSampling 1 logs every request; n logs one success in n */
    public AccessLog(int successSampling) {
        Check.argument(successSampling >= 1 && successSampling <= SUCCESS_SAMPLING_MAX,
                "access log sampling must be within 1..%d, got %d", SUCCESS_SAMPLING_MAX, successSampling);
        this.successSampling = successSampling;
    }

    /** Whether this request's line is written (every call counts toward the sampling of successes). */
    boolean shouldLog(int status, long durationNanos) {
        if (status >= 400 || durationNanos >= SLOW_NANOS) {
            return true;
        }
        return successSampling == 1 || successes.getAndIncrement() % successSampling == 0;
    }

    public void record(String method, String route, int status, long durationNanos) {
        if (!ACCESS.isInfoEnabled() || !shouldLog(status, durationNanos)) {
            return;
        }
        long micros = durationNanos / 1_000;
        int sampling = status >= 400 || durationNanos >= SLOW_NANOS ? 1 : successSampling;
        ACCESS.atInfo().addKeyValue("method", method).addKeyValue("route", route).addKeyValue("status", status)
                .addKeyValue("durationMicros", micros).addKeyValue("sampling", sampling)
                .log("{} {} {} {}us", method, route, status, micros);
    }
}
