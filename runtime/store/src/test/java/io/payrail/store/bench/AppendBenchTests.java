package io.payrail.store.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class AppendBenchTests {
    @Test
    void a_short_bench_reports_every_figure_with_durable_commits() {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (TestDatabase database = TestDatabase.create("platform", "store")) {
            LinkedHashMap<String, String> results = AppendBench.run(database.database(),
                    new AppendBench.Options(4, 10, 100, 1, 50), new PrintStream(progress, true, StandardCharsets.UTF_8));

            assertThat(results.get("synchronous_commit")).isEqualTo("on");
            assertThat(Long.parseLong(results.get("events_appended_per_second"))).isPositive();
            assertThat(Long.parseLong(results.get("events_appended_per_second_batch_10"))).isPositive();
            assertThat(Double.parseDouble(results.get("append_latency_ms_p99"))).isPositive();
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("events_appended_per_second=");
        }
    }

    @Test
    void bad_options_are_refused_with_the_bad_value() {
        assertThatThrownBy(() -> new AppendBench.Options(0, 100, 10_000, 60, 5_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writers must be 1..1000, got 0");
        assertThatThrownBy(() -> AppendBench.Options.defaults().withDurationSeconds(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seconds must be 1..3600, got 0");
    }
}
