package io.payrail.function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.function.internal.TickPlanner;
import io.payrail.function.internal.TickStore;
import io.payrail.function.internal.TickStore.ClaimedTick;
import io.payrail.platform.Check;
import io.payrail.platform.IdGenerator;
import io.payrail.platform.Json;
import io.payrail.platform.Transactions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires schedule-triggered functions, once per tick however many nodes run it against one database.
 *
 * <p>Each due tick is claimed by inserting its {@code schedule_tick} row (the primary key decides the
 * one winner), then delivered at least once with the tick id as idempotency key. The row is marked
 * delivered inside the function's own transaction, fenced by the claim's token, so a function's
 * database effects and the "delivered" mark commit together: in effect, exactly once. A claimed tick
 * left undelivered (its node died, its delivery failed) is taken over by any node when its claim
 * lapses. {@link #runDue()} is one deterministic step for tests; {@link #start()} runs the
 * production loop, which sleeps until the next tick or lapsing claim.
 */
public final class Scheduler implements AutoCloseable {
    /** A tick is given up (status abandoned) after this many deliveries failed. */
    public static final int TICK_ATTEMPTS_MAX = 10;
    /** The longest the loop sleeps, whatever is due next: bounds the effect of a clock jump. */
    public static final Duration LOOP_SLEEP_MAX = Duration.ofMinutes(1);
    /** Added to a function's worst-case duration to get the shortest claim timeout its ticks may have. */
    public static final Duration CLAIM_MARGIN = Duration.ofSeconds(5);
    /** Delivered and skipped ticks are kept this long (for operators), then pruned. */
    public static final Duration TICK_RETENTION = Duration.ofDays(7);
    /** The most tick rows one prune deletes; the loop prunes at most once per {@link #PRUNE_INTERVAL}. */
    public static final int PRUNE_BATCH_MAX = 1_000;
    public static final Duration PRUNE_INTERVAL = Duration.ofHours(1);
    /** The most schedules one scheduler runs. */
    public static final int SCHEDULES_MAX = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /**
     * @param node                 this node's name, recorded on its claims (for operators)
     * @param claimTimeout         how long a claim holds before another node may retry the tick; raised
     *                             per function to its worst-case duration plus {@link #CLAIM_MARGIN}
     * @param failedRetryDelay     how soon a tick whose delivery failed is retried
     */
    public record Options(String node, Duration claimTimeout, Duration failedRetryDelay) {
        public Options {
            Check.notNull(node, "node");
            Check.argument(claimTimeout.isPositive() && failedRetryDelay.isPositive(),
                    "claimTimeout and failedRetryDelay must be positive, got %s and %s", claimTimeout, failedRetryDelay);
        }

        public static Options defaults(String node) {
            return new Options(node, Duration.ofMinutes(5), Duration.ofSeconds(30));
        }
    }

    private final Map<String, ScheduledFunction> schedules = new LinkedHashMap<>();
    private final TickStore ticks;
    private final Clock clock;
    private final IdGenerator ids;
    private final FunctionInvoker invoker;
    private final Options options;
    private final Sleeper sleeper;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Thread loop;
    private Instant lastPrune;

    private record ScheduledFunction(FunctionDeclaration function, Trigger.Schedule trigger, Duration claimTimeout) {}

    public Scheduler(DataSource dataSource, Clock clock, IdGenerator ids, FunctionInvoker invoker,
            List<FunctionDeclaration> functions, Options options, Sleeper sleeper) {
        this.ticks = new TickStore(new Transactions(dataSource));
        this.clock = Check.notNull(clock, "clock");
        this.ids = Check.notNull(ids, "ids");
        this.invoker = Check.notNull(invoker, "invoker");
        this.options = Check.notNull(options, "options");
        this.sleeper = Check.notNull(sleeper, "sleeper");
        Check.argument(functions.size() <= SCHEDULES_MAX, "at most %d schedules, got %d", SCHEDULES_MAX, functions.size());
        for (FunctionDeclaration function : functions) {
            Check.argument(function.trigger() instanceof Trigger.Schedule,
                    "function %s is not schedule-triggered: %s", function.name(), function.trigger());
            Trigger.Schedule trigger = (Trigger.Schedule) function.trigger();
            Duration worstCase = function.limits().worstCaseDuration().plus(CLAIM_MARGIN);
            Duration claimTimeout = worstCase.compareTo(options.claimTimeout()) > 0 ? worstCase : options.claimTimeout();
            Check.argument(schedules.put(trigger.name(), new ScheduledFunction(function, trigger, claimTimeout)) == null,
                    "schedule %s is declared twice", trigger.name());
        }
    }

    /** What one step did: ticks claimed (new and lapsed), delivered, not delivered (failed or superseded), skipped. */
    public record Round(int claimed, int delivered, int failed, int skipped) {}

    /** One deterministic step: claims and delivers every due tick and every lapsed claim, then returns. */
    public Round runDue() {
        Dispatch dispatch = dispatchDue();
        List<Future<Boolean>> pending = dispatch.pending();
        int delivered = 0;
        for (Future<Boolean> delivery : pending) {
            if (Boolean.TRUE.equals(join(delivery))) {
                delivered++;
            }
        }
        return new Round(pending.size(), delivered, pending.size() - delivered, dispatch.skipped());
    }

    private record Dispatch(List<Future<Boolean>> pending, int skipped) {}

    private Dispatch dispatchDue() {
        Instant now = clock.instant();
        List<Future<Boolean>> pending = new ArrayList<>();
        int skipped = 0;
        for (ScheduledFunction scheduled : schedules.values()) {
            String name = scheduled.trigger().name();
            Instant after = ticks.lastTickOrAnchor(name, now);
            TickPlanner.Plan plan = TickPlanner.plan(scheduled.trigger().expression(), scheduled.trigger().catchUp(), after, now);
            if (plan.skipMarker().isPresent()) {
                ticks.markSkipped(name, plan.skipMarker().get());
                skipped++;
            }
            for (TickPlanner.PlannedTick planned : plan.fire()) {
                Optional<ClaimedTick> claim = ticks.claim(name, planned.time(), planned.missedTicks(), ids.next(),
                        options.node(), now.plus(scheduled.claimTimeout()));
                claim.ifPresent(tick -> pending.add(deliveries.submit(() -> deliver(scheduled, tick))));
            }
        }
        Duration longestClaim = schedules.values().stream().map(ScheduledFunction::claimTimeout)
                .max(Duration::compareTo).orElse(options.claimTimeout());
        for (ClaimedTick lapsed : ticks.reclaimLapsed(now, ids.next(), options.node(), now.plus(longestClaim))) {
            ScheduledFunction scheduled = schedules.get(lapsed.schedule());
            if (scheduled == null) {
                // Another node's schedule (a different release): leave it to a node that knows it.
                ticks.postpone(lapsed, now.plus(options.failedRetryDelay()));
            } else if (lapsed.attempts() > TICK_ATTEMPTS_MAX) {
                LOG.error("schedule {} tick {} abandoned after {} attempts", lapsed.schedule(), lapsed.time(), TICK_ATTEMPTS_MAX);
                ticks.abandon(lapsed);
            } else {
                pending.add(deliveries.submit(() -> deliver(scheduled, lapsed)));
            }
        }
        return new Dispatch(pending, skipped);
    }

    /** The id of a tick: the idempotency key its function sees. */
    public static String tickId(String schedule, Instant time) {
        return schedule + "@" + time;
    }

    private boolean deliver(ScheduledFunction scheduled, ClaimedTick tick) {
        String tickId = tickId(tick.schedule(), tick.time());
        ObjectNode payload = Json.mapper().createObjectNode()
                .put("schedule", tick.schedule())
                .put("tickTime", tick.time().toString())
                .put("tickId", tickId)
                .put("missedTicks", tick.missedTicks());
        InvocationRequest request = new InvocationRequest(payload.toString().getBytes(StandardCharsets.UTF_8), tickId,
                Trace.start(ids.next().toString(), tickId, null),
                transaction -> TickStore.markDelivered(transaction, tick, clock.instant()));
        InvocationResult result = invoker.invoke(scheduled.function(), request);
        switch (result) {
            case InvocationResult.Succeeded ignored -> {
                return true;
            }
            case InvocationResult.Superseded ignored -> {
                return false;
            }
            case InvocationResult.Rejected rejected -> {
                LOG.error("schedule {} tick {} rejected: {}", tick.schedule(), tick.time(), rejected.message());
                ticks.abandon(tick);
                return false;
            }
            case InvocationResult.Failed ignored -> {
                ticks.postpone(tick, clock.instant().plus(options.failedRetryDelay()));
                return false;
            }
            case InvocationResult.Throttled ignored -> {
                ticks.postpone(tick, clock.instant().plus(options.failedRetryDelay()));
                return false;
            }
        }
    }

    /** When the loop should next wake: the next tick of any schedule or the earliest lapsing claim. */
    public Instant nextWake() {
        Instant now = clock.instant();
        Instant wake = now.plus(LOOP_SLEEP_MAX);
        for (ScheduledFunction scheduled : schedules.values()) {
            Optional<Instant> next = scheduled.trigger().expression().nextAfter(now);
            if (next.isPresent() && next.get().isBefore(wake)) {
                wake = next.get();
            }
        }
        Optional<Instant> expiry = ticks.earliestClaimExpiry();
        if (expiry.isPresent() && expiry.get().isBefore(wake)) {
            wake = expiry.get();
        }
        return wake;
    }

    /** Starts the production loop on a thread of its own. */
    public synchronized void start() {
        Check.that(loop == null, "scheduler %s already started", options.node());
        loop = Thread.ofPlatform().daemon().name("payrail-scheduler-" + options.node()).start(this::runLoop);
    }

    private void runLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                dispatchDue();
                pruneNowAndThen();
                Duration sleep = Duration.between(clock.instant(), nextWake());
                if (sleep.isPositive()) {
                    sleeper.sleep(sleep);
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException failure) {
                LOG.warn("scheduler {}: round failed, trying again: {}", options.node(), failure.getMessage());
                if (!pauseAfterFailure()) {
                    return;
                }
            }
        }
    }

    private void pruneNowAndThen() {
        Instant now = clock.instant();
        if (lastPrune == null || Duration.between(lastPrune, now).compareTo(PRUNE_INTERVAL) >= 0) {
            lastPrune = now;
            int pruned = ticks.prune(now.minus(TICK_RETENTION), PRUNE_BATCH_MAX);
            LOG.debug("scheduler {}: pruned {} old ticks", options.node(), pruned);
        }
    }

    /** Deletes old delivered and skipped ticks (the loop does this hourly); returns how many. */
    public int pruneOldTicks() {
        return ticks.prune(clock.instant().minus(TICK_RETENTION), PRUNE_BATCH_MAX);
    }

    private boolean pauseAfterFailure() {
        try {
            sleeper.sleep(Duration.ofSeconds(1));
            return true;
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the loop and waits for deliveries in flight. */
    @Override
    public void close() {
        Thread running = loop;
        if (running != null) {
            running.interrupt();
            try {
                running.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        deliveries.close();
    }

    private static Boolean join(Future<Boolean> delivery) {
        try {
            return delivery.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException failure) {
            LOG.warn("delivery failed: {}", failure.getCause().toString());
            return false;
        }
    }
}
