package io.payrail.function.internal;

import io.payrail.function.FunctionContext;
import io.payrail.function.FunctionDeclaration;
import io.payrail.function.InvocationRequest;
import io.payrail.function.InvocationResult.FailureReason;
import io.payrail.platform.TraceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * One attempt of one function, run on a thread of its own so the caller can stop waiting at the
 * timeout.
 *
 * <p>Implementation notes. Java cannot kill a thread, so a timeout is a race between the handler's
 * thread and the caller, settled by one compare-and-set on {@link #state}: the handler's thread may
 * commit only if it moves RUNNING to COMMITTING; the caller may time the attempt out only if it moves
 * RUNNING to TIMED_OUT. The loser stands down. On timeout the caller interrupts the thread and aborts
 * its connection (cancel the statement, close the socket), so the server rolls the transaction back
 * even if the handler never looks at its interrupt flag. The concurrency slot is released only in
 * the thread's own {@code finally}: a handler stuck in plain Java keeps its slot until it returns.
 */
final class Attempt {
    private enum State { RUNNING, COMMITTING, FAILED, TIMED_OUT }

    private final FunctionDeclaration function;
    private final FunctionContext context;
    private final InvocationRequest request;
    private final DataSource dataSource;
    private final ConcurrencySlots.Lease slot;
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private final CountDownLatch decided = new CountDownLatch(1);
    private volatile AttemptOutcome outcome;
    private volatile Thread thread;

    Attempt(FunctionDeclaration function, FunctionContext context, InvocationRequest request,
            DataSource dataSource, ConcurrencySlots.Lease slot) {
        this.function = function;
        this.context = context;
        this.request = request;
        this.dataSource = dataSource;
        this.slot = slot;
    }

    /** Starts the handler's thread and waits for the outcome at most {@code timeout}. */
    AttemptOutcome runWithin(Duration timeout) {
        thread = Thread.ofVirtual().name("function-" + function.name() + "-" + context.attempt()).start(this::run);
        try {
            if (decided.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return outcome;
            }
            if (state.compareAndSet(State.RUNNING, State.TIMED_OUT)) {
                stop();
                return new AttemptOutcome.Failed(FailureReason.TIMED_OUT,
                        "function " + function.name() + " ran past its timeout of " + timeout);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            if (state.compareAndSet(State.RUNNING, State.TIMED_OUT)) {
                stop();
                return new AttemptOutcome.Failed(FailureReason.CANCELLED,
                        "function " + function.name() + ": the caller was interrupted");
            }
        }
        awaitDecisionUninterruptibly();
        return outcome;
    }

    private void stop() {
        thread.interrupt();
        Connections.abort(context.transaction());
    }

    // The trace context is only for the MDC of this thread; nothing in the body names it.
    @SuppressWarnings("try")
    private void run() {
        Connection transaction = context.transaction();
        AttemptOutcome decision = null;
        try (TraceContext ignored = TraceContext.open(
                context.trace().traceId(), context.trace().correlationId(), context.trace().tenantId())) {
            byte[] output = function.handler().handle(context);
            if (!state.compareAndSet(State.RUNNING, State.COMMITTING)) {
                return;
            }
            if (!request.commitGuard().confirm(transaction)) {
                transaction.rollback();
                decision = new AttemptOutcome.Superseded();
            } else {
                transaction.commit();
                decision = new AttemptOutcome.Succeeded(output == null ? new byte[0] : output);
            }
        } catch (Exception | LinkageError | AssertionError failure) {
            decision = failed(failure);
        } finally {
            // A timed-out thread was interrupted; clear the flag so releasing the slot is not cut short.
            Thread.interrupted();
            if (state.get() == State.TIMED_OUT) {
                Connections.discard(dataSource, transaction);
            } else {
                Connections.closeQuietly(transaction);
            }
            slot.release();
            // Decided only after the slot is free, so a caller that got its answer never sees its own slot taken.
            if (decision != null) {
                decide(decision);
            }
        }
    }

    private AttemptOutcome failed(Throwable failure) {
        boolean committing = state.get() == State.COMMITTING;
        if (committing || state.compareAndSet(State.RUNNING, State.FAILED)) {
            Connections.rollbackQuietly(context.transaction());
            FailureReason reason = committing ? FailureReason.DATABASE_FAILED : FailureReason.HANDLER_FAILED;
            return new AttemptOutcome.Failed(reason, describe(failure));
        }
        return null;
    }

    private static String describe(Throwable failure) {
        String kind = failure instanceof SQLException sql
                ? "SQLException " + sql.getSQLState()
                : failure.getClass().getSimpleName();
        return kind + ": " + failure.getMessage();
    }

    private void decide(AttemptOutcome decision) {
        outcome = decision;
        decided.countDown();
    }

    private void awaitDecisionUninterruptibly() {
        boolean interrupted = false;
        while (decided.getCount() > 0) {
            try {
                decided.await();
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
