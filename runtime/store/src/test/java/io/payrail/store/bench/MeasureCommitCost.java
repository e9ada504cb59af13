package io.payrail.store.bench;

import io.payrail.platform.Database;
import io.payrail.platform.EmbeddedPostgresServer;
import io.payrail.platform.Migrations;
import io.payrail.store.ExpectedRevision;
import io.payrail.store.SchemaRegistry;
import io.payrail.store.internal.AppendValidator;
import io.payrail.store.internal.LogWriter;
import io.payrail.store.internal.PreparedAppend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Server CPU and wall time of one group commit of N bench events (one event per append, streams
 * picked among 10,000), the insert statement against COPY, alternating, on one idle connection:
 * {@code MeasureCommitCost <events per commit> <commits per pass> [passes] [prefill events]}. The
 * backend's CPU comes from /proc (10 ms ticks, so passes should last a second or more).
 */
public final class MeasureCommitCost {
    private MeasureCommitCost() {}

    public static void main(String[] arguments) throws Exception {
        int events = Integer.parseInt(arguments[0]);
        int commits = Integer.parseInt(arguments[1]);
        int passes = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 4;
        int prefill = arguments.length > 3 ? Integer.parseInt(arguments[3]) : 100_000;
        AppendValidator validator = new AppendValidator(SchemaRegistry.lenient(), 256 * 1024);
        SplittableRandom random = new SplittableRandom(1);
        Path directory = Files.createTempDirectory("measure-commit-cost");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0);
                Database database = Database.onServer(server, "postgres", 2)) {
            Migrations.apply(database.dataSource(), List.of("platform", "store"));
            LogWriter copying = new LogWriter("payrail_log", 1);
            LogWriter inserting = new LogWriter("payrail_log", Integer.MAX_VALUE);
            try (Connection connection = database.dataSource().getConnection()) {
                connection.setAutoCommit(false);
                for (int done = 0; done < prefill; done += 1_000) {
                    copying.writeAndCommit(connection, appends(validator, random, 1_000), Instant.now());
                }
                long backend = backendPid(connection);
                System.err.println("backend pid " + backend);
                Thread.sleep(Long.getLong("measure.pauseMillis", 0));
                for (int pass = 0; pass < passes * 2; pass++) {
                    String only = System.getProperty("measure.only", "");
                    LogWriter writer = only.equals("copy") ? copying : only.equals("insert") ? inserting
                            : pass % 2 == 0 ? inserting : copying;
                    List<List<PreparedAppend>> batches = new ArrayList<>();
                    for (int commit = 0; commit < commits; commit++) {
                        batches.add(appends(validator, random, events));
                    }
                    long cpuBefore = cpuMicros(backend);
                    long start = System.nanoTime();
                    for (List<PreparedAppend> batch : batches) {
                        writer.writeAndCommit(connection, batch, Instant.now());
                    }
                    long wall = (System.nanoTime() - start) / 1_000;
                    long cpu = cpuMicros(backend) - cpuBefore;
                    System.err.printf("%s: %d events per commit: %.0f us wall, %.0f us backend CPU per commit (%.1f us per event)%n",
                            writer == copying ? "copy  " : "insert", events, (double) wall / commits, (double) cpu / commits,
                            (double) cpu / commits / events);
                }
            }
        } finally {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static List<PreparedAppend> appends(AppendValidator validator, SplittableRandom random, int events) {
        List<PreparedAppend> appends = new ArrayList<>(events);
        for (int index = 0; index < events; index++) {
            appends.add(((AppendValidator.Ready) validator.check("bench-" + random.nextInt(10_000), ExpectedRevision.any(),
                    List.of(BenchEvents.event(random, Instant.EPOCH)))).append());
        }
        return appends;
    }

    private static long backendPid(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
            result.next();
            long pid = result.getLong(1);
            connection.commit();
            return pid;
        }
    }

    /** utime + stime of one process, in microseconds (10 ms ticks). */
    private static long cpuMicros(long pid) throws Exception {
        String line = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000;
    }
}
