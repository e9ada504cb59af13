package io.payrail.bus;

import static io.payrail.bus.BusFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParkingTests {
    private static final RetryPolicy THREE_QUICK_ATTEMPTS = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));

    private final BusFixture fixture = new BusFixture();
    private final Recorder recorder = new Recorder();
    private final AtomicBoolean poisonFails = new AtomicBoolean(true);
    private final AtomicInteger poisonCalls = new AtomicInteger();

    @AfterEach
    void close() {
        fixture.close();
    }

    private void handle(Delivery delivery) {
        if (delivery.envelope().type().equals("test.poison")) {
            poisonCalls.incrementAndGet();
            if (poisonFails.get()) {
                throw new IllegalStateException("cannot handle position " + delivery.position());
            }
        }
        recorder.add(delivery);
    }

    /** Positions: 1 ok(a), 2 poison(p), 3 ok(p), 4 ok(b), 5 ok(p). */
    private EventBus startWithPoison(Subscription subscription) {
        fixture.append("test.ok", "a");
        fixture.append("test.poison", "p");
        fixture.append("test.ok", "p");
        fixture.append("test.ok", "b");
        fixture.append("test.ok", "p");
        EventBus bus = fixture.newBus();
        bus.subscribe(subscription);
        bus.start();
        await("the cursor passes the log", () -> fixture.cursor(subscription.name()) == 5);
        return bus;
    }

    @Test
    void an_event_failing_every_attempt_is_parked_and_blocks_only_its_key() {
        startWithPoison(Subscription.atLeastOnce("parking", this::handle).withRetry(THREE_QUICK_ATTEMPTS));

        assertThat(recorder.positions()).containsExactly(1L, 4L);
        assertThat(poisonCalls.get()).isEqualTo(3);
        List<ParkedEvent> parked = fixture.admin().parked("parking", 0, 100);
        assertThat(parked).extracting(ParkedEvent::position).containsExactly(2L, 3L, 5L);
        assertThat(parked.getFirst().attempts()).isEqualTo(3);
        assertThat(parked.getFirst().reason()).isEqualTo("IllegalStateException: cannot handle position 2");
        assertThat(parked.get(1).attempts()).isZero();
        assertThat(parked.get(1).reason()).contains("held behind");
        assertThat(parked).extracting(ParkedEvent::partitionKey).containsOnly("p");
    }

    @Test
    void redrive_delivers_the_parked_events_in_order_and_releases_the_key() throws InterruptedException {
        startWithPoison(Subscription.atLeastOnce("redrive", this::handle).withRetry(THREE_QUICK_ATTEMPTS));
        poisonFails.set(false);

        assertThat(fixture.admin().redrive("redrive", null)).isEqualTo(3);
        java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream();
        long left = fixture.admin().awaitRedrive("redrive", BusFixture.OUTCOME_TIMEOUT,
                new java.io.PrintStream(lines, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(left).isZero();
        assertThat(lines.toString(java.nio.charset.StandardCharsets.UTF_8)).endsWith("redrive redrive: done"
                + System.lineSeparator());
        assertThat(fixture.parkedCount("redrive")).isZero();
        assertThat(recorder.positions()).containsExactly(1L, 4L, 2L, 3L, 5L);
        assertThat(recorder.all().get(2).attempt()).isEqualTo(4);

        long next = fixture.append("test.ok", "p");
        await("a new event of the released key flows", () -> recorder.positions().contains(next));
        assertThat(fixture.parkedCount("redrive")).isZero();
    }

    @Test
    void a_redriven_event_that_fails_again_stays_parked_with_the_rest_of_its_key() {
        startWithPoison(Subscription.atLeastOnce("again", this::handle).withRetry(THREE_QUICK_ATTEMPTS));

        fixture.admin().redrive("again", "p");
        await("the redrive is tried", () -> poisonCalls.get() == 6);
        await("the redrive request is cleared", () -> fixture.queryLong(
                "SELECT count(*) FROM bus_parked_event WHERE subscription = ? AND redrive_requested", "again") == 0);
        List<ParkedEvent> parked = fixture.admin().parked("again", 0, 100);
        assertThat(parked).extracting(ParkedEvent::position).containsExactly(2L, 3L, 5L);
        assertThat(parked.getFirst().attempts()).isEqualTo(6);
        assertThat(recorder.positions()).containsExactly(1L, 4L);
    }

    @Test
    void a_unit_of_work_handler_parks_the_same_way_and_keeps_no_effect_of_failed_attempts() {
        fixture.database.transactions().inTransaction(connection -> connection.createStatement()
                .execute("CREATE TABLE effect (event_id uuid PRIMARY KEY, position bigint NOT NULL)"));
        startWithPoison(Subscription.inTransaction("uow-parking", (transaction, delivery) -> {
            try (var insert = transaction.prepareStatement("INSERT INTO effect VALUES (?, ?)")) {
                insert.setObject(1, delivery.envelope().id());
                insert.setLong(2, delivery.position());
                insert.executeUpdate();
            }
            handle(delivery);
        }).withRetry(THREE_QUICK_ATTEMPTS));

        assertThat(effectPositions()).containsExactly(1L, 4L);
        assertThat(fixture.parkedCount("uow-parking")).isEqualTo(3);

        poisonFails.set(false);
        fixture.admin().redrive("uow-parking", null);
        await("the parked events are delivered", () -> fixture.parkedCount("uow-parking") == 0);
        assertThat(effectPositions()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void a_handler_failing_with_an_assertion_error_is_retried_and_parked_like_any_failure() {
        fixture.append("test.ok", "x");
        fixture.append("test.ok", "y");
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.atLeastOnce("asserting", delivery -> {
            if (delivery.partitionKey().equals("x")) {
                throw new AssertionError("balance does not add up");
            }
            recorder.add(delivery);
        }).withRetry(THREE_QUICK_ATTEMPTS));
        bus.start();

        await("the cursor passes the log", () -> fixture.cursor("asserting") == 2);
        assertThat(recorder.positions()).containsExactly(2L);
        assertThat(fixture.admin().parked("asserting", 0, 10)).singleElement()
                .satisfies(parked -> assertThat(parked.reason()).isEqualTo("AssertionError: balance does not add up"));
    }

    @Test
    void redrive_of_an_unknown_subscription_is_refused_with_a_clear_message() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.admin().redrive("nobody", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no subscription named 'nobody'");
    }

    private List<Long> effectPositions() {
        return fixture.database.transactions().read(connection -> {
            List<Long> positions = new java.util.ArrayList<>();
            try (var rows = connection.createStatement().executeQuery("SELECT position FROM effect ORDER BY position")) {
                while (rows.next()) {
                    positions.add(rows.getLong(1));
                }
            }
            return positions;
        });
    }
}
