package io.payrail.http.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class GatewayBenchTests {
    @Test
    void a_short_run_reports_durable_commits_and_every_request_answered() {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        try (TestDatabase database = TestDatabase.create("platform")) {
            LinkedHashMap<String, String> results = GatewayBench.run(database.database(),
                    new GatewayBench.Options(50, 1, 0), new PrintStream(progress, true, StandardCharsets.UTF_8));
            assertThat(results.get("synchronous_commit")).isEqualTo("on");
            assertThat(results.get("requests")).isEqualTo("50");
            assertThat(Long.parseLong(results.get("ok")) + Long.parseLong(results.get("failed"))
                    + Long.parseLong(results.get("dropped"))).isEqualTo(50);
            assertThat(results.get("failed")).isEqualTo("0");
            assertThat(results).containsKeys("p99.0_ms", "achieved_rate", "max_ms");
            assertThat(Long.parseLong(database.transactions().read(connection -> {
                try (var rows = connection.createStatement().executeQuery("SELECT count(*) FROM idempotency_key")) {
                    rows.next();
                    return rows.getString(1);
                }
            }))).isEqualTo(Long.parseLong(results.get("ok")));
        }
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("synchronous_commit=on");
    }
}
