package io.payrail.bus;

import com.zaxxer.hikari.HikariDataSource;
import io.payrail.platform.Database;
import io.payrail.store.PostgresEventStore;
import java.time.Clock;
import java.time.Duration;

/**
 * The child JVM of {@link CrashTests}: runs one subscription until the parent kills it. In mode
 * {@code unit-of-work} its handler writes one effect row per event in the cursor's transaction (a plain
 * INSERT into a table whose primary key is the event id, so a second application would fail and end
 * up parked); in mode {@code at-least-once} it records every delivery in its own auto-committed
 * statement (a table without a key, so repeats show), while the cursor is committed asynchronously.
 */
public final class CrashChildMain {
    static final String SUBSCRIPTION = "crash-effects";
    static final String UNIT_OF_WORK = "unit-of-work";
    static final String AT_LEAST_ONCE = "at-least-once";

    private CrashChildMain() {}

    public static void main(String[] arguments) throws java.io.IOException {
        String jdbcUrl = arguments[0];
        HikariDataSource dataSource = Database.pool(jdbcUrl, 8);
        PostgresEventStore store = new PostgresEventStore(dataSource, Clock.systemUTC());
        EventBus bus = new EventBus(dataSource, store, Clock.systemUTC(), BusOptions.defaults());
        bus.subscribe(AT_LEAST_ONCE.equals(arguments[1]) ? recordingDeliveries(dataSource) : applyingEffects());
        bus.start();
        System.out.println("child started");
        // Runs until killed, or until the parent goes away (its end of our stdin closes).
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
        System.exit(0);
    }

    private static Subscription recordingDeliveries(HikariDataSource dataSource) {
        return Subscription.atLeastOnce(SUBSCRIPTION, delivery -> {
            try (var connection = dataSource.getConnection();
                    var insert = connection.prepareStatement("INSERT INTO delivery (event_id, position) VALUES (?, ?)")) {
                insert.setObject(1, delivery.envelope().id());
                insert.setLong(2, delivery.position());
                insert.executeUpdate();
            }
        });
    }

    private static Subscription applyingEffects() {
        return Subscription.inTransaction(SUBSCRIPTION, (transaction, delivery) -> {
            try (var insert = transaction.prepareStatement("INSERT INTO effect (event_id, position) VALUES (?, ?)")) {
                insert.setObject(1, delivery.envelope().id());
                insert.setLong(2, delivery.position());
                insert.executeUpdate();
            }
            // Slow enough that the parent's kill lands in the middle of the work.
            Thread.sleep(1);
        }).withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5)));
    }
}
