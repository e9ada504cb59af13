package io.payrail.bus.bench;

import io.payrail.bus.BusOptions;
import io.payrail.bus.EventBus;
import io.payrail.bus.StartFrom;
import io.payrail.bus.Subscription;
import io.payrail.store.AppendResult;
import io.payrail.store.ExpectedRevision;
import io.payrail.store.PostgresEventStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/** The open-loop phase of {@link BusBench}: appends at a fixed rate, measures commit-to-handler lag. */
final class LagPhase {
    /** How long the phase waits for the subscription to catch up after the last append. */
    private static final long DRAIN_MILLIS_MAX = 30_000;
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(5);
    /** Appends before the measured ones, at the same rate, so JIT compilation and pool growth are not measured. */
    static final int WARMUP_SECONDS = 3;

    private LagPhase() {}

    static Map<String, String> run(DataSource dataSource, PostgresEventStore store, Clock clock,
            BusBench.Options options, String name, PrintStream progress) throws InterruptedException {
        int total = options.lagSeconds() * options.ratePerSecond();
        Map<UUID, Long> scheduled = new ConcurrentHashMap<>(total * 2);
        Map<UUID, Long> acknowledged = new ConcurrentHashMap<>(total * 2);
        Map<UUID, Long> started = new ConcurrentHashMap<>(total * 2);
        // Recorded by the one delivering thread (parallelism 1), so a plain histogram is safe.
        Histogram fromRecorded = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        try (EventBus bus = new EventBus(dataSource, store, clock, BusOptions.defaults())) {
            bus.subscribe(Subscription.atLeastOnce(name, delivery -> {
                UUID id = delivery.envelope().id();
                if (started.putIfAbsent(id, System.nanoTime()) == null && scheduled.containsKey(id)) {
                    long nanos = Duration.between(delivery.event().recordedAt(), clock.instant()).toNanos();
                    fromRecorded.recordValue(Math.max(0, Math.min(nanos, HIGHEST_TRACKABLE_NANOS)));
                }
            }).withStartFrom(StartFrom.HEAD));
            bus.start();
            progress.printf("bus bench: appending %d events/s open-loop for %d s%n", options.ratePerSecond(),
                    options.lagSeconds());
            appendOpenLoop(store, clock, options, WARMUP_SECONDS * options.ratePerSecond(), total, scheduled,
                    acknowledged);
            long drainDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS_MAX);
            while (!started.keySet().containsAll(acknowledged.keySet()) && System.nanoTime() < drainDeadline) {
                Thread.sleep(10);
            }
        }
        Histogram fromCommit = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        Histogram fromSend = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        long missing = 0;
        for (Map.Entry<UUID, Long> entry : acknowledged.entrySet()) {
            Long handlerStart = started.get(entry.getKey());
            if (handlerStart == null) {
                missing++;
                continue;
            }
            // The handler may start before the appending thread hears of its commit: that is no lag at all.
            fromCommit.recordValue(Math.max(0, handlerStart - entry.getValue()));
            fromSend.recordValue(Math.max(0, handlerStart - scheduled.get(entry.getKey())));
        }
        LinkedHashMap<String, String> results = new LinkedHashMap<>();
        results.put("lag_events", Long.toString(fromCommit.getTotalCount()));
        results.put("lag_events_not_delivered", Long.toString(missing));
        results.put("subscription_lag_ms_p50", millis(fromRecorded.getValueAtPercentile(50)));
        results.put("subscription_lag_ms_p99", millis(fromRecorded.getValueAtPercentile(99)));
        results.put("subscription_lag_ms_max", millis(fromRecorded.getMaxValue()));
        results.put("ack_to_handler_ms_p50", millis(fromCommit.getValueAtPercentile(50)));
        results.put("ack_to_handler_ms_p99", millis(fromCommit.getValueAtPercentile(99)));
        results.put("send_to_handler_ms_p99", millis(fromSend.getValueAtPercentile(99)));
        return results;
    }

    private static void appendOpenLoop(PostgresEventStore store, Clock clock, BusBench.Options options, int warmup,
            int total, Map<UUID, Long> scheduled, Map<UUID, Long> acknowledged) {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / options.ratePerSecond();
        long startNanos = System.nanoTime();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int sequence = 0; sequence < warmup + total; sequence++) {
                boolean measured = sequence >= warmup;
                long sendAt = startNanos + sequence * intervalNanos;
                long waitNanos = sendAt - System.nanoTime();
                if (waitNanos > 0) {
                    LockSupport.parkNanos(waitNanos);
                }
                var event = BenchEvents.event(sequence, clock.instant());
                if (measured) {
                    scheduled.put(event.id(), sendAt);
                }
                senders.submit(() -> {
                    AppendResult result = store.append("bench-lag-" + event.subject(), ExpectedRevision.any(),
                            List.of(event));
                    if (measured && result instanceof AppendResult.Appended) {
                        acknowledged.put(event.id(), System.nanoTime());
                    }
                });
            }
        }
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
