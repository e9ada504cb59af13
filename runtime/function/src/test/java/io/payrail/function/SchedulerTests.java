package io.payrail.function;

import io.payrail.platform.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.UuidV7Generator;
import io.payrail.platform.testing.TestDatabase;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchedulerTests {
    private static final Instant START = Instant.parse("2026-01-05T09:00:30Z");
    private static final Duration RETRY_DELAY = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(START);
    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create("platform", "function");
        database.transactions().inTransaction(connection -> {
            ScheduleProbe.createTables(connection);
            return null;
        });
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private Scheduler scheduler(String node, CatchUpPolicy policy, AtomicBoolean failNext) {
        Trigger.Schedule trigger = new Trigger.Schedule("every-minute", ScheduleExpression.parse("rate(1 minute)"), policy);
        FunctionDeclaration function = ScheduleProbe.function(node, trigger, attempt -> failNext.getAndSet(false));
        FunctionInvoker invoker = new FunctionInvoker(database.dataSource(), clock, new Random(3), duration -> {}, Duration.ofSeconds(5));
        return new Scheduler(database.dataSource(), clock, new UuidV7Generator(clock, new Random(node.hashCode())), invoker,
                List.of(function), new Scheduler.Options(node, Duration.ofMinutes(5), RETRY_DELAY), duration -> {});
    }

    private Scheduler scheduler(String node, CatchUpPolicy policy) {
        return scheduler(node, policy, new AtomicBoolean());
    }

    @Test
    void a_tick_fires_once_when_two_nodes_run_the_same_step() {
        try (Scheduler nodeA = scheduler("a", CatchUpPolicy.DEFAULT); Scheduler nodeB = scheduler("b", CatchUpPolicy.DEFAULT)) {
            nodeA.runDue();
            nodeB.runDue();
            clock.set(Instant.parse("2026-01-05T09:01:05Z"));
            CompletableFuture<Scheduler.Round> roundA = CompletableFuture.supplyAsync(nodeA::runDue);
            CompletableFuture<Scheduler.Round> roundB = CompletableFuture.supplyAsync(nodeB::runDue);
            int claimed = roundA.join().claimed() + roundB.join().claimed();
            nodeA.runDue();
            nodeB.runDue();

            assertThat(claimed).isEqualTo(1);
        }
        assertThat(deliveries()).containsExactly("every-minute@2026-01-05T09:01:00Z");
        assertThat(duplicates()).isZero();
        assertThat(tickStatuses()).containsExactly("2026-01-05T09:01:00Z delivered 1");
    }

    @Test
    void nothing_fires_for_ticks_before_the_schedule_was_first_seen() {
        try (Scheduler node = scheduler("a", CatchUpPolicy.of(CatchUpPolicy.Missed.FIRE_ALL))) {
            Scheduler.Round first = node.runDue();
            assertThat(first.claimed()).isZero();
            assertThat(node.nextWake()).isEqualTo(Instant.parse("2026-01-05T09:01:00Z"));
        }
        assertThat(deliveries()).isEmpty();
    }

    @Test
    void a_failed_delivery_is_retried_by_another_node_after_the_retry_delay() {
        AtomicBoolean failNext = new AtomicBoolean();
        try (Scheduler nodeA = scheduler("a", CatchUpPolicy.DEFAULT, failNext); Scheduler nodeB = scheduler("b", CatchUpPolicy.DEFAULT)) {
            nodeA.runDue();
            clock.set(Instant.parse("2026-01-05T09:01:01Z"));
            failNext.set(true);
            Scheduler.Round failed = nodeA.runDue();
            Scheduler.Round tooEarly = nodeB.runDue();
            clock.advance(RETRY_DELAY);
            Scheduler.Round retried = nodeB.runDue();

            assertThat(failed.failed()).isEqualTo(1);
            assertThat(tooEarly.claimed()).isZero();
            assertThat(retried.delivered()).isEqualTo(1);
        }
        assertThat(deliveries()).containsExactly("every-minute@2026-01-05T09:01:00Z");
        assertThat(tickStatuses()).containsExactly("2026-01-05T09:01:00Z delivered 2");
    }

    @Test
    void a_claim_left_by_a_dead_node_is_taken_over_once_it_lapses() {
        try (Scheduler node = scheduler("a", CatchUpPolicy.DEFAULT)) {
            node.runDue();
            database.transactions().inTransaction(connection -> connection.createStatement().executeUpdate("""
                    INSERT INTO schedule_tick (schedule, tick_time, status, claim_token, claimed_by, claim_expires_at, attempts)
                    VALUES ('every-minute', '2026-01-05T09:01:00Z', 'claimed', gen_random_uuid(), 'dead', '2026-01-05T09:06:00Z', 1)"""));
            clock.set(Instant.parse("2026-01-05T09:01:10Z"));
            Scheduler.Round whileClaimed = node.runDue();
            assertThat(node.nextWake()).isEqualTo(Instant.parse("2026-01-05T09:02:00Z"));
            clock.set(Instant.parse("2026-01-05T09:06:00Z"));
            node.runDue();

            assertThat(whileClaimed.claimed()).isZero();
        }
        assertThat(deliveries()).contains("every-minute@2026-01-05T09:01:00Z");
        assertThat(tickStatuses()).contains("2026-01-05T09:01:00Z delivered 2");
        assertThat(duplicates()).isZero();
    }

    @Test
    void fire_once_delivers_one_catch_up_tick_for_all_missed_ticks() {
        runAcrossAnOutage(CatchUpPolicy.of(CatchUpPolicy.Missed.FIRE_ONCE));
        assertThat(deliveries()).containsExactly(
                "every-minute@2026-01-05T09:09:00Z missed 9", "every-minute@2026-01-05T09:10:00Z");
    }

    @Test
    void fire_all_delivers_every_missed_tick() {
        runAcrossAnOutage(CatchUpPolicy.of(CatchUpPolicy.Missed.FIRE_ALL));
        assertThat(deliveries()).hasSize(10).first().isEqualTo("every-minute@2026-01-05T09:01:00Z");
        assertThat(duplicates()).isZero();
    }

    @Test
    void skip_delivers_only_the_ticks_that_are_on_time() {
        runAcrossAnOutage(CatchUpPolicy.of(CatchUpPolicy.Missed.SKIP));
        assertThat(deliveries()).containsExactly("every-minute@2026-01-05T09:10:00Z");
        assertThat(tickStatuses()).contains("2026-01-05T09:09:00Z skipped 0");
    }

    @Test
    void old_ticks_are_pruned_but_each_schedule_keeps_its_latest() {
        try (Scheduler node = scheduler("a", CatchUpPolicy.DEFAULT)) {
            node.runDue();
            clock.set(Instant.parse("2026-01-05T09:01:05Z"));
            node.runDue();
            clock.set(Instant.parse("2026-01-05T09:02:05Z"));
            node.runDue();
            clock.advance(Scheduler.TICK_RETENTION.plusDays(1));

            assertThat(node.pruneOldTicks()).isEqualTo(1);
        }
        assertThat(tickStatuses()).containsExactly("2026-01-05T09:02:00Z delivered 1");
    }

    /** Seen at 09:00:30, then no node runs until 09:10:30: ticks 09:01 to 09:09 are missed, 09:10 is on time. */
    private void runAcrossAnOutage(CatchUpPolicy policy) {
        try (Scheduler node = scheduler("a", policy)) {
            node.runDue();
            clock.set(Instant.parse("2026-01-05T09:10:30Z"));
            node.runDue();
            node.runDue();
        }
    }

    private List<String> deliveries() {
        return strings("SELECT tick_id || CASE WHEN missed_ticks > 0 THEN ' missed ' || missed_ticks ELSE '' END FROM delivery ORDER BY tick_id");
    }

    private List<String> tickStatuses() {
        return strings("SELECT to_char(tick_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') || ' ' || status || ' ' || attempts"
                + " FROM schedule_tick ORDER BY tick_time");
    }

    private int duplicates() {
        return strings("SELECT tick_id FROM duplicate_delivery").size();
    }

    private List<String> strings(String sql) {
        return database.transactions().read(connection -> {
            List<String> values = new ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        });
    }
}
