package io.payrail.bus;

import io.payrail.platform.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A test database with the bus schema, an in-memory store, and buses that close with the fixture. */
final class BusFixture implements AutoCloseable {
    /** Fast enough to keep tests quick without a notification path from the in-memory store. */
    static final Duration TEST_FALLBACK_POLL = Duration.ofMillis(50);

    /** How long a test waits for an outcome before failing; generous, so slow machines pass. */
    static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(30);

    final TestDatabase database = TestDatabase.create("platform", "bus");
    final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-03-01T09:00:00Z"));
    final InMemoryEventStore store = new InMemoryEventStore(clock);
    private final List<EventBus> buses = new ArrayList<>();

    EventBus newBus() {
        EventBus bus = new EventBus(database.dataSource(), store, clock,
                new BusOptions(BusOptions.LOG_CHANNEL_DEFAULT, TEST_FALLBACK_POLL));
        buses.add(bus);
        return bus;
    }

    SubscriptionAdmin admin() {
        return new SubscriptionAdmin(database.dataSource(), store, clock);
    }

    long append(String type, String subject) {
        return TestEvents.append(store, type, subject, "{}");
    }

    long cursor(String subscription) {
        return queryLong("SELECT position FROM bus_subscription WHERE name = ?", subscription);
    }

    long epoch(String subscription) {
        return queryLong("SELECT epoch FROM bus_subscription WHERE name = ?", subscription);
    }

    long parkedCount(String subscription) {
        return queryLong("SELECT count(*) FROM bus_parked_event WHERE subscription = ?", subscription);
    }

    long queryLong(String sql, String parameter) {
        return database.transactions().read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, parameter);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? row.getLong(1) : -1L;
                }
            }
        });
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + OUTCOME_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    @Override
    public void close() {
        buses.forEach(EventBus::close);
        database.close();
    }
}
