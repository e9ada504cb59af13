package io.payrail.http.bench;

import io.payrail.platform.Database;
import io.payrail.platform.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A manual bench runner (not a test): embedded PostgreSQL in a temp directory, {@link EchoServer},
 * then wrk from loopback as {@code payrail bench http} runs it, plus CPU per request of this JVM
 * and of the PostgreSQL processes (from /proc), and the load average before and after. Run it
 * under the shared bench lock with the module's test class path:
 * {@code flock /tmp/payrail-bench.lock java -cp ... io.payrail.http.bench.RunEchoBench <connections,...> <seconds> <wrkThreads,...> [runs]}
 * ({@code -Dbench.eagerClaim=true} measures the default claim-first path, {@code -Dbench.pool=N} the pool size).
 */
public final class RunEchoBench {
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    /** Long enough for the JIT to finish compiling the hot path (its threads are not counted below). */
    private static final int WARM_UP_SECONDS = 10;

    private RunEchoBench() {}

    public static void main(String[] arguments) throws Exception {
        List<Integer> connectionCounts = numbers(arguments[0]);
        int seconds = Integer.parseInt(arguments[1]);
        List<Integer> wrkThreadCounts = numbers(arguments[2]);
        int runs = arguments.length > 3 ? Integer.parseInt(arguments[3]) : 1;
        int poolSize = Integer.getInteger("bench.pool", Database.POOL_SIZE_DEFAULT);
        Path directory = Files.createTempDirectory("payrail-http-bench");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory.resolve("data"), 0);
        Path script = Files.createTempFile("payrail-echo", ".lua");
        try (InputStream lua = RunEchoBench.class.getResourceAsStream("/bench/echo.lua")) {
            Files.write(script, lua.readAllBytes());
        }
        try (Database database = Database.onServer(server, "postgres", poolSize);
                EchoServer.Running echo = EchoServer.start(database,
                        new EchoServer.Options(0, "bench", !Boolean.getBoolean("bench.eagerClaim")), System.err)) {
            System.out.println("collation " + collation(database));
            String url = "http://127.0.0.1:" + echo.gateway().port() + "/v1/echo";
            String key = echo.key().plainTextKey();
            wrk(script, url, key, connectionCounts.getFirst(), WARM_UP_SECONDS, wrkThreadCounts.getFirst());
            for (int run = 0; run < runs; run++) {
                for (int connections : connectionCounts) {
                    for (int wrkThreads : wrkThreadCounts) {
                String loadBefore = load();
                long jvmBefore = jvmTicksWithoutCompilers();
                long postgresBefore = postgresTicks(server.dataDirectory());
                String output = wrk(script, url, key, connections, seconds, wrkThreads);
                long jvmTicks = jvmTicksWithoutCompilers() - jvmBefore;
                long postgresTicks = postgresTicks(server.dataDirectory()) - postgresBefore;
                long requests = requests(output);
                System.out.println(output);
                System.out.printf(Locale.ROOT, "pool=%d connections=%d wrk_threads=%d requests=%d jvm_us_per_request=%.0f"
                                + " postgres_us_per_request=%.0f load_before=%s load_after=%s synchronous_commit=%s%n",
                        poolSize, connections, wrkThreads, requests, micros(jvmTicks, requests), micros(postgresTicks, requests),
                        loadBefore, load(), database.setting("synchronous_commit"));
                    }
                }
            }
        } finally {
            server.close();
            Files.deleteIfExists(script);
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted((left, right) -> right.compareTo(left)).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static String collation(Database database) throws java.sql.SQLException {
        try (java.sql.Connection connection = database.dataSource().getConnection();
                java.sql.ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT datcollate || ' ' || datlocprovider::text FROM pg_database WHERE datname = current_database()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** "16,32" → [16, 32]: every combination of connections and wrk threads is run in turn. */
    private static List<Integer> numbers(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(Integer::parseInt).toList();
    }

    private static double micros(long ticks, long requests) {
        return requests == 0 ? 0 : ticks * 1_000_000.0 / CLOCK_TICKS_PER_SECOND / requests;
    }

    private static long requests(String output) {
        for (String line : output.split("\n")) {
            if (line.contains("requests in")) {
                return Long.parseLong(line.trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    private static String wrk(Path script, String url, String apiKey, int connections, int seconds, int threads)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "-s", script.toString(), url));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("API_KEY", apiKey);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** This JVM's threads except the JIT compilers, whose late work is warm-up, not cost per request. */
    private static long jvmTicksWithoutCompilers() throws IOException {
        long total = 0;
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            for (Path thread : threads.toList()) {
                try {
                    if (!Files.readString(thread.resolve("comm")).contains("Compiler")) {
                        total += threadTicks(thread);
                    }
                } catch (IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return total;
    }

    private static long threadTicks(Path thread) throws IOException {
        String stat = Files.readString(thread.resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** utime + stime of a process and its reaped children, in clock ticks. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** The postmaster (from postmaster.pid) and every process it started. */
    private static long postgresTicks(Path dataDirectory) throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        long total = cpuTicks(postmaster);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(path -> path.getFileName().toString().matches("[0-9]+")).toList()) {
                if (parent(process) == postmaster) {
                    total += cpuTicks(Long.parseLong(process.getFileName().toString()));
                }
            }
        }
        return total;
    }

    private static long parent(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }
}
