package io.payrail.queue.bench;

import io.payrail.platform.Database;
import io.payrail.platform.EmbeddedPostgresServer;
import io.payrail.platform.Migrations;
import io.payrail.queue.ConsumerOptions;
import io.payrail.queue.OutgoingMessage;
import io.payrail.queue.QueueAdmin;
import io.payrail.queue.QueueConsumer;
import io.payrail.queue.QueueDefinition;
import io.payrail.queue.Queues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The fairness figure: one tenant has a backlog of BACKLOG messages that a consumer works through
 * as fast as it can, while another tenant sends RATE messages/s for SECONDS; prints the light
 * tenant's delivery latency (from just before its send call to its handler, so the send counts) and the
 * heavy tenant's rate.
 * {@code java -cp ... io.payrail.queue.bench.FairnessBenchRun BACKLOG RATE SECONDS CONCURRENCY}.
 */
public final class FairnessBenchRun {
    private static final String QUEUE = "bench.fairness";

    private FairnessBenchRun() {}

    public static void main(String[] args) throws Exception {
        int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        Path directory = Files.createTempDirectory("payrail-queue-fairness");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0);
                Database database = Database.onServer(server, "postgres", 32)) {
            Migrations.apply(database.dataSource(), List.of("platform", "queue"));
            Queues queues = new Queues(database.dataSource(), new SplittableRandom(11));
            new QueueAdmin(queues).define(QueueDefinition.standard(QUEUE));
            try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("""
                        INSERT INTO queue_message (queue_id, tenant_id, visible_at, sent_at, body)
                        SELECT q.id, 'tenant-heavy', now(), now(), 'backlog ' || n
                        FROM queue_definition q, generate_series(1, %d) AS n WHERE q.name = '%s'
                        """.formatted(backlog, QUEUE));
                statement.execute("ANALYZE queue_message");
            }
            System.err.printf("backlog of %d messages in place; light tenant sends %d/s for %d s%n", backlog, rate, seconds);
            Histogram light = new Histogram(60_000_000L, 3);
            AtomicLong heavy = new AtomicLong();
            long start = System.nanoTime();
            try (QueueConsumer consumer = QueueConsumer.start(queues, ConsumerOptions.of(QUEUE, concurrency), message -> {
                if (message.tenantId().equals("tenant-light")) {
                    long micros = (System.nanoTime() - Long.parseLong(message.body())) / 1_000;
                    synchronized (light) {
                        light.recordValue(Math.max(0, micros));
                    }
                } else {
                    heavy.incrementAndGet();
                }
            })) {
                for (int index = 0; index < rate * seconds; index++) {
                    long due = start + index * 1_000_000_000L / rate;
                    Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                    queues.send(QUEUE, OutgoingMessage.of("tenant-light", Long.toString(System.nanoTime())));
                }
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (light.getTotalCount() < (long) rate * seconds && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                System.out.printf("fairness_consumer_receive_calls=%d%n", consumer.receiveCalls());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("fairness_light_received=%d/%d%n", light.getTotalCount(), rate * seconds);
            System.out.printf("fairness_light_latency_ms_p50=%.1f%n", light.getValueAtPercentile(50) / 1000.0);
            System.out.printf("fairness_light_latency_ms_p99=%.1f%n", light.getValueAtPercentile(99) / 1000.0);
            System.out.printf("fairness_light_latency_ms_max=%.1f%n", light.getMaxValue() / 1000.0);
            System.out.printf("fairness_heavy_messages_per_second=%.0f%n", heavy.get() / elapsed);
        } finally {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
