package io.payrail.queue.bench;

import io.payrail.platform.Database;
import io.payrail.platform.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs {@link QueueBench} on a fresh embedded PostgreSQL in a temporary directory:
 * {@code java -cp ... io.payrail.queue.bench.QueueBenchRun MESSAGES CONSUMERS BATCH PRODUCERS RATE SECONDS}.
 */
public final class QueueBenchRun {
    private QueueBenchRun() {}

    public static void main(String[] args) throws Exception {
        QueueBenchOptions defaults = QueueBenchOptions.defaults();
        QueueBenchOptions options = new QueueBenchOptions(
                argument(args, 0, defaults.messages()), argument(args, 1, defaults.consumers()),
                argument(args, 2, defaults.batch()), argument(args, 3, defaults.producers()),
                argument(args, 4, defaults.latencyRatePerSecond()), argument(args, 5, defaults.latencySeconds()));
        Path directory = Files.createTempDirectory("payrail-queue-bench");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0);
                Database database = Database.onServer(server, "postgres", 32)) {
            ProcessCpu before = ProcessCpu.sample(server.dataDirectory());
            QueueBench.run(database, options, System.err).forEach((key, value) -> System.out.println(key + "=" + value));
            // The whole run: warm-up, throughput and latency parts (see docs/queue.md for the per-message figure).
            ProcessCpu used = ProcessCpu.sample(server.dataDirectory()).minus(before);
            System.out.println("cpu_jvm_ms=" + used.jvmMillis());
            System.out.println("cpu_postgres_ms=" + used.postgresMillis());
        } finally {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static int argument(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
