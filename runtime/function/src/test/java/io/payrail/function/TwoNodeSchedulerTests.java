package io.payrail.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.payrail.platform.Database;
import io.payrail.platform.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TwoNodeSchedulerTests {
    private static final int CHILD_SECONDS = 5;

    @Test
    void each_tick_is_delivered_exactly_once_in_effect_with_two_jvms_on_one_database() throws Exception {
        try (TestDatabase database = TestDatabase.create("platform", "function")) {
            database.transactions().inTransaction(connection -> {
                ScheduleProbe.createTables(connection);
                return null;
            });
            Process child = startChild(database.jdbcUrl());
            CountDownLatch childStarted = new CountDownLatch(1);
            Thread.ofVirtual().start(() -> echo(child, childStarted));
            try {
                assertThat(childStarted.await(60, TimeUnit.SECONDS)).as("child node started").isTrue();
                try (HikariDataSource pool = Database.pool(database.jdbcUrl(), 8);
                        Scheduler parent = SchedulerNodeMain.scheduler(pool, "parent")) {
                    parent.start();
                    Thread.sleep(Duration.ofSeconds(CHILD_SECONDS - 1));
                }
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child node stopped").isTrue();
                assertThat(child.exitValue()).isZero();
            } finally {
                child.destroyForcibly();
            }

            List<String> ticks = strings(database, "SELECT tick_time::text || ' ' || status FROM schedule_tick ORDER BY tick_time");
            List<String> deliveredIds = strings(database, "SELECT tick_id FROM delivery ORDER BY tick_id");
            List<Instant> tickTimes = deliveredIds.stream().map(id -> Instant.parse(id.substring(id.indexOf('@') + 1))).toList();
            assertThat(ticks).allMatch(tick -> tick.endsWith(" delivered")).hasSizeGreaterThanOrEqualTo(3);
            assertThat(deliveredIds).hasSameSizeAs(ticks);
            assertThat(strings(database, "SELECT tick_id FROM duplicate_delivery")).isEmpty();
            for (int index = 1; index < tickTimes.size(); index++) {
                assertThat(tickTimes.get(index)).isEqualTo(tickTimes.get(index - 1).plusSeconds(1));
            }
        }
    }

    @Test
    void a_tick_claimed_by_a_killed_node_is_delivered_once_by_the_survivor() throws Exception {
        try (TestDatabase database = TestDatabase.create("platform", "function")) {
            database.transactions().inTransaction(connection -> {
                ScheduleProbe.createTables(connection);
                return null;
            });
            Process child = startChild(database.jdbcUrl(), "60", "slow");
            BlockingQueue<String> childDeliveries = new LinkedBlockingQueue<>();
            Thread.ofVirtual().start(() -> collectDeliveries(child, childDeliveries));
            String killedTick;
            try (HikariDataSource pool = Database.pool(database.jdbcUrl(), 8);
                    Scheduler survivor = SchedulerNodeMain.scheduler(pool, "survivor", ScheduleProbe.slowFunction("survivor", false))) {
                survivor.start();
                killedTick = childDeliveries.poll(60, TimeUnit.SECONDS);
                child.destroyForcibly().waitFor();
                assertThat(killedTick).as("the child began a delivery").isNotNull();
                awaitDelivered(database, killedTick);
            } finally {
                child.destroyForcibly();
            }

            assertThat(strings(database, "SELECT node FROM delivery WHERE tick_id = '" + killedTick + "'")).containsExactly("survivor");
            assertThat(strings(database, "SELECT attempts::text FROM schedule_tick WHERE status = 'delivered' AND tick_time = '"
                    + killedTick.substring(killedTick.indexOf('@') + 1) + "'")).containsExactly("2");
            assertThat(strings(database, "SELECT tick_id FROM duplicate_delivery")).isEmpty();
            assertThat(strings(database, "SELECT tick_time::text FROM schedule_tick WHERE claimed_by = 'survivor' AND status <> 'delivered'"))
                    .isEmpty();
        }
    }

    private static void collectDeliveries(Process child, BlockingQueue<String> deliveries) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("delivering ")) {
                    deliveries.add(line.substring("delivering ".length()));
                }
            }
        } catch (java.io.IOException ended) {
            // The child was killed; what it announced is already collected.
        }
    }

    private static void awaitDelivered(TestDatabase database, String tickId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (strings(database, "SELECT tick_id FROM delivery WHERE tick_id = '" + tickId + "'").isEmpty()) {
            assertThat(System.nanoTime()).as("tick %s delivered by the survivor", tickId).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static Process startChild(String jdbcUrl) throws Exception {
        return startChild(jdbcUrl, Integer.toString(CHILD_SECONDS));
    }

    private static Process startChild(String jdbcUrl, String... arguments) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                SchedulerNodeMain.class.getName(), jdbcUrl, "child"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
    }

    private static void echo(Process child, CountDownLatch started) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals("started")) {
                    started.countDown();
                }
            }
        } catch (java.io.IOException ended) {
            // The child is gone; its exit value tells the rest.
        }
    }

    private static List<String> strings(TestDatabase database, String sql) {
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
