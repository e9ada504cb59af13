package io.payrail.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTests {
    @Test
    void rates_parse_in_every_unit_and_print_back() {
        assertThat(ScheduleExpression.parse("rate(5 minutes)")).isEqualTo(new ScheduleExpression.Rate(Duration.ofMinutes(5)));
        assertThat(ScheduleExpression.parse("rate(1 hour)")).isEqualTo(new ScheduleExpression.Rate(Duration.ofHours(1)));
        assertThat(ScheduleExpression.parse("rate(2 days)").text()).isEqualTo("rate(2 days)");
        assertThat(ScheduleExpression.parse("rate(90 seconds)").text()).isEqualTo("rate(90 seconds)");
        assertThat(ScheduleExpression.parse(" cron(0 9 * * 1-5) ").text()).isEqualTo("cron(0 9 * * 1-5)");
    }

    @Test
    void rate_ticks_are_aligned_on_the_epoch_so_every_node_agrees() {
        ScheduleExpression everyFive = ScheduleExpression.parse("rate(5 minutes)");
        assertThat(everyFive.nextAfter(Instant.parse("2026-01-05T09:02:10Z"))).contains(Instant.parse("2026-01-05T09:05:00Z"));
        assertThat(everyFive.nextAfter(Instant.parse("2026-01-05T09:05:00Z"))).contains(Instant.parse("2026-01-05T09:10:00Z"));
    }

    @Test
    void bad_schedules_are_rejected_with_a_clear_message() {
        assertThatThrownBy(() -> ScheduleExpression.parse("every 5 minutes")).hasMessageContaining("cron(m h dom mon dow) or rate(");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(1 minutes)")).hasMessageContaining("singular for 1");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(5 minute)")).hasMessageContaining("plural otherwise");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(5 weeks)")).hasMessageContaining("seconds, minutes, hours or days");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(0 minutes)")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ScheduleExpression.parse("rate(400 days)")).hasMessageContaining("at most");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 9 * *)")).hasMessageContaining("5 fields");
    }
}
