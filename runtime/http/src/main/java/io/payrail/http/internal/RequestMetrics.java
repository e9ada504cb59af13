package io.payrail.http.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code payrail_http_requests_seconds} per method, route template and status. Tags use the
 * template, never the raw path, so the number of series stays bounded by the routes.
 */
public final class RequestMetrics {
    public static final String NAME = "payrail.http.requests";
    /** Series kept at most; past this, new combinations share one overflow series. */
    public static final int SERIES_MAX = 2_000;

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String method, String route, int status, long durationNanos) {
        String key = method + ' ' + route + ' ' + status;
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.size() >= SERIES_MAX
                    ? timers.computeIfAbsent("overflow", ignored -> timer("other", "other", "other"))
                    : timers.computeIfAbsent(key, ignored -> timer(method, route, Integer.toString(status)));
        }
        timer.record(durationNanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String method, String route, String status) {
        return Timer.builder(NAME)
                .description("HTTP requests by method, route template and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", status)
                .register(registry);
    }
}
