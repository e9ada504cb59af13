package io.payrail.bus;

import static io.payrail.bus.BusFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnitOfWorkTests {
    private final BusFixture fixture = new BusFixture();

    @BeforeEach
    void createEffectTable() {
        fixture.database.transactions().inTransaction(connection -> connection.createStatement()
                .execute("CREATE TABLE effect (event_id uuid PRIMARY KEY, position bigint NOT NULL, epoch bigint NOT NULL)"));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static void insertEffect(Connection transaction, String table, Delivery delivery) throws SQLException {
        try (var insert = transaction.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
            insert.setObject(1, delivery.envelope().id());
            insert.setLong(2, delivery.position());
            insert.setLong(3, delivery.epoch());
            insert.executeUpdate();
        }
    }

    @Test
    void effects_and_the_cursor_commit_together() {
        for (int index = 0; index < 40; index++) {
            fixture.append("test.happened", "k" + index % 3);
        }
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.inTransaction("effects", (transaction, delivery) ->
                insertEffect(transaction, "effect", delivery)));
        bus.start();

        await("caught up", () -> fixture.cursor("effects") == 40);
        assertThat(effectPositions("effect")).hasSize(40).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void after_a_failure_midway_through_a_page_nothing_is_applied_twice() {
        for (int index = 0; index < 10; index++) {
            fixture.append("test.happened", "k" + index % 2);
        }
        Set<Long> failedOnce = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        EventBus bus = fixture.newBus();
        // The effect row is written before the failure: it must vanish with the failed attempt.
        bus.subscribe(Subscription.inTransaction("midway", (transaction, delivery) -> {
            calls.incrementAndGet();
            insertEffect(transaction, "effect", delivery);
            if ((delivery.position() == 3 || delivery.position() == 7) && failedOnce.add(delivery.position())) {
                throw new IllegalStateException("crash after writing the effect of " + delivery.position());
            }
        }).withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5))));
        bus.start();

        await("caught up", () -> fixture.cursor("midway") == 10);
        assertThat(effectPositions("effect")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(calls.get()).isEqualTo(12);
        assertThat(fixture.parkedCount("midway")).isZero();
    }

    @Test
    void a_replay_rebuilds_a_read_model_into_a_fresh_table_through_the_reset_hook() {
        for (int index = 0; index < 12; index++) {
            fixture.append("test.happened", "k" + index % 5);
        }
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.inTransaction("model", (transaction, delivery) ->
                        insertEffect(transaction, delivery.epoch() == 1 ? "effect" : "effect_" + delivery.epoch(),
                                delivery))
                .withResetHook((transaction, epoch) -> transaction.createStatement().execute(
                        "CREATE TABLE effect_" + epoch + " (LIKE effect INCLUDING ALL)")));
        bus.start();
        await("caught up", () -> fixture.cursor("model") == 12);

        fixture.admin().replay("model", "0", null);
        await("rebuilt", () -> fixture.cursor("model") == 12 && tableRows("effect_2") == 12);
        assertThat(effectPositions("effect_2")).hasSize(12).isSorted();
        assertThat(effectPositions("effect")).hasSize(12);
    }

    private long tableRows(String table) {
        try {
            return effectPositions(table).size();
        } catch (RuntimeException missingTable) {
            return -1;
        }
    }

    private List<Long> effectPositions(String table) {
        return fixture.database.transactions().read(connection -> {
            List<Long> positions = new ArrayList<>();
            try (var rows = connection.createStatement().executeQuery("SELECT position FROM " + table + " ORDER BY position")) {
                while (rows.next()) {
                    positions.add(rows.getLong(1));
                }
            }
            return positions;
        });
    }
}
