package io.payrail.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.function.internal.TickPlanner;
import io.payrail.function.internal.TickPlanner.PlannedTick;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TickPlannerTests {
    private static final ScheduleExpression DAILY_AT_NINE = ScheduleExpression.parse("cron(0 9 * * *)");
    // Down from Monday 08:00 until Wednesday 10:00: Monday, Tuesday and Wednesday 09:00 were missed.
    private static final Instant LAST_SEEN = Instant.parse("2026-01-05T08:00:00Z");
    private static final Instant BACK_UP = Instant.parse("2026-01-07T10:00:00Z");

    private static TickPlanner.Plan plan(CatchUpPolicy policy) {
        return TickPlanner.plan(DAILY_AT_NINE, policy, LAST_SEEN, BACK_UP);
    }

    @Test
    void fire_once_fires_the_latest_missed_tick_standing_for_all_of_them() {
        TickPlanner.Plan plan = plan(CatchUpPolicy.of(CatchUpPolicy.Missed.FIRE_ONCE));
        assertThat(plan.fire()).containsExactly(new PlannedTick(Instant.parse("2026-01-07T09:00:00Z"), 3));
        assertThat(plan.skipMarker()).isEmpty();
    }

    @Test
    void fire_all_fires_each_missed_tick_oldest_first() {
        TickPlanner.Plan plan = plan(CatchUpPolicy.of(CatchUpPolicy.Missed.FIRE_ALL));
        assertThat(plan.fire()).extracting(PlannedTick::time).containsExactly(
                Instant.parse("2026-01-05T09:00:00Z"), Instant.parse("2026-01-06T09:00:00Z"), Instant.parse("2026-01-07T09:00:00Z"));
    }

    @Test
    void fire_all_stops_at_its_bound_keeping_the_latest_ticks() {
        TickPlanner.Plan plan = plan(new CatchUpPolicy(CatchUpPolicy.Missed.FIRE_ALL, Duration.ofMinutes(1), 2));
        assertThat(plan.fire()).extracting(PlannedTick::time)
                .containsExactly(Instant.parse("2026-01-06T09:00:00Z"), Instant.parse("2026-01-07T09:00:00Z"));
    }

    @Test
    void skip_fires_nothing_and_marks_the_latest_missed_tick() {
        TickPlanner.Plan plan = plan(CatchUpPolicy.of(CatchUpPolicy.Missed.SKIP));
        assertThat(plan.fire()).isEmpty();
        assertThat(plan.skipMarker()).isEqualTo(Optional.of(Instant.parse("2026-01-07T09:00:00Z")));
    }

    @Test
    void a_tick_found_within_the_misfire_threshold_is_on_time_under_every_policy() {
        Instant justAfterNine = Instant.parse("2026-01-05T09:00:20Z");
        for (CatchUpPolicy.Missed missed : CatchUpPolicy.Missed.values()) {
            TickPlanner.Plan plan = TickPlanner.plan(DAILY_AT_NINE, CatchUpPolicy.of(missed), LAST_SEEN, justAfterNine);
            assertThat(plan.fire()).as("%s", missed).containsExactly(new PlannedTick(Instant.parse("2026-01-05T09:00:00Z"), 0));
        }
    }

    @Test
    void nothing_is_due_before_the_first_tick() {
        TickPlanner.Plan plan = TickPlanner.plan(DAILY_AT_NINE, CatchUpPolicy.DEFAULT, LAST_SEEN, Instant.parse("2026-01-05T08:59:59Z"));
        assertThat(plan.fire()).isEmpty();
        assertThat(plan.skipMarker()).isEmpty();
    }

    @Test
    void a_fast_rate_after_a_long_outage_is_planned_without_scanning_every_tick() {
        ScheduleExpression everySecond = ScheduleExpression.parse("rate(1 second)");
        Instant now = Instant.parse("2026-01-30T00:00:00Z");
        TickPlanner.Plan once = TickPlanner.plan(everySecond, CatchUpPolicy.of(CatchUpPolicy.Missed.FIRE_ONCE),
                Instant.parse("2026-01-20T00:00:00Z"), now);
        TickPlanner.Plan all = TickPlanner.plan(everySecond, new CatchUpPolicy(CatchUpPolicy.Missed.FIRE_ALL, Duration.ZERO, 5),
                Instant.parse("2026-01-20T00:00:00Z"), now);

        // One catch-up for the ten days of missed ticks, then the 61 ticks of the last minute, on time.
        assertThat(once.fire()).hasSize(62);
        assertThat(once.fire().getFirst()).isEqualTo(new PlannedTick(now.minusSeconds(61), 10 * 86_400 - 61));
        assertThat(all.fire()).extracting(PlannedTick::time).containsExactly(
                now.minusSeconds(5), now.minusSeconds(4), now.minusSeconds(3), now.minusSeconds(2), now.minusSeconds(1), now);
    }
}
