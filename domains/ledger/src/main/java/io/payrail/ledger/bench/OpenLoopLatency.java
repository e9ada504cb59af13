package io.payrail.ledger.bench;

import io.payrail.ledger.api.LedgerService;
import java.io.PrintStream;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Open-loop latency: calls are issued on a fixed schedule whatever the ledger's speed, and each call's
 * latency counts from its scheduled send time, so a stall shows up in every call it delayed
 * (no coordinated omission).
 */
final class OpenLoopLatency {
    /** Most calls in flight; beyond that the schedule is falling behind and the phase stops adding more. */
    static final int IN_FLIGHT_MAX = 20_000;
    static final int PHASE_SECONDS_MAX = 5;

    record Result(double ratePerSecond, double p50Millis, double p99Millis) {}

    private OpenLoopLatency() {}

    static Result measure(LedgerService service, LedgerBench.BenchAccounts accounts, LedgerBench.Options options,
            double callsPerSecond, PrintStream progress) {
        ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        Semaphore inFlight = new Semaphore(IN_FLIGHT_MAX);
        SplittableRandom random = new SplittableRandom(99);
        long intervalNanos = Math.max(1, (long) (1e9 / callsPerSecond));
        int seconds = Math.min(PHASE_SECONDS_MAX, options.durationSeconds());
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long scheduled = start;
        long issued = 0;
        while (scheduled < end) {
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                break;
            }
            long sendTime = scheduled;
            var call = accounts.call(random, options);
            service.createTransfers(call).whenComplete((outcomes, failure) -> {
                histogram.recordValue(Math.max(0, System.nanoTime() - sendTime));
                inFlight.release();
            });
            issued++;
            scheduled += intervalNanos;
        }
        try {
            inFlight.acquire(IN_FLIGHT_MAX);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        progress.printf("latency phase: %s calls at %.0f calls/s%n", issued, callsPerSecond);
        return new Result(callsPerSecond, histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6);
    }
}
