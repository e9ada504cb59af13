package io.payrail.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CronExpressionTests {
    private static Instant at(String text) {
        return Instant.parse(text);
    }

    private static List<Instant> next(String cron, String from, int count) {
        CronExpression expression = CronExpression.parse(cron);
        List<Instant> ticks = new ArrayList<>();
        Instant time = at(from);
        for (int index = 0; index < count; index++) {
            time = expression.nextAfter(time).orElseThrow();
            ticks.add(time);
        }
        return ticks;
    }

    @Test
    void every_minute_ticks_at_each_following_minute() {
        assertThat(next("* * * * *", "2026-01-05T09:00:30Z", 3))
                .containsExactly(at("2026-01-05T09:01:00Z"), at("2026-01-05T09:02:00Z"), at("2026-01-05T09:03:00Z"));
    }

    @Test
    void the_next_tick_is_strictly_after_the_given_time() {
        assertThat(next("0 9 * * *", "2026-01-05T09:00:00Z", 1)).containsExactly(at("2026-01-06T09:00:00Z"));
    }

    @Test
    void lists_ranges_and_steps_combine() {
        assertThat(next("0,30 8-9 * * *", "2026-01-05T00:00:00Z", 5)).containsExactly(
                at("2026-01-05T08:00:00Z"), at("2026-01-05T08:30:00Z"), at("2026-01-05T09:00:00Z"),
                at("2026-01-05T09:30:00Z"), at("2026-01-06T08:00:00Z"));
        assertThat(next("*/15 * * * *", "2026-01-05T10:01:00Z", 3))
                .containsExactly(at("2026-01-05T10:15:00Z"), at("2026-01-05T10:30:00Z"), at("2026-01-05T10:45:00Z"));
        assertThat(next("10-40/10 * * * *", "2026-01-05T10:00:00Z", 5)).containsExactly(
                at("2026-01-05T10:10:00Z"), at("2026-01-05T10:20:00Z"), at("2026-01-05T10:30:00Z"),
                at("2026-01-05T10:40:00Z"), at("2026-01-05T11:10:00Z"));
        assertThat(next("50/5 * * * *", "2026-01-05T10:00:00Z", 3))
                .containsExactly(at("2026-01-05T10:50:00Z"), at("2026-01-05T10:55:00Z"), at("2026-01-05T11:50:00Z"));
    }

    @Test
    void weekdays_at_nine_skip_the_weekend() {
        // 2026-01-09 is a Friday.
        assertThat(next("0 9 * * 1-5", "2026-01-09T10:00:00Z", 1)).containsExactly(at("2026-01-12T09:00:00Z"));
        assertThat(next("0 9 * * MON-FRI", "2026-01-09T10:00:00Z", 1)).containsExactly(at("2026-01-12T09:00:00Z"));
    }

    @Test
    void sunday_is_both_zero_and_seven() {
        assertThat(next("0 0 * * 0", "2026-01-05T00:00:00Z", 1)).containsExactly(at("2026-01-11T00:00:00Z"));
        assertThat(next("0 0 * * 7", "2026-01-05T00:00:00Z", 1)).containsExactly(at("2026-01-11T00:00:00Z"));
        assertThat(next("0 0 * * SUN", "2026-01-05T00:00:00Z", 1)).containsExactly(at("2026-01-11T00:00:00Z"));
    }

    @Test
    void month_names_and_month_ends_are_handled() {
        assertThat(next("0 0 31 * *", "2026-01-31T00:00:00Z", 2))
                .containsExactly(at("2026-03-31T00:00:00Z"), at("2026-05-31T00:00:00Z"));
        assertThat(next("0 12 1 JAN,JUL *", "2026-01-05T00:00:00Z", 2))
                .containsExactly(at("2026-07-01T12:00:00Z"), at("2027-01-01T12:00:00Z"));
        assertThat(next("0 0 29 2 *", "2026-01-01T00:00:00Z", 1)).containsExactly(at("2028-02-29T00:00:00Z"));
    }

    @Test
    void a_restricted_day_of_month_and_day_of_week_match_either() {
        // The 13th, or any Friday: 2026-02-06 is a Friday, 2026-02-13 is a Friday too.
        assertThat(next("0 0 13 * 5", "2026-02-01T00:00:00Z", 3)).containsExactly(
                at("2026-02-06T00:00:00Z"), at("2026-02-13T00:00:00Z"), at("2026-02-20T00:00:00Z"));
        // With a star day of week, the day of month alone decides.
        assertThat(next("0 0 13 * *", "2026-02-01T00:00:00Z", 1)).containsExactly(at("2026-02-13T00:00:00Z"));
    }

    @Test
    void an_impossible_date_has_no_next_tick() {
        assertThat(CronExpression.parse("0 0 30 2 *").nextAfter(at("2026-01-01T00:00:00Z"))).isEqualTo(Optional.empty());
    }

    @Test
    void bad_expressions_are_rejected_with_the_field_named() {
        assertThatThrownBy(() -> CronExpression.parse("* * * *")).hasMessageContaining("5 fields");
        assertThatThrownBy(() -> CronExpression.parse("60 * * * *")).hasMessageContaining("minute field '60'");
        assertThatThrownBy(() -> CronExpression.parse("* 24 * * *")).hasMessageContaining("hour field");
        assertThatThrownBy(() -> CronExpression.parse("* * 0 * *")).hasMessageContaining("day of month field");
        assertThatThrownBy(() -> CronExpression.parse("* * * 13 *")).hasMessageContaining("month field");
        assertThatThrownBy(() -> CronExpression.parse("* * * * 8")).hasMessageContaining("day of week field");
        assertThatThrownBy(() -> CronExpression.parse("*/0 * * * *")).hasMessageContaining("step must be");
        assertThatThrownBy(() -> CronExpression.parse("5-1 * * * *")).hasMessageContaining("range's start before its end");
        assertThatThrownBy(() -> CronExpression.parse("a * * * *")).hasMessageContaining("'A' is not a number");
        assertThatThrownBy(() -> CronExpression.parse("1,,2 * * * *")).hasMessageContaining("not a value");
        assertThatThrownBy(() -> CronExpression.parse("1-2-3 * * * *")).hasMessageContaining("not a range");
    }

    @Property(tries = 200)
    void every_tick_of_a_minute_and_hour_expression_matches_its_fields(
            @ForAll @IntRange(min = 0, max = 59) int minute,
            @ForAll @IntRange(min = 0, max = 23) int hour,
            @ForAll @IntRange(min = 0, max = 1_000_000_000) int secondsFromStart) {
        Instant from = at("2026-01-01T00:00:00Z").plusSeconds(secondsFromStart);
        Instant tick = CronExpression.parse(minute + " " + hour + " * * *").nextAfter(from).orElseThrow();
        assertThat(tick).isAfter(from);
        assertThat(tick.getEpochSecond() % 60).isZero();
        assertThat((tick.getEpochSecond() / 60) % 60).isEqualTo(minute);
        assertThat((tick.getEpochSecond() / 3600) % 24).isEqualTo(hour);
        assertThat(tick).isBeforeOrEqualTo(from.plusSeconds(86_400));
    }
}
