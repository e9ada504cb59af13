package io.payrail.http.bench;

import io.payrail.platform.Check;
import io.payrail.platform.Database;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Backs {@code payrail bench http --rate R --seconds S}: starts {@link EchoServer} and sends
 * authenticated {@code POST /v1/echo} requests, each with a fresh Idempotency-Key, open-loop at a
 * fixed rate. Latency is measured from each request's scheduled send time (so a stalled server is
 * charged for the requests it delayed), with HdrHistogram. The load generator shares the machine
 * with the server; wrk on another core set gives the server's figure alone.
 */
public final class GatewayBench {
    /**
     * Requests in flight at most (the HTTP/1.1 client opens one connection per request in flight);
     * beyond it a request is counted as dropped, not queued, so a slow server shows up as drops.
     */
    public static final int IN_FLIGHT_MAX = 128;
    public static final int RATE_MAX = 100_000;
    public static final int SECONDS_MAX = 600;
    private static final long HIGHEST_TRACKABLE_NANOS = Duration.ofMinutes(1).toNanos();

    public record Options(int ratePerSecond, int seconds, int warmupSeconds) {
        public Options {
            Check.argument(ratePerSecond > 0 && ratePerSecond <= RATE_MAX, "rate must be within 1..%d, got %d",
                    RATE_MAX, ratePerSecond);
            Check.argument(seconds > 0 && seconds <= SECONDS_MAX, "seconds must be within 1..%d, got %d", SECONDS_MAX, seconds);
            Check.argument(warmupSeconds >= 0 && warmupSeconds <= SECONDS_MAX, "warm-up seconds must be within 0..%d, got %d",
                    SECONDS_MAX, warmupSeconds);
        }

        public static Options defaults() {
            return new Options(2_000, 10, 2);
        }
    }

    private GatewayBench() {}

    public static LinkedHashMap<String, String> run(Database database, Options options, PrintStream progress) {
        try (EchoServer.Running server = EchoServer.start(database, new EchoServer.Options(0, "bench"), progress);
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
            URI uri = URI.create("http://127.0.0.1:" + server.gateway().port() + "/v1/echo");
            Load load = new Load(client, uri, server.key().plainTextKey());
            progress.println("warming up for " + options.warmupSeconds() + " s at " + options.ratePerSecond() + " requests/s");
            load.drive(options.ratePerSecond(), options.warmupSeconds(), new ConcurrentHistogram(HIGHEST_TRACKABLE_NANOS, 3));
            progress.println("measuring for " + options.seconds() + " s");
            Histogram latencies = new ConcurrentHistogram(HIGHEST_TRACKABLE_NANOS, 3);
            long started = System.nanoTime();
            Load.Counts counts = load.drive(options.ratePerSecond(), options.seconds(), latencies);
            double elapsedSeconds = (System.nanoTime() - started) / 1e9;
            LinkedHashMap<String, String> results = new LinkedHashMap<>();
            results.put("synchronous_commit", server.results().get("synchronous_commit"));
            results.put("target_rate", Integer.toString(options.ratePerSecond()));
            results.put("requests", Long.toString(counts.sent()));
            results.put("ok", Long.toString(counts.ok()));
            results.put("failed", Long.toString(counts.failed()));
            results.put("dropped", Long.toString(counts.dropped()));
            results.put("achieved_rate", String.format("%.0f", counts.ok() / elapsedSeconds));
            for (double percentile : new double[] {50, 90, 99, 99.9}) {
                results.put("p" + percentile + "_ms", millis(latencies.getValueAtPercentile(percentile)));
            }
            results.put("max_ms", millis(latencies.getMaxValue()));
            results.forEach((key, value) -> progress.println(key + "=" + value));
            return results;
        }
    }

    private static String millis(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }

    /** Sends requests at fixed times and records each one's latency from its scheduled time. */
    private record Load(HttpClient client, URI uri, String apiKey) {
        record Counts(long sent, long ok, long failed, long dropped) {}

        private static final AtomicLong KEYS = new AtomicLong();

        Counts drive(int ratePerSecond, int seconds, Histogram latencies) {
            long intervalNanos = 1_000_000_000L / ratePerSecond;
            long total = (long) ratePerSecond * seconds;
            Semaphore inFlight = new Semaphore(IN_FLIGHT_MAX);
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long dropped = 0;
            long start = System.nanoTime();
            for (long index = 0; index < total; index++) {
                long scheduled = start + index * intervalNanos;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (!inFlight.tryAcquire()) {
                    dropped++;
                    continue;
                }
                client.sendAsync(request(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    latencies.recordValue(Math.min(System.nanoTime() - scheduled, HIGHEST_TRACKABLE_NANOS));
                    (failure == null && response.statusCode() == 201 ? ok : failed).incrementAndGet();
                    inFlight.release();
                });
            }
            inFlight.acquireUninterruptibly(IN_FLIGHT_MAX);
            return new Counts(total, ok.get(), failed.get(), dropped);
        }

        private HttpRequest request() {
            return HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "bench-" + KEYS.incrementAndGet() + "-" + System.nanoTime())
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hello\"}"))
                    .build();
        }
    }
}
