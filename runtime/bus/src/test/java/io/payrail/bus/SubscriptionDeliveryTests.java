package io.payrail.bus;

import static io.payrail.bus.BusFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubscriptionDeliveryTests {
    private final BusFixture fixture = new BusFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void an_at_least_once_handler_gets_every_event_once_in_log_order() {
        for (int index = 0; index < 50; index++) {
            fixture.append("test.happened", "key-" + index % 5);
        }
        Recorder recorder = new Recorder();
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.atLeastOnce("audit", recorder::add));
        bus.start();

        await("the 50 events are delivered", () -> fixture.cursor("audit") == 50);
        assertThat(recorder.positions()).containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(recorder.all()).allSatisfy(delivery -> {
            assertThat(delivery.attempt()).isEqualTo(1);
            assertThat(delivery.epoch()).isEqualTo(1);
        });
    }

    @Test
    void events_appended_while_running_are_delivered_after_the_earlier_ones() {
        Recorder recorder = new Recorder();
        EventBus bus = fixture.newBus();
        fixture.store.onAppend(bus::wake);
        bus.subscribe(Subscription.atLeastOnce("live", recorder::add));
        bus.start();
        for (int index = 0; index < 30; index++) {
            fixture.append("test.happened", "key-" + index % 3);
        }
        await("30 events are delivered", () -> fixture.cursor("live") == 30);
        assertThat(recorder.positions()).isSorted().doesNotHaveDuplicates().hasSize(30);
    }

    @Test
    void a_rule_filters_what_reaches_the_handler_while_the_cursor_moves_past_the_rest() {
        fixture.append("payments.payment.settled", "p-1");
        fixture.append("ledger.transfer.posted", "t-1");
        fixture.append("payments.payment.failed", "p-2");
        Recorder recorder = new Recorder();
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.atLeastOnce("payments", recorder::add)
                .withRule(Rule.parse("{\"detail-type\": [{\"prefix\": \"payments.\"}]}")));
        bus.start();

        await("the cursor passes the log", () -> fixture.cursor("payments") == 3);
        assertThat(recorder.positions()).containsExactly(1L, 3L);
    }

    @Test
    void a_subscription_starting_from_the_head_sees_only_new_events() {
        fixture.append("test.old", "a");
        fixture.append("test.old", "b");
        Recorder recorder = new Recorder();
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.atLeastOnce("fresh", recorder::add).withStartFrom(StartFrom.HEAD));
        bus.start();
        long position = fixture.append("test.new", "c");

        await("the new event is delivered", () -> recorder.size() == 1);
        assertThat(recorder.positions()).containsExactly(position);
    }

    @Test
    void a_restarted_bus_continues_from_the_committed_cursor() {
        for (int index = 0; index < 10; index++) {
            fixture.append("test.happened", "k");
        }
        EventBus first = fixture.newBus();
        first.subscribe(Subscription.atLeastOnce("durable", delivery -> {}));
        first.start();
        await("the first bus commits the cursor", () -> fixture.cursor("durable") == 10);
        first.close();

        fixture.append("test.happened", "k");
        Recorder recorder = new Recorder();
        EventBus second = fixture.newBus();
        second.subscribe(Subscription.atLeastOnce("durable", recorder::add).withStartFrom(StartFrom.BEGINNING));
        second.start();
        await("the new event is delivered", () -> fixture.cursor("durable") == 11);
        assertThat(recorder.positions()).containsExactly(11L);
    }

    @Test
    void in_parallel_delivery_each_partition_key_keeps_its_order() {
        List<String> keys = new ArrayList<>();
        for (int index = 0; index < 300; index++) {
            String key = "key-" + index % 10;
            keys.add(key);
            fixture.append("test.happened", key);
        }
        Recorder recorder = new Recorder();
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.atLeastOnce("parallel", recorder::add).withParallelism(4));
        bus.start();

        await("all events are delivered", () -> fixture.cursor("parallel") == 300);
        assertThat(recorder.size()).isEqualTo(300);
        for (String key : keys.stream().distinct().toList()) {
            assertThat(recorder.positionsOf(key)).hasSize(30).isSorted();
        }
    }

    @Test
    void a_failing_event_is_retried_with_growing_backoff_until_it_succeeds() {
        fixture.append("test.flaky", "k");
        AtomicInteger calls = new AtomicInteger();
        Recorder recorder = new Recorder();
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.atLeastOnce("flaky", delivery -> {
            recorder.add(delivery);
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("partner timed out");
            }
        }).withRetry(new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(10))));
        bus.start();

        await("the event is handled", () -> fixture.cursor("flaky") == 1);
        assertThat(recorder.all()).extracting(Delivery::attempt).containsExactly(1, 2, 3);
        assertThat(fixture.parkedCount("flaky")).isZero();
    }

    @Test
    void only_one_bus_processes_a_subscription_and_another_takes_over_when_it_stops() {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostConcurrent = new AtomicInteger();
        Recorder recorder = new Recorder();
        EventHandler handler = delivery -> {
            mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            recorder.add(delivery);
            Thread.sleep(1);
            concurrent.decrementAndGet();
        };
        EventBus first = fixture.newBus();
        EventBus second = fixture.newBus();
        first.subscribe(Subscription.atLeastOnce("single", handler));
        second.subscribe(Subscription.atLeastOnce("single", handler));
        first.start();
        second.start();
        for (int index = 0; index < 100; index++) {
            fixture.append("test.happened", "k" + index % 7);
        }
        await("one bus owns the subscription", () -> first.owns("single") || second.owns("single"));
        assertThat(first.owns("single") && second.owns("single")).isFalse();
        await("the events are delivered", () -> fixture.cursor("single") == 100);

        EventBus owner = first.owns("single") ? first : second;
        EventBus other = owner == first ? second : first;
        owner.close();
        await("the other bus takes over", () -> other.owns("single"));
        fixture.append("test.happened", "k");
        await("the next event is delivered", () -> fixture.cursor("single") == 101);
        assertThat(mostConcurrent.get()).isEqualTo(1);
        assertThat(recorder.positions()).containsExactlyElementsOf(LongStream.rangeClosed(1, 101).boxed().toList());
    }

    @Test
    void registering_a_subscription_twice_on_one_bus_is_refused() {
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.atLeastOnce("twice", delivery -> {}));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> bus.subscribe(Subscription.atLeastOnce("twice", delivery -> {})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void a_bad_subscription_name_or_parallel_unit_of_work_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Subscription.atLeastOnce("Bad Name", d -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Bad Name'");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Subscription.inTransaction("uow", (c, d) -> {}).withParallelism(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism must be 1");
    }
}
