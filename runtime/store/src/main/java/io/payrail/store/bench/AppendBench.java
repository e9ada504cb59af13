package io.payrail.store.bench;

// Backs `payrail bench events` (appends: --writers W --batch B --streams S --seconds N --rate R).

import io.payrail.platform.Check;
import io.payrail.platform.Checkpoints;
import io.payrail.platform.Database;
import io.payrail.platform.Migrations;
import io.payrail.store.AppendResult;
import io.payrail.store.EventEnvelope;
import io.payrail.store.ExpectedRevision;
import io.payrail.store.GroupCommitStats;
import io.payrail.store.PostgresEventStore;
import io.payrail.store.SchemaRegistry;
import io.payrail.store.StoreOptions;
import io.payrail.store.Upcasters;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.HdrHistogram.Recorder;

/**
 * Measures appends: events per second for W writers appending one event at a time, the same in
 * batches, and the 99th percentile latency of single-event appends issued open-loop at a fixed rate.
 * Every event is about 1 KiB of schema-validated JSON on one of many streams. Commits stay durable:
 * the bench prints {@code synchronous_commit} as the server runs it and never changes it.
 */
public final class AppendBench {
    private AppendBench() {}

    /**
     * @param writers          concurrent writers for the throughput figures
     * @param batchSize        events per append in the batch figure
     * @param streams          how many streams the events are spread over
     * @param durationSeconds  how long each figure is measured
     * @param ratePerSecond    appends per second issued in the open-loop latency figure
     */
    public record Options(int writers, int batchSize, int streams, int durationSeconds, int ratePerSecond) {
        public static final int WRITERS_MAX = 1_000;

        public Options {
            Check.argument(writers >= 1 && writers <= WRITERS_MAX, "writers must be 1..%d, got %d", WRITERS_MAX, writers);
            Check.argument(batchSize >= 1 && batchSize <= 1_000, "batch size must be 1..1000, got %d", batchSize);
            Check.argument(streams >= 1 && streams <= 10_000_000, "streams must be 1..10000000, got %d", streams);
            Check.argument(durationSeconds >= 1 && durationSeconds <= 3_600, "seconds must be 1..3600, got %d", durationSeconds);
            Check.argument(ratePerSecond >= 1 && ratePerSecond <= 1_000_000, "rate must be 1..1000000 per second, got %d", ratePerSecond);
        }

        public static Options defaults() {
            return new Options(16, 100, 10_000, 60, 5_000);
        }

        public Options withDurationSeconds(int seconds) {
            return new Options(writers, batchSize, streams, seconds, ratePerSecond);
        }
    }

    public static LinkedHashMap<String, String> run(Database database, Options options, PrintStream progress) {
        return run(database, options, StoreOptions.defaults(), progress);
    }

    /** The bench with other store options (for example fewer group-commit lanes), to compare them. */
    public static LinkedHashMap<String, String> run(Database database, Options options, StoreOptions storeOptions, PrintStream progress) {
        return run(database, options, storeOptions, progress, null);
    }

    /**
     * The bench, also printing the CPU time spent per event in each throughput figure when
     * {@code serverCpuNanos} (the CPU used so far by the database server's processes) is given, as the
     * sum of this JVM's and the server's, and the server's part: on a shared machine it is distorted
     * less than the wall-clock figures.
     */
    public static LinkedHashMap<String, String> run(Database database, Options options, StoreOptions storeOptions,
            PrintStream progress, LongSupplier serverCpuNanos) {
        LinkedHashMap<String, String> results = new LinkedHashMap<>();
        results.put("synchronous_commit", database.setting("synchronous_commit"));
        Migrations.apply(database.dataSource(), List.of("platform", "store"));
        SchemaRegistry schemas = SchemaRegistry.strict().registerFromClasspath(BenchEvents.TYPE, 1);
        try (PostgresEventStore store = new PostgresEventStore(database.dataSource(), Clock.systemUTC(),
                storeOptions, schemas, Upcasters.none())) {
            progress.printf("appending with %d writers, one event at a time, for %d s%n", options.writers(), options.durationSeconds());
            warmUp(store, options);
            long checkpointsBefore = Checkpoints.completed(database.dataSource());
            GroupCommitStats before = store.groupCommitStats();
            Throughput single = spanningCheckpoint(database, options, () -> throughput(store, options, 1, serverCpuNanos));
            results.put("events_appended_per_second", format(single.perSecond()));
            GroupCommitStats singleStats = store.groupCommitStats().minus(before);
            results.put("appends_per_commit", String.format(Locale.ROOT, "%.1f", singleStats.appendsPerCommit()));
            results.put("commits_from_known_revisions_percent", String.format(Locale.ROOT, "%.1f",
                    singleStats.commits() == 0 ? 0.0 : 100.0 * singleStats.commitsFromKnownRevisions() / singleStats.commits()));
            single.cpuMicrosPerEvent().ifPresent(micros -> results.put("cpu_us_per_event", micros));
            single.serverMicrosPerEvent().ifPresent(micros -> results.put("server_cpu_us_per_event", micros));
            progress.printf("appending with %d writers, %d events per append, for %d s%n", options.writers(),
                    options.batchSize(), options.durationSeconds());
            Throughput batched = spanningCheckpoint(database, options, () -> throughput(store, options, options.batchSize(), serverCpuNanos));
            results.put("events_appended_per_second_batch_" + options.batchSize(), format(batched.perSecond()));
            batched.cpuMicrosPerEvent().ifPresent(micros -> results.put("cpu_us_per_event_batch_" + options.batchSize(), micros));
            batched.serverMicrosPerEvent().ifPresent(micros -> results.put("server_cpu_us_per_event_batch_" + options.batchSize(), micros));
            progress.printf("appending open-loop at %d appends/s for %d s%n", options.ratePerSecond(), options.durationSeconds());
            results.putAll(spanningCheckpoint(database, options, () -> OpenLoop.latency(store, options)));
            results.put("checkpoints_during_figures", Long.toString(Checkpoints.completed(database.dataSource()) - checkpointsBefore));
        }
        results.put("group_commit_lanes", Integer.toString(storeOptions.groupCommitLanes()));
        results.put("writers", Integer.toString(options.writers()));
        results.put("streams", Integer.toString(options.streams()));
        results.put("seconds_per_figure", Integer.toString(options.durationSeconds()));
        results.forEach((key, value) -> progress.println(key + "=" + value));
        return results;
    }

    /**
     * Runs one figure so that it spans a checkpoint and pays what checkpoints cost (page flushes, then
     * full-page images in the WAL): the server's own when its {@code checkpoint_timeout} is shorter
     * than the figure, else one asked for halfway through.
     */
    private static <T> T spanningCheckpoint(Database database, Options options, java.util.function.Supplier<T> figure) {
        Checkpoints.Request checkpoint = Checkpoints.spanning(database.dataSource(), java.time.Duration.ZERO,
                java.time.Duration.ofSeconds(options.durationSeconds()));
        try {
            return figure.get();
        } finally {
            checkpoint.close();
        }
    }

    private record Throughput(double perSecond, long events, long cpuNanos, long serverNanos) {
        java.util.Optional<String> cpuMicrosPerEvent() {
            return perEvent(cpuNanos);
        }

        java.util.Optional<String> serverMicrosPerEvent() {
            return perEvent(serverNanos);
        }

        private java.util.Optional<String> perEvent(long nanos) {
            return nanos < 0 || events == 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(String.format(Locale.ROOT, "%.1f", nanos / 1e3 / events));
        }
    }

    /** The longest warm-up: the JIT compilers' CPU would otherwise land in the first figure. */
    private static final int WARM_UP_SECONDS_MAX = 3;

    /**
     * Appends one event at a time for a few seconds, unmeasured, so the code is compiled. Not batches:
     * they would write a few hundred MB more before the latency figure, which then meets the server's
     * write-back stalls sooner (see docs/store.md).
     */
    private static void warmUp(PostgresEventStore store, Options options) {
        int seconds = Math.min(WARM_UP_SECONDS_MAX, options.durationSeconds());
        Options warmUp = options.withDurationSeconds(seconds);
        throughput(store, warmUp, 1, null);
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Throughput throughput(PostgresEventStore store, Options options, int eventsPerAppend, LongSupplier serverCpuNanos) {
        AtomicLong events = new AtomicLong();
        long serverBefore = serverCpuNanos == null ? -1 : serverCpuNanos.getAsLong();
        long jvmBefore = jvmCpuNanos();
        long start = System.nanoTime();
        long end = start + options.durationSeconds() * 1_000_000_000L;
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int writer = 0; writer < options.writers(); writer++) {
                SplittableRandom random = new SplittableRandom(writer);
                running.add(writers.submit(() -> {
                    while (System.nanoTime() < end) {
                        appendOne(store, random, options.streams(), eventsPerAppend);
                        events.addAndGet(eventsPerAppend);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : running) {
                writer.get();
            }
        } catch (Exception failure) {
            throw new IllegalStateException("the append bench failed: " + failure.getMessage(), failure);
        }
        double perSecond = events.get() / ((System.nanoTime() - start) / 1e9);
        long server = serverCpuNanos == null ? -1 : serverCpuNanos.getAsLong() - serverBefore;
        long total = server < 0 ? -1 : server + jvmCpuNanos() - jvmBefore;
        return new Throughput(perSecond, events.get(), total, server);
    }

    static void appendOne(PostgresEventStore store, SplittableRandom random, int streams, int eventsPerAppend) {
        List<EventEnvelope> batch = new ArrayList<>(eventsPerAppend);
        java.time.Instant time = java.time.Instant.EPOCH.plusSeconds(1_800_000_000L);
        for (int index = 0; index < eventsPerAppend; index++) {
            batch.add(BenchEvents.event(random, time));
        }
        AppendResult result = store.append("bench-" + random.nextInt(streams), ExpectedRevision.any(), batch);
        Check.that(result instanceof AppendResult.Appended, "a bench append was not appended: %s", result);
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    /** The open-loop latency figure. */
    private static final class OpenLoop {
        private static final int IN_FLIGHT_MAX = 10_000;

        static LinkedHashMap<String, String> latency(PostgresEventStore store, Options options) {
            Recorder recorder = new Recorder(3);
            long intervalNanos = 1_000_000_000L / options.ratePerSecond();
            long start = System.nanoTime();
            long total = (long) options.ratePerSecond() * options.durationSeconds();
            java.util.concurrent.atomic.AtomicLongArray slowest = new java.util.concurrent.atomic.AtomicLongArray(
                    options.durationSeconds() * 10 + 1);
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT_MAX);
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                for (long request = 0; request < total; request++) {
                    long scheduled = start + request * intervalNanos;
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    inFlight.acquireUninterruptibly();
                    SplittableRandom random = new SplittableRandom(request);
                    senders.submit(() -> {
                        try {
                            appendOne(store, random, options.streams(), 1);
                            long micros = Math.max(0, System.nanoTime() - scheduled) / 1_000;
                            recorder.recordValue(micros);
                            slowest.accumulateAndGet((int) ((scheduled - start) / 100_000_000L), micros, Math::max);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
            var histogram = recorder.getIntervalHistogram();
            LinkedHashMap<String, String> results = new LinkedHashMap<>();
            results.put("append_latency_rate_per_second", Integer.toString(options.ratePerSecond()));
            results.put("append_latency_ms_p50", millis(histogram.getValueAtPercentile(50)));
            results.put("append_latency_ms_p99", millis(histogram.getValueAtPercentile(99)));
            results.put("append_latency_ms_max", millis(histogram.getMaxValue()));
            results.put("append_latency_ms_max_per_second", slowestPerSecond(slowest));
            return results;
        }

        /** The slowest append of each second of the run, to tell a stall from a steady queue. */
        private static String slowestPerSecond(java.util.concurrent.atomic.AtomicLongArray slowest) {
            List<String> seconds = new ArrayList<>();
            for (int second = 0; second * 10 < slowest.length(); second++) {
                long max = 0;
                for (int tenth = second * 10; tenth < Math.min(slowest.length(), second * 10 + 10); tenth++) {
                    max = Math.max(max, slowest.get(tenth));
                }
                seconds.add(String.format(Locale.ROOT, "%.0f", max / 1000.0));
            }
            return String.join(",", seconds);
        }

        private static String millis(long micros) {
            return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
        }
    }
}
