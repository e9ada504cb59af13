package io.payrail.function.internal;

import io.payrail.function.FunctionContext;
import io.payrail.function.FunctionDeclaration;
import io.payrail.function.InvocationRequest;
import io.payrail.function.InvocationResult.FailureReason;
import io.payrail.function.Sleeper;
import io.payrail.platform.Check;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;

/** Runs single attempts: claim a slot, open the transaction, run the handler within its timeout. */
public final class Attempts {
    private final DataSource dataSource;
    private final Clock clock;
    private final ConcurrencySlots slots;
    private final Duration slotWait;

    public Attempts(DataSource dataSource, Clock clock, Sleeper sleeper, RandomGenerator random, Duration slotWait) {
        this.dataSource = Check.notNull(dataSource, "dataSource");
        this.clock = Check.notNull(clock, "clock");
        this.slots = new ConcurrencySlots(dataSource, sleeper, random);
        this.slotWait = Check.notNull(slotWait, "slotWait");
    }

    public AttemptOutcome run(FunctionDeclaration function, InvocationRequest request, int attemptNumber) {
        Optional<ConcurrencySlots.Lease> slot;
        try {
            slot = slots.acquire(function.name(), function.limits().reservedConcurrency(), slotWait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new AttemptOutcome.Failed(FailureReason.CANCELLED, "interrupted while waiting for a slot");
        } catch (SQLException failure) {
            return new AttemptOutcome.Failed(FailureReason.DATABASE_FAILED, "could not claim a slot: " + failure.getMessage());
        }
        if (slot.isEmpty()) {
            return new AttemptOutcome.Throttled();
        }
        Connection transaction;
        try {
            transaction = dataSource.getConnection();
            transaction.setAutoCommit(false);
        } catch (SQLException failure) {
            slot.get().release();
            return new AttemptOutcome.Failed(FailureReason.DATABASE_FAILED, "no connection: " + failure.getMessage());
        }
        Duration timeout = function.limits().timeout();
        FunctionContext context = new FunctionContext(function.name(), transaction, request.trace(),
                request.payload(), request.idempotencyKey(), attemptNumber, clock.instant().plus(timeout));
        return new Attempt(function, context, request, dataSource, slot.get()).runWithin(timeout);
    }
}
