package io.payrail.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckpointsTests {

    @Test
    void a_requested_checkpoint_is_counted_as_completed() throws Exception {
        try (TestDatabase database = TestDatabase.create("platform")) {
            long before = Checkpoints.completed(database.dataSource());

            Checkpoints.requestAfter(database.dataSource(), Duration.ZERO);

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (Checkpoints.completed(database.dataSource()) == before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Checkpoints.completed(database.dataSource())).isGreaterThan(before);
        }
    }

    @Test
    void a_cancelled_request_asks_for_no_checkpoint() throws Exception {
        try (TestDatabase database = TestDatabase.create("platform")) {
            long before = Checkpoints.completed(database.dataSource());

            Checkpoints.requestAfter(database.dataSource(), Duration.ofMillis(300)).close();
            Thread.sleep(600);

            assertThat(Checkpoints.completed(database.dataSource())).isEqualTo(before);
        }
    }

    @Test
    void a_figure_shorter_than_the_checkpoint_timeout_gets_a_checkpoint_halfway_and_a_longer_one_relies_on_the_server()
            throws Exception {
        try (TestDatabase database = TestDatabase.create("platform")) {
            assertThat(Checkpoints.checkpointTimeout(database.dataSource())).isEqualTo(Duration.ofMinutes(5));
            long before = Checkpoints.completed(database.dataSource());

            Checkpoints.spanning(database.dataSource(), Duration.ZERO, Duration.ofHours(1)).close();
            Thread.sleep(300);
            assertThat(Checkpoints.completed(database.dataSource())).isEqualTo(before);

            Checkpoints.spanning(database.dataSource(), Duration.ZERO, Duration.ofMillis(200));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (Checkpoints.completed(database.dataSource()) == before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Checkpoints.completed(database.dataSource())).isGreaterThan(before);
        }
    }
}
