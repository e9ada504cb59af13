package io.payrail.app.cli;

import io.payrail.app.Main;
import io.payrail.platform.Database;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code payrail bench startup [--runs N]}: starts {@code payrail run} as a new process against the
 * bench's database (already migrated, as a restart finds it) and measures from the moment the process
 * is started until {@code GET /ready} answers 200. The process runs with this JVM's options (the
 * class-data archive of {@code ./payrail} included) and a throwaway home, so it touches no local data.
 */
final class StartupBench {
    static final int RUNS_MAX = 50;
    static final Duration READY_WAIT_MAX = Duration.ofSeconds(60);
    static final Duration POLL_INTERVAL = Duration.ofMillis(5);
    static final Duration STOP_WAIT_MAX = Duration.ofSeconds(40);
    private static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=";
    private static final String RUN_ARCHIVE = "payrail-run.jsa";

    private StartupBench() {}

    static LinkedHashMap<String, String> run(BenchDatabase bench, int runs, PrintStream progress) throws IOException, InterruptedException {
        if (runs < 1 || runs > RUNS_MAX) {
            throw new IllegalArgumentException("--runs must be between 1 and " + RUNS_MAX + ", got " + runs);
        }
        LinkedHashMap<String, String> figures = new LinkedHashMap<>();
        figures.put("synchronous_commit", bench.database().setting("synchronous_commit"));
        Path home = Files.createTempDirectory("payrail-startup-bench");
        try {
            return measure(bench, runs, progress, figures, home);
        } finally {
            BenchDatabase.deleteQuietly(home);
        }
    }

    private static LinkedHashMap<String, String> measure(BenchDatabase bench, int runs, PrintStream progress,
            LinkedHashMap<String, String> figures, Path home) throws IOException, InterruptedException {
        // The first start may write the class-data archive and warms the file cache: not counted.
        long first = readyMillis(bench.jdbcUrl(), home);
        progress.printf("first start (not counted): ready after %d ms%n", first);
        List<Long> measured = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long millis = readyMillis(bench.jdbcUrl(), home);
            progress.printf("start %d/%d: ready after %d ms%n", run, runs, millis);
            measured.add(millis);
        }
        measured.sort(null);
        figures.put("startup_runs", Integer.toString(runs));
        figures.put("ready_ms_first", Long.toString(first));
        figures.put("ready_ms_min", Long.toString(measured.getFirst()));
        figures.put("ready_ms_p50", Long.toString(measured.get((measured.size() - 1) / 2)));
        figures.put("ready_ms_max", Long.toString(measured.getLast()));
        return figures;
    }

    private static long readyMillis(String jdbcUrl, Path home) throws IOException, InterruptedException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(command(port, home)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(Database.URL_VARIABLE, jdbcUrl);
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            awaitReady(process, port);
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        } finally {
            stop(process);
        }
    }

    private static void awaitReady(Process process, int port) throws IOException, InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_WAIT_MAX.toNanos();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("payrail run exited with code " + process.exitValue() + " before it was ready");
                }
                try {
                    if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (ConnectException notListeningYet) {
                    // The gateway is not listening yet: poll again.
                }
                Thread.sleep(POLL_INTERVAL);
            }
        }
        throw new IllegalStateException("payrail run was not ready within " + READY_WAIT_MAX.toSeconds() + " s");
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_WAIT_MAX.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static List<String> command(int port, Path home) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            command.add(option.startsWith(ARCHIVE_OPTION) ? runArchive(option) : option);
        }
        command.add("-Dpayrail.home=" + home); // after the inherited options, so it wins
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of("run", "--port", Integer.toString(port)));
        return command;
    }

    /**
     * The {@code ./payrail} script keeps one class-data archive per command; the started process is a
     * {@code run}, so it gets the run's archive, not this bench's.
     */
    private static String runArchive(String archiveOption) {
        Path archive = Path.of(archiveOption.substring(ARCHIVE_OPTION.length()));
        return ARCHIVE_OPTION + archive.resolveSibling(RUN_ARCHIVE);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException("could not find a free port", failure);
        }
    }
}
