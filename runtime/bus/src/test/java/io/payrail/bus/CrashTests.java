package io.payrail.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.bus.internal.SubscriptionWorker;
import io.payrail.platform.testing.TestDatabase;
import io.payrail.store.AppendResult;
import io.payrail.store.EventEnvelope;
import io.payrail.store.ExpectedRevision;
import io.payrail.store.PostgresEventStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A real JVM delivering is killed with SIGKILL: through the unit of work nothing is applied twice or
 * lost; at least once (cursor committed asynchronously) nothing is lost and little is repeated.
 */
class CrashTests {
    private static final int BATCHES = 60;
    private static final int EVENTS_PER_BATCH = 25;

    @Test
    void a_child_killed_mid_delivery_leaves_every_acknowledged_event_applied_exactly_once() throws Exception {
        try (TestDatabase database = TestDatabase.create("platform", "store", "bus");
                PostgresEventStore store = new PostgresEventStore(database.dataSource(), Clock.systemUTC())) {
            database.transactions().inTransaction(connection -> connection.createStatement()
                    .execute("CREATE TABLE effect (event_id uuid PRIMARY KEY, position bigint NOT NULL)"));
            Set<UUID> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
            CompletableFuture<Void> appending = CompletableFuture.runAsync(() -> appendAll(store, acknowledged));

            Process first = startChild(database.jdbcUrl(), CrashChildMain.UNIT_OF_WORK);
            BusFixture.await("the first child has applied some events", () -> effects(database) >= 200);
            first.destroyForcibly().waitFor();
            long appliedAtKill = effects(database);

            Process second = startChild(database.jdbcUrl(), CrashChildMain.UNIT_OF_WORK);
            try {
                appending.join();
                BusFixture.await("the second child catches up", () -> effects(database) == acknowledged.size()
                        && cursor(database) == store.headPosition());
            } finally {
                second.destroyForcibly().waitFor();
            }

            assertThat(appliedAtKill).isLessThan(BATCHES * EVENTS_PER_BATCH);
            assertThat(acknowledged).hasSize(BATCHES * EVENTS_PER_BATCH);
            assertThat(effectIds(database)).isEqualTo(acknowledged);
            assertThat(count(database, "SELECT count(*) FROM bus_parked_event")).isZero();
        }
    }

    @Test
    void a_child_killed_while_its_cursor_commits_asynchronously_loses_no_event_and_repeats_at_most_a_commit_interval()
            throws Exception {
        try (TestDatabase database = TestDatabase.create("platform", "store", "bus");
                PostgresEventStore store = new PostgresEventStore(database.dataSource(), Clock.systemUTC())) {
            database.transactions().inTransaction(connection -> connection.createStatement()
                    .execute("CREATE TABLE delivery (event_id uuid NOT NULL, position bigint NOT NULL)"));
            Set<UUID> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
            CompletableFuture<Void> appending = CompletableFuture.runAsync(() -> appendAll(store, acknowledged));

            Process first = startChild(database.jdbcUrl(), CrashChildMain.AT_LEAST_ONCE);
            BusFixture.await("the first child has delivered some events", () -> deliveries(database) >= 200);
            first.destroyForcibly().waitFor();
            long cursorAtKill = cursor(database);
            long deliveredAtKill = count(database, "SELECT coalesce(max(position), 0) FROM delivery");

            Process second = startChild(database.jdbcUrl(), CrashChildMain.AT_LEAST_ONCE);
            try {
                appending.join();
                BusFixture.await("the second child catches up", () -> cursor(database) == store.headPosition()
                        && distinctDeliveries(database) == acknowledged.size());
            } finally {
                second.destroyForcibly().waitFor();
            }

            assertThat(acknowledged).hasSize(BATCHES * EVENTS_PER_BATCH);
            assertThat(deliveredIds(database)).isEqualTo(acknowledged);
            long repeats = deliveries(database) - distinctDeliveries(database);
            assertThat(deliveredAtKill - cursorAtKill).isLessThanOrEqualTo(SubscriptionWorker.COMMIT_EVENTS_MAX);
            assertThat(repeats).isLessThanOrEqualTo(SubscriptionWorker.COMMIT_EVENTS_MAX);
        }
    }

    private static void appendAll(PostgresEventStore store, Set<UUID> acknowledged) {
        for (int batch = 0; batch < BATCHES; batch++) {
            List<EventEnvelope> events = new ArrayList<>();
            for (int index = 0; index < EVENTS_PER_BATCH; index++) {
                events.add(TestEvents.event("test.crash", "subject-" + index % 7, "{\"batch\": " + batch + "}"));
            }
            AppendResult result = store.append("crash-" + batch, ExpectedRevision.noStream(), events);
            assertThat(result).isInstanceOf(AppendResult.Appended.class);
            events.forEach(event -> acknowledged.add(event.id()));
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Process startChild(String jdbcUrl, String mode) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        File log = Files.createTempFile("payrail-bus-crash-child", ".log").toFile();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashChildMain.class.getName(),
                jdbcUrl, mode)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    private static long deliveries(TestDatabase database) {
        return count(database, "SELECT count(*) FROM delivery");
    }

    private static long distinctDeliveries(TestDatabase database) {
        return count(database, "SELECT count(DISTINCT event_id) FROM delivery");
    }

    private static Set<UUID> deliveredIds(TestDatabase database) {
        return ids(database, "SELECT event_id FROM delivery");
    }

    private static long effects(TestDatabase database) {
        return count(database, "SELECT count(*) FROM effect");
    }

    private static long cursor(TestDatabase database) {
        return count(database, "SELECT coalesce(max(position), -1) FROM bus_subscription WHERE name = '"
                + CrashChildMain.SUBSCRIPTION + "'");
    }

    private static long count(TestDatabase database, String sql) {
        return database.transactions().read(connection -> {
            try (var rows = connection.createStatement().executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private static Set<UUID> effectIds(TestDatabase database) {
        return ids(database, "SELECT event_id FROM effect");
    }

    private static Set<UUID> ids(TestDatabase database, String sql) {
        return database.transactions().read(connection -> {
            Set<UUID> ids = new HashSet<>();
            try (var rows = connection.createStatement().executeQuery(sql)) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        });
    }
}
