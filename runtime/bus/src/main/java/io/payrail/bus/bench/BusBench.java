package io.payrail.bus.bench;

// Backs `payrail bench bus` (--seconds S --rate R --replay-events N): subscription lag and replay speed.

import io.payrail.bus.BusOptions;
import io.payrail.bus.EventBus;
import io.payrail.bus.ReplayProgress;
import io.payrail.bus.StartFrom;
import io.payrail.bus.Subscription;
import io.payrail.bus.SubscriptionAdmin;
import io.payrail.platform.Check;
import io.payrail.platform.Checkpoints;
import io.payrail.platform.Database;
import io.payrail.platform.Migrations;
import io.payrail.store.PostgresEventStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * Two figures, on the real store with durable commits (the bench prints {@code synchronous_commit}
 * as the server runs it and never changes it):
 *
 * <ul>
 *   <li>{@code subscription_lag_ms_p99}: events appended open-loop at a fixed rate (each append
 *       issued at its scheduled time on its own virtual thread, whatever earlier appends do), after a
 *       warm-up. The lag of an event runs from its {@code recordedAt} (the store's clock, taken under
 *       the log lock just before the commit, so the figure includes the commit itself) to the moment
 *       the handler starts on it (same clock). {@code ack_to_handler_ms_*} measures from the moment
 *       the append returned to its caller instead (0 when the handler was first), and
 *       {@code send_to_handler_ms_p99} from the scheduled send time, so it includes the append.</li>
 *   <li>{@code replay_events_per_second}: a subscription at the head is replayed from position 0;
 *       its handler receives decoded envelopes and does nothing else; the cursor is committed every
 *       {@code COMMIT_EVENTS_MAX} (1,000) events. Measured from the replay request to the cursor
 *       reaching the head. A first, cold replay warms the read path up and is reported as
 *       {@code replay_cold_events_per_second}; the figure is the second replay.</li>
 * </ul>
 */
public final class BusBench {
    /** How often the replay's end is looked for: the figure's resolution. */
    static final long REPLAY_POLL_MILLIS = 10;

    private BusBench() {}

    /**
     * @param lagSeconds          how long the open-loop append phase runs
     * @param ratePerSecond       events appended per second in the lag phase
     * @param replayEvents        how many events the log holds (at least) when the replay runs
     * @param replaySecondsMax    the longest the replay may run before the bench gives up on it
     */
    public record Options(int lagSeconds, int ratePerSecond, int replayEvents, int replaySecondsMax) {
        public static final int SECONDS_MAX = 600;
        public static final int RATE_MAX = 100_000;
        public static final int REPLAY_EVENTS_MAX = 10_000_000;

        public Options {
            Check.argument(lagSeconds >= 1 && lagSeconds <= SECONDS_MAX, "seconds must be 1..%d, got %d", SECONDS_MAX,
                    lagSeconds);
            Check.argument(ratePerSecond >= 1 && ratePerSecond <= RATE_MAX, "rate must be 1..%d per second, got %d",
                    RATE_MAX, ratePerSecond);
            Check.argument(replayEvents >= 1 && replayEvents <= REPLAY_EVENTS_MAX, "replay events must be 1..%d, got %d",
                    REPLAY_EVENTS_MAX, replayEvents);
            Check.argument(replaySecondsMax >= 1 && replaySecondsMax <= SECONDS_MAX,
                    "replay seconds must be 1..%d, got %d", SECONDS_MAX, replaySecondsMax);
        }

        public static Options defaults() {
            return new Options(15, 5_000, 1_000_000, 120);
        }
    }

    public static LinkedHashMap<String, String> run(Database database, Options options, PrintStream progress)
            throws InterruptedException {
        Migrations.apply(database.dataSource(), List.of("platform", "store", "bus"));
        LinkedHashMap<String, String> results = new LinkedHashMap<>();
        results.put("synchronous_commit", database.setting("synchronous_commit"));
        progress.println("bus bench: synchronous_commit=" + results.get("synchronous_commit"));
        Clock clock = Clock.systemUTC();
        try (PostgresEventStore store = new PostgresEventStore(database.dataSource(), clock)) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            // The measured part of the lag phase (after its warm-up) spans a checkpoint, so the figure
            // pays for one even when it is shorter than checkpoint_timeout.
            long checkpointsBefore = Checkpoints.completed(database.dataSource());
            Checkpoints.Request checkpoint = Checkpoints.spanning(database.dataSource(),
                    Duration.ofSeconds(LagPhase.WARMUP_SECONDS), Duration.ofSeconds(options.lagSeconds()));
            try {
                results.putAll(LagPhase.run(database.dataSource(), store, clock, options, "bench-lag-" + suffix, progress));
            } finally {
                checkpoint.close();
            }
            results.put("checkpoints_during_lag_figure", Long.toString(Checkpoints.completed(database.dataSource()) - checkpointsBefore));
            BenchEvents.fill(store, options.replayEvents(), progress);
            // The first replay runs cold (class loading, JIT of the read path); the second is the figure.
            LinkedHashMap<String, String> cold = replay(database, store, clock, options, "bench-cold-" + suffix, progress);
            results.put("replay_cold_events_per_second", cold.get("replay_events_per_second"));
            results.putAll(replay(database, store, clock, options, "bench-replay-" + suffix, progress));
        }
        results.forEach((key, value) -> progress.println(key + "=" + value));
        return results;
    }

    private static LinkedHashMap<String, String> replay(Database database, PostgresEventStore store, Clock clock,
            Options options, String name, PrintStream progress) throws InterruptedException {
        LongAdder delivered = new LongAdder();
        LinkedHashMap<String, String> results = new LinkedHashMap<>();
        try (EventBus bus = new EventBus(database.dataSource(), store, clock, BusOptions.defaults())) {
            bus.subscribe(Subscription.atLeastOnce(name, delivery -> {
                if (delivery.envelope() != null) {
                    delivered.increment();
                }
            }).withStartFrom(StartFrom.HEAD));
            bus.start();
            SubscriptionAdmin admin = new SubscriptionAdmin(database.dataSource(), store, clock);
            long startNanos = System.nanoTime();
            ReplayProgress started = admin.replay(name, "0", null);
            ReplayProgress done = awaitReplay(admin, started, Duration.ofSeconds(options.replaySecondsMax()), progress);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            long events = done.position();
            results.put("replay_events", Long.toString(events));
            results.put("replay_seconds", String.format(Locale.ROOT, "%.2f", seconds));
            results.put("replay_events_per_second", Long.toString(Math.round(events / seconds)));
            results.put("replay_delivered", Long.toString(delivered.sum()));
            results.put("replay_done", Boolean.toString(done.done()));
        }
        return results;
    }

    /**
     * Polls the cursor row every {@link #REPLAY_POLL_MILLIS} (not every second like the CLI's progress
     * lines), so that the replay's duration is not rounded up to whole seconds.
     */
    private static ReplayProgress awaitReplay(SubscriptionAdmin admin, ReplayProgress started, Duration timeout,
            PrintStream progress) throws InterruptedException {
        long startNanos = System.nanoTime();
        long printedAtNanos = startNanos;
        ReplayProgress current = started;
        while (!current.done() && System.nanoTime() - startNanos < timeout.toNanos()) {
            Thread.sleep(REPLAY_POLL_MILLIS);
            current = admin.progress(started.subscription(), started.epoch());
            if (System.nanoTime() - printedAtNanos >= SubscriptionAdmin.PROGRESS_INTERVAL.toNanos()) {
                progress.println(current.line());
                printedAtNanos = System.nanoTime();
            }
        }
        progress.println(current.line());
        return current;
    }
}
