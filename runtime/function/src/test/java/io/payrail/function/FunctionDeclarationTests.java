package io.payrail.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FunctionDeclarationTests {
    private static final FunctionHandler NOTHING = context -> null;

    @Test
    void a_function_has_exactly_one_trigger() {
        FunctionDeclaration.Builder builder = FunctionDeclaration.named("payments.settle").trigger(new Trigger.Queue("a"));

        assertThatThrownBy(() -> builder.trigger(new Trigger.Queue("b")))
                .hasMessageContaining("a function has exactly one trigger");
        assertThatThrownBy(() -> FunctionDeclaration.named("no-trigger").handler(NOTHING))
                .hasMessage("trigger must not be null");
    }

    @Test
    void names_and_triggers_are_checked_with_the_bad_value_in_the_message() {
        assertThatThrownBy(() -> FunctionDeclaration.named("Payments Settle").trigger(new Trigger.Queue("a")).handler(NOTHING))
                .hasMessageContaining("got 'Payments Settle'");
        assertThatThrownBy(() -> new Trigger.Http("TRACE", "/x")).hasMessageContaining("got 'TRACE'");
        assertThatThrownBy(() -> new Trigger.Http("GET", "x")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> new Trigger.Rule("r", "[1]")).hasMessageContaining("pattern must be a JSON object");
        assertThatThrownBy(() -> new Trigger.Queue("bad queue")).hasMessageContaining("got 'bad queue'");
        assertThatThrownBy(() -> FunctionDeclaration.named("twice").trigger(new Trigger.Queue("a"))
                .publishes("x.y", "x.y").handler(NOTHING)).hasMessageContaining("publishes lists an event type twice");
    }

    @Test
    void limits_are_bounded() {
        assertThatThrownBy(() -> Limits.DEFAULT.withTimeout(Duration.ofMinutes(16))).hasMessageContaining("at most PT15M, got PT16M");
        assertThatThrownBy(() -> Limits.DEFAULT.withTimeout(Duration.ZERO)).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> Limits.DEFAULT.withReservedConcurrency(0)).hasMessageContaining("1..1000, got 0");
        assertThatThrownBy(() -> Limits.DEFAULT.withMaxPayloadBytes(7 * 1024 * 1024)).hasMessageContaining("maxPayloadBytes");
        assertThatThrownBy(() -> new RetryPolicy(21, Duration.ZERO, Duration.ZERO)).hasMessageContaining("1..20, got 21");
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessageContaining("initialBackoff");
    }

    @Test
    void backoff_doubles_up_to_its_maximum_with_half_of_it_jittered() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(500));
        Random random = new Random(11);
        for (int round = 0; round < 100; round++) {
            assertThat(policy.backoffAfter(1, random)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(policy.backoffAfter(3, random)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(policy.backoffAfter(5, random)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        }
        assertThat(policy.totalBackoffMax()).isEqualTo(Duration.ofMillis(100 + 200 + 400 + 500 + 500));
        assertThat(Limits.DEFAULT.withRetry(policy).worstCaseDuration()).isEqualTo(Duration.ofSeconds(30 * 6).plusMillis(1_700));
    }
}
