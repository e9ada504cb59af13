package io.payrail.bus;

import static io.payrail.bus.BusFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import io.payrail.store.ExpectedRevision;
import io.payrail.store.PostgresEventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bus on the real store: commit notifications, log pages, and the unit of work with the store's appends. */
class PostgresStoreBusTests {
    private final TestDatabase database = TestDatabase.create("platform", "store", "bus");
    private final PostgresEventStore store = new PostgresEventStore(database.dataSource(), Clock.systemUTC());

    @AfterEach
    void close() {
        store.close();
        database.close();
    }

    @Test
    void a_commit_wakes_the_subscription_without_waiting_for_the_fallback_poll() {
        // The fallback poll is longer than the test's patience: only the notification can deliver in time.
        Duration patience = BusFixture.OUTCOME_TIMEOUT;
        EventBus bus = new EventBus(database.dataSource(), store, Clock.systemUTC(),
                new BusOptions(BusOptions.LOG_CHANNEL_DEFAULT, BusOptions.FALLBACK_POLL_MAX));
        assertThat(BusOptions.FALLBACK_POLL_MAX).isGreaterThan(patience);
        Recorder recorder = new Recorder();
        try (bus) {
            bus.subscribe(Subscription.atLeastOnce("woken", recorder::add).withStartFrom(StartFrom.HEAD));
            bus.start();
            await("the bus owns the subscription", () -> bus.owns("woken"));
            sleepMillis(200);
            TestEvents.append(store, "test.woken", "w", "{}");
            await("the event is delivered", () -> recorder.size() == 1);
        }
    }

    @Test
    void a_unit_of_work_handler_reads_the_real_log_in_order_and_may_append_in_its_transaction() {
        for (int index = 0; index < 30; index++) {
            TestEvents.append(store, "test.source", "s" + index % 4, "{\"index\": " + index + "}");
        }
        Recorder recorder = new Recorder();
        EventBus bus = new EventBus(database.dataSource(), store, Clock.systemUTC(), BusOptions.defaults());
        try (bus) {
            bus.subscribe(Subscription.inTransaction("translator", (transaction, delivery) -> {
                recorder.add(delivery);
                store.append(transaction, "derived-" + delivery.envelope().id(), ExpectedRevision.noStream(),
                        List.of(TestEvents.event("test.derived", delivery.partitionKey(), "{}")));
            }).withRule(Rule.parse("{\"detail-type\": [\"test.source\"]}")));
            bus.start();
            await("the derived events are appended", () -> store.headPosition() == 60);
            await("the cursor passes them", () -> cursor() == 60);
        }
        assertThat(recorder.positions()).containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
        assertThat(store.readLog(30, 100)).hasSize(30)
                .allSatisfy(event -> assertThat(event.envelope().type()).isEqualTo("test.derived"));
    }

    private long cursor() {
        return database.transactions().read(connection -> {
            try (var rows = connection.createStatement().executeQuery(
                    "SELECT position FROM bus_subscription WHERE name = 'translator'")) {
                return rows.next() ? rows.getLong(1) : -1L;
            }
        });
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
