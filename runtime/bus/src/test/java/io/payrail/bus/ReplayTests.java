package io.payrail.bus;

import static io.payrail.bus.BusFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplayTests {
    private final BusFixture fixture = new BusFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private void appendEvents(int count) {
        for (int index = 0; index < count; index++) {
            fixture.append("test.happened", "key-" + index % 4);
        }
    }

    @Test
    void replaying_one_subscription_leaves_the_other_cursors_where_they_were() {
        appendEvents(20);
        Recorder replayed = new Recorder();
        Recorder untouched = new Recorder();
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.atLeastOnce("projection", replayed::add));
        bus.subscribe(Subscription.atLeastOnce("notifier", untouched::add));
        bus.start();
        await("both catch up", () -> fixture.cursor("projection") == 20 && fixture.cursor("notifier") == 20);

        ReplayProgress started = fixture.admin().replay("projection", "5", null);
        assertThat(started.epoch()).isEqualTo(2);
        await("the replay re-delivers 6..20", () -> replayed.size() == 35);

        assertThat(replayed.positions().subList(20, 35))
                .containsExactlyElementsOf(LongStream.rangeClosed(6, 20).boxed().toList());
        assertThat(replayed.all().subList(20, 35)).allSatisfy(delivery -> assertThat(delivery.epoch()).isEqualTo(2));
        // At-least-once cursors are committed asynchronously, shortly after the handler ran.
        await("the replayed cursor is committed at the head", () -> fixture.cursor("projection") == 20);
        assertThat(fixture.cursor("notifier")).isEqualTo(20);
        assertThat(fixture.epoch("notifier")).isEqualTo(1);
        assertThat(untouched.size()).isEqualTo(20);
    }

    @Test
    void a_replay_calls_the_reset_hook_of_the_new_epoch_before_delivering() {
        appendEvents(5);
        List<String> calls = new CopyOnWriteArrayList<>();
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.atLeastOnce("model", delivery -> calls.add("event " + delivery.position()
                + " epoch " + delivery.epoch())).withResetHook((transaction, epoch) -> calls.add("reset " + epoch)));
        bus.start();
        await("caught up", () -> fixture.cursor("model") == 5);

        fixture.admin().replay("model", "3", null);
        await("the replay is done", () -> calls.size() == 8);
        assertThat(calls.subList(5, 8)).containsExactly("reset 2", "event 4 epoch 2", "event 5 epoch 2");
        assertThat(fixture.queryLong("SELECT reset_epoch FROM bus_subscription WHERE name = ?", "model")).isEqualTo(2);
    }

    @Test
    void a_replay_from_a_time_starts_at_the_first_event_recorded_at_or_after_it() {
        appendEvents(3);
        fixture.clock.advance(Duration.ofHours(1));
        appendEvents(2);
        Recorder recorder = new Recorder();
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.atLeastOnce("by-time", recorder::add));
        bus.start();
        await("caught up", () -> fixture.cursor("by-time") == 5);

        ReplayProgress started = fixture.admin().replay("by-time", "2026-03-01T09:30:00Z", null);
        assertThat(started.position()).isEqualTo(3);
        await("the replay is done", () -> recorder.size() == 7);
        assertThat(recorder.positions().subList(5, 7)).containsExactly(4L, 5L);
    }

    @Test
    void a_replay_is_held_to_its_rate_cap_and_reports_progress() throws InterruptedException {
        appendEvents(10);
        Recorder recorder = new Recorder();
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.atLeastOnce("capped", recorder::add));
        bus.start();
        await("caught up", () -> fixture.cursor("capped") == 10);

        long startNanos = System.nanoTime();
        ReplayProgress started = fixture.admin().replay("capped", "0", 20);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        ReplayProgress done = fixture.admin().awaitReplay("capped", started.epoch(), Duration.ofSeconds(30),
                new PrintStream(lines, true, StandardCharsets.UTF_8));
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;

        assertThat(done.done()).isTrue();
        assertThat(recorder.size()).isEqualTo(20);
        // 10 events at 20/s cannot take less than 9 intervals of 50 ms on any machine.
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(450);
        assertThat(lines.toString(StandardCharsets.UTF_8)).contains("replay capped epoch 2: position 10 of 10");
        assertThat(fixture.admin().list()).filteredOn(summary -> summary.name().equals("capped"))
                .singleElement().satisfies(summary -> assertThat(summary.state()).isEqualTo("running"));
    }

    @Test
    void a_replay_asks_for_a_known_subscription_a_valid_start_and_a_sane_rate() {
        appendEvents(3);
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.atLeastOnce("known", delivery -> {}));
        SubscriptionAdmin admin = fixture.admin();

        assertThatThrownBy(() -> admin.replay("unknown", "0", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no subscription named 'unknown' (known: known)");
        assertThatThrownBy(() -> admin.replay("known", "yesterday", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 'yesterday'");
        assertThatThrownBy(() -> admin.replay("known", "99", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--from position 99 is beyond the head of the log (3)");
        assertThatThrownBy(() -> admin.replay("known", "0", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate must be");
        assertThat(fixture.epoch("known")).isEqualTo(1);
    }

    @Test
    void the_subscription_list_shows_cursor_lag_epoch_parked_count_and_state() {
        appendEvents(4);
        EventBus bus = fixture.newBus();
        bus.subscribe(Subscription.atLeastOnce("listed", delivery -> {}).withStartFrom(StartFrom.BEGINNING));
        List<SubscriptionSummary> before = fixture.admin().list();
        assertThat(before).containsExactly(new SubscriptionSummary("listed", 0, 4, 1, 0, "stopped"));

        bus.start();
        await("caught up", () -> fixture.cursor("listed") == 4);
        await("owned", () -> bus.owns("listed"));
        String text = SubscriptionAdmin.format(fixture.admin().list());
        assertThat(text.lines().toList()).hasSize(2);
        assertThat(text.lines().toList().get(1).split("\\s+")).containsExactly("listed", "4", "0", "1", "0", "running");
    }
}
