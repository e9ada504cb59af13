package io.payrail.app.cli;

import io.payrail.http.bench.EchoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code payrail bench http}: starts the echo gateway (an authenticated POST that stores its
 * idempotency record durably and does nothing else) and drives it with wrk from loopback, so the
 * load generator is a separate process, as the target is stated.
 *
 * <p>wrk runs two threads: one thread saturates one core at about 5,500 requests/s on this kind of
 * machine, below what the gateway serves. The default of 32 connections equals the pool size (and
 * the gateway's concurrency limit): more connections add only queueing in front of the pool, which
 * raises latency without adding throughput (measured: 32 → ~8,200/s p99 12 ms, 64 → ~7,800/s p99 34 ms).
 */
final class HttpBench {
    static final int WRK_THREADS = 2;
    /** Until the JIT has compiled the hot path; a shorter warm-up measures the compiler too. */
    static final int WARM_UP_SECONDS = 10;
    private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");

    private HttpBench() {}

    static LinkedHashMap<String, String> run(io.payrail.platform.Database database, int connections, int seconds)
            throws IOException, InterruptedException {
        LinkedHashMap<String, String> figures = new LinkedHashMap<>();
        figures.put("synchronous_commit", database.setting("synchronous_commit"));
        Path script = Files.createTempFile("payrail-echo", ".lua");
        try (InputStream lua = HttpBench.class.getResourceAsStream("/bench/echo.lua");
                EchoServer.Running server = EchoServer.start(database, new EchoServer.Options(0, "bench"), System.err)) {
            Files.write(script, lua.readAllBytes());
            String url = "http://127.0.0.1:" + server.gateway().port() + "/v1/echo";
            runWrk(script, url, server.key().plainTextKey(), connections, WARM_UP_SECONDS);
            String output = runWrk(script, url, server.key().plainTextKey(), connections, seconds);
            figures.put("http_connections", Integer.toString(connections));
            figures.put("http_wrk_threads", Integer.toString(WRK_THREADS));
            figures.put("http_requests_per_second", first(REQUESTS, output));
            Matcher percentiles = PERCENTILE.matcher(output);
            while (percentiles.find()) {
                figures.put("http_latency_ms_p" + percentiles.group(1), millis(percentiles.group(2), percentiles.group(3)));
            }
            Matcher failures = NON_2XX.matcher(output);
            figures.put("http_non_2xx_responses", failures.find() ? failures.group(1) : "0");
        } finally {
            Files.deleteIfExists(script);
        }
        return figures;
    }

    private static String runWrk(Path script, String url, String apiKey, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + WRK_THREADS, "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), url));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("API_KEY", apiKey);
        Process process;
        try {
            process = builder.start();
        } catch (IOException missing) {
            throw new IllegalArgumentException("wrk is not installed (Debian: apt-get install wrk)");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new UncheckedIOException(new IOException("wrk failed: " + output.strip()));
        }
        return output;
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : "unknown";
    }

    private static String millis(String value, String unit) {
        double number = Double.parseDouble(value);
        double inMillis = switch (unit) {
            case "us" -> number / 1_000;
            case "s" -> number * 1_000;
            default -> number;
        };
        return String.format(Locale.ROOT, "%.2f", inMillis);
    }
}
