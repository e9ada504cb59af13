package io.payrail.function;

import io.payrail.function.internal.AttemptOutcome;
import io.payrail.function.internal.Attempts;
import io.micrometer.core.instrument.Timer;
import io.payrail.platform.Check;
import io.payrail.platform.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs functions with their declared limits: payload size checked first, then for each attempt a
 * concurrency slot shared by all nodes, a transaction handed to the handler with the trigger's trace,
 * and the timeout; failed attempts are retried after the policy's backoff.
 */
public final class FunctionInvoker {
    /** How long an attempt waits for a concurrency slot before the invocation is throttled. */
    public static final Duration SLOT_WAIT_DEFAULT = Duration.ofSeconds(30);
    /** The longest slot wait one may configure. */
    public static final Duration SLOT_WAIT_MAX = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(FunctionInvoker.class);

    private final Attempts attempts;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /**
     * @param dataSource handlers' transactions and slot sessions come from here: size it for twice
     *                   the concurrency this node runs (one slot session and one transaction each)
     */
    public FunctionInvoker(DataSource dataSource, Clock clock, RandomGenerator random, Sleeper sleeper, Duration slotWait) {
        Check.notNull(slotWait, "slotWait");
        Check.argument(!slotWait.isNegative() && slotWait.compareTo(SLOT_WAIT_MAX) <= 0,
                "slotWait must be 0..%s, got %s", SLOT_WAIT_MAX, slotWait);
        this.sleeper = Check.notNull(sleeper, "sleeper");
        this.random = Check.notNull(random, "random");
        this.attempts = new Attempts(dataSource, clock, sleeper, random, slotWait);
    }

    public FunctionInvoker(DataSource dataSource, Clock clock, RandomGenerator random) {
        this(dataSource, clock, random, Sleeper.REAL, SLOT_WAIT_DEFAULT);
    }

    /** Runs {@code function} on {@code request} with all its attempts; the outcome is a value. */
    public InvocationResult invoke(FunctionDeclaration function, InvocationRequest request) {
        Check.notNull(function, "function");
        Check.notNull(request, "request");
        long started = System.nanoTime();
        InvocationResult result = invokeWithLimits(function, request);
        String outcome = switch (result) {
            case InvocationResult.Succeeded ignored -> "succeeded";
            case InvocationResult.Failed failed -> failed.reason().name().toLowerCase(java.util.Locale.ROOT);
            case InvocationResult.Rejected ignored -> "rejected";
            case InvocationResult.Throttled ignored -> "throttled";
            case InvocationResult.Superseded ignored -> "superseded";
        };
        Timer.builder("payrail.function.invocations")
                .description("Function invocations with all their attempts, by function and outcome")
                .tags("function", function.name(), "outcome", outcome)
                .register(Metrics.registry())
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return result;
    }

    private InvocationResult invokeWithLimits(FunctionDeclaration function, InvocationRequest request) {
        Limits limits = function.limits();
        if (request.payload().length > limits.maxPayloadBytes()) {
            return new InvocationResult.Rejected(InvocationResult.RejectionReason.PAYLOAD_TOO_LARGE,
                    "function " + function.name() + " accepts at most " + limits.maxPayloadBytes()
                            + " bytes, got " + request.payload().length);
        }
        AttemptOutcome.Failed lastFailure = null;
        int maxAttempts = limits.retry().maxAttempts();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            switch (attempts.run(function, request, attempt)) {
                case AttemptOutcome.Succeeded succeeded -> {
                    return new InvocationResult.Succeeded(succeeded.output(), attempt);
                }
                case AttemptOutcome.Superseded ignored -> {
                    return new InvocationResult.Superseded(attempt);
                }
                case AttemptOutcome.Throttled ignored -> {
                    return new InvocationResult.Throttled(function.name(), limits.reservedConcurrency());
                }
                case AttemptOutcome.Failed failed -> {
                    lastFailure = failed;
                    LOG.warn("function {} attempt {}/{} failed: {} {}", function.name(), attempt, maxAttempts,
                            failed.reason(), failed.message());
                    if (failed.reason() == InvocationResult.FailureReason.CANCELLED
                            || (attempt < maxAttempts && !pause(limits.retry().backoffAfter(attempt, random)))) {
                        return new InvocationResult.Failed(InvocationResult.FailureReason.CANCELLED, attempt, failed.message());
                    }
                }
            }
        }
        return new InvocationResult.Failed(lastFailure.reason(), maxAttempts, lastFailure.message());
    }

    private boolean pause(Duration backoff) {
        try {
            sleeper.sleep(backoff);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
