package io.payrail.queue.bench;

import io.payrail.platform.Database;
import io.payrail.platform.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * Diagnosis of a {@link QueueBench} run: every second, the rows inserted, updated (received) and
 * deleted, the commits, the live and dead rows of queue_message and the CPU so far; slow statements'
 * plans are logged by auto_explain to {@code LOG_DIRECTORY}.
 * {@code java -cp ... QueueDiagnosisRun MESSAGES CONSUMERS BATCH PRODUCERS LOG_DIRECTORY SLOW_MS}
 */
public final class QueueDiagnosisRun {
    private QueueDiagnosisRun() {}

    public static void main(String[] args) throws Exception {
        QueueBenchOptions options = new QueueBenchOptions(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Integer.parseInt(args[3]), 0, 1);
        Path directory = Files.createTempDirectory("payrail-queue-diagnosis");
        Map<String, String> settings = Map.of("shared_preload_libraries", "auto_explain",
                "auto_explain.log_min_duration", args[5] + "ms", "auto_explain.log_analyze", "on",
                "auto_explain.log_buffers", "on", "auto_explain.log_nested_statements", "on",
                "logging_collector", "on", "log_directory", args[4], "log_autovacuum_min_duration", "0");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0, settings);
                Database database = Database.onServer(server, "postgres", 32)) {
            Thread sampler = Thread.ofPlatform().daemon().start(() -> sample(database, server));
            ProcessCpu before = ProcessCpu.sample(server.dataDirectory());
            QueueBench.run(database, options, System.err).forEach((key, value) -> System.out.println(key + "=" + value));
            ProcessCpu used = ProcessCpu.sample(server.dataDirectory()).minus(before);
            sampler.interrupt();
            System.out.println("cpu_jvm_ms=" + used.jvmMillis());
            System.out.println("cpu_postgres_ms=" + used.postgresMillis());
        }
    }

    private static void sample(Database database, EmbeddedPostgresServer server) {
        String sql = """
                SELECT t.n_tup_ins, t.n_tup_upd, t.n_tup_hot_upd, t.n_tup_del, t.n_live_tup, t.n_dead_tup,
                       d.xact_commit, t.autovacuum_count, (SELECT count(*) FROM queue_message)
                FROM pg_stat_user_tables t, pg_stat_database d
                WHERE t.relname = 'queue_message' AND d.datname = current_database()
                """;
        long[] last = new long[9];
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            long second = 0;
            ProcessCpu lastCpu = ProcessCpu.sample(server.dataDirectory());
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                second++;
                statement.execute("SELECT pg_stat_clear_snapshot()");
                try (ResultSet rows = statement.executeQuery("SELECT to_regclass('queue_message') IS NOT NULL")) {
                    rows.next();
                    if (!rows.getBoolean(1)) {
                        continue;
                    }
                }
                try (ResultSet rows = statement.executeQuery(sql)) {
                    if (!rows.next()) {
                        continue;
                    }
                    long[] now = new long[9];
                    for (int column = 0; column < 9; column++) {
                        now[column] = rows.getLong(column + 1);
                    }
                    ProcessCpu cpu = ProcessCpu.sample(server.dataDirectory());
                    ProcessCpu used = cpu.minus(lastCpu);
                    lastCpu = cpu;
                    System.err.printf("  t=%3d ins %6d upd %6d (hot %6d) del %6d commits %5d | backlog %6d live %6d dead %6d vacuums %d | cpu pg %4d jvm %4d ms%n",
                            second, now[0] - last[0], now[1] - last[1], now[2] - last[2], now[3] - last[3], now[6] - last[6],
                            now[8], now[4], now[5], now[7], used.postgresMillis(), used.jvmMillis());
                    last = now;
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (Exception failure) {
            System.err.println("sampler stopped: " + failure);
        }
    }
}
