package io.payrail.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.queue.internal.RotationCursor;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.CharRange;

class BackoffProperties {
    @Property(tries = 200)
    void the_backoff_stays_within_its_growing_ceiling(@ForAll @LongRange(min = 0, max = 60_000) long baseMillis,
            @ForAll @LongRange(min = 0, max = 3_600_000) long extraMillis, @ForAll @IntRange(min = 1, max = 1_000) int receiveCount,
            @ForAll long seed) {
        Duration base = Duration.ofMillis(baseMillis);
        Duration max = base.plusMillis(extraMillis);
        Duration ceiling = Backoff.ceiling(base, max, receiveCount);
        Duration delay = Backoff.delay(base, max, receiveCount, new SplittableRandom(seed));
        assertThat(delay).isBetween(Duration.ZERO, ceiling);
        assertThat(ceiling).isLessThanOrEqualTo(max);
        double doubled = baseMillis * Math.pow(2, Math.min(receiveCount - 1, 62));
        assertThat(ceiling.toMillis()).isEqualTo((long) Math.min(max.toMillis(), doubled));
    }

    @Property(tries = 200)
    void the_same_seed_gives_the_same_backoff(@ForAll @IntRange(min = 1, max = 20) int receiveCount, @ForAll long seed) {
        Duration base = Duration.ofMillis(100);
        Duration max = Duration.ofMinutes(5);
        assertThat(Backoff.delay(base, max, receiveCount, new SplittableRandom(seed)))
                .isEqualTo(Backoff.delay(base, max, receiveCount, new SplittableRandom(seed)));
    }

    @Property(tries = 200)
    void a_receipt_handle_survives_its_text_form(@ForAll @LongRange(min = 1) long messageId,
            @ForAll @IntRange(min = 1) int receiveCount, @ForAll long token) {
        ReceiptHandle handle = new ReceiptHandle(messageId, receiveCount, token);
        assertThat(ReceiptHandle.parse(handle.encode())).isEqualTo(handle);
    }

    @Property(tries = 200)
    void the_rotation_cursor_moves_to_a_served_key_or_stays(
            @ForAll @StringLength(max = 4) @CharRange(from = 'a', to = 'e') String previous,
            @ForAll @Size(max = 6) List<@StringLength(min = 1, max = 4) @CharRange(from = 'a', to = 'e') String> served) {
        String next = RotationCursor.advance(previous, served);
        if (served.isEmpty()) {
            assertThat(next).isEqualTo(previous);
        } else {
            assertThat(served).contains(next);
            // Every served key lies between previous (exclusive) and next (inclusive) in rotation order.
            for (String key : served) {
                boolean wrapped = next.compareTo(previous) <= 0;
                boolean covered = wrapped ? key.compareTo(previous) > 0 || key.compareTo(next) <= 0
                        : key.compareTo(previous) > 0 && key.compareTo(next) <= 0;
                assertThat(covered).as("key %s with previous %s and next %s", key, previous, next).isTrue();
            }
        }
    }
}
