package io.payrail.function.internal;

import io.payrail.function.CatchUpPolicy;
import io.payrail.function.ScheduleExpression;
import io.payrail.platform.Check;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Decides which ticks of one schedule to fire now, given the last tick already recorded: a pure
 * function of its inputs, so the catch-up policies are tested without a database or a clock.
 */
public final class TickPlanner {
    /** The most ticks one plan scans; a cron over {@link CatchUpPolicy#HORIZON} needs at most 44,640. */
    public static final int TICK_SCAN_MAX = 100_000;

    private TickPlanner() {}

    /** A tick to fire; {@code missedTicks} is how many missed ticks it stands for (FIRE_ONCE). */
    public record PlannedTick(Instant time, int missedTicks) {}

    /**
     * @param fire        ticks to claim and deliver, oldest first
     * @param skipMarker  under SKIP, the latest missed tick, recorded as skipped so it is never planned again
     */
    public record Plan(List<PlannedTick> fire, Optional<Instant> skipMarker) {}

    /** Plans the ticks strictly after {@code after} and at or before {@code now}. */
    public static Plan plan(ScheduleExpression expression, CatchUpPolicy policy, Instant after, Instant now) {
        Instant horizon = now.minus(CatchUpPolicy.HORIZON);
        Instant scanFrom = after.isBefore(horizon) ? horizon : after;
        long missedBeforeScan = 0;
        if (expression instanceof ScheduleExpression.Rate rate) {
            // Rates are arithmetic: jump over ticks no policy will fire instead of scanning them one by one.
            Duration window = rate.period().multipliedBy(policy.fireAllMax() + 1L).plus(policy.misfireThreshold());
            Instant windowStart = now.minus(window);
            if (windowStart.isAfter(scanFrom)) {
                long periodSeconds = rate.period().toSeconds();
                missedBeforeScan = Math.floorDiv(windowStart.getEpochSecond(), periodSeconds)
                        - Math.floorDiv(scanFrom.getEpochSecond(), periodSeconds);
                scanFrom = windowStart;
            }
        }
        Instant onTimeFrom = now.minus(policy.misfireThreshold());
        Deque<Instant> latestMissed = new ArrayDeque<>();
        long missedCount = missedBeforeScan;
        List<PlannedTick> onTime = new ArrayList<>();
        Optional<Instant> tick = expression.nextAfter(scanFrom);
        for (int scanned = 0; tick.isPresent() && !tick.get().isAfter(now); scanned++) {
            Check.that(scanned < TICK_SCAN_MAX, "schedule %s: more than %d ticks to scan", expression.text(), TICK_SCAN_MAX);
            if (tick.get().isBefore(onTimeFrom)) {
                missedCount++;
                latestMissed.addLast(tick.get());
                if (latestMissed.size() > policy.fireAllMax()) {
                    latestMissed.removeFirst();
                }
            } else {
                onTime.add(new PlannedTick(tick.get(), 0));
            }
            tick = expression.nextAfter(tick.get());
        }
        return decide(policy, latestMissed, missedCount, onTime);
    }

    private static Plan decide(CatchUpPolicy policy, Deque<Instant> latestMissed, long missedCount, List<PlannedTick> onTime) {
        List<PlannedTick> fire = new ArrayList<>();
        Optional<Instant> skipMarker = Optional.empty();
        if (!latestMissed.isEmpty()) {
            switch (policy.missed()) {
                case FIRE_ALL -> latestMissed.forEach(time -> fire.add(new PlannedTick(time, 0)));
                case FIRE_ONCE -> fire.add(new PlannedTick(latestMissed.getLast(), (int) Math.min(Integer.MAX_VALUE, missedCount)));
                case SKIP -> skipMarker = Optional.of(latestMissed.getLast());
            }
        }
        fire.addAll(onTime);
        return new Plan(List.copyOf(fire), skipMarker);
    }
}
