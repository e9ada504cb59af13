package io.payrail.queue.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class QueueBenchTests {
    @Test
    void a_short_bench_moves_every_message_through_and_reports_the_latency_of_each_second() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (TestDatabase database = TestDatabase.create("platform", "queue")) {
            LinkedHashMap<String, String> results = QueueBench.run(database.database(),
                    new QueueBenchOptions(300, 2, 10, 2, 50, 2), new PrintStream(progress, true, StandardCharsets.UTF_8));

            assertThat(results.get("synchronous_commit")).isEqualTo("on");
            assertThat(Long.parseLong(results.get("queue_messages_per_second"))).isPositive();
            assertThat(results.get("queue_latency_messages_received")).isEqualTo("100/100");
            assertThat(Double.parseDouble(results.get("queue_latency_ms_p99"))).isPositive();
            assertThat(results.get("queue_latency_ms_max_per_second").split(",")).hasSize(3);
            assertThat(results.get("queue_latency_consumer_slots")).isEqualTo("64");
            assertThat(Integer.parseInt(results.get("queue_latency_consumer_handlers_max"))).isBetween(1, 64);
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("300 messages sent, received and deleted");
        }
    }

    @Test
    void the_latency_consumer_has_at_least_the_minimum_of_slots_and_more_when_consumers_times_batch_is_more() {
        assertThat(LatencyRun.consumerSlots(new QueueBenchOptions(100, 16, 1, 16, 2_000, 10))).isEqualTo(64);
        assertThat(LatencyRun.consumerSlots(new QueueBenchOptions(100, 8, 10, 8, 2_000, 10))).isEqualTo(80);
    }

    @Test
    void bad_options_are_refused_with_the_bad_value() {
        assertThatThrownBy(() -> new QueueBenchOptions(0, 4, 10, 4, 2_000, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--messages must be 1 to 10000000, got 0");
        assertThatThrownBy(() -> QueueBenchOptions.defaults().with(100, 4, 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--batch must be 1 to 10, got 11");
    }
}
