package io.payrail.bus.internal;

import io.payrail.bus.Delivery;
import io.payrail.bus.RetryPolicy;
import io.payrail.bus.Subscription;
import io.payrail.bus.SubscriptionHandler;
import java.sql.Connection;
import java.sql.SQLException;

/** Delivers one event alone, retrying with backoff, until it succeeds or its attempts are spent. */
final class Attempts {
    /** A delivery that failed every attempt: what to write in the parked row. */
    record Failure(int attempts, String reason) {}

    /** Work done in the transaction of a successful unit-of-work attempt; false = epoch changed. */
    @FunctionalInterface
    interface Finish {
        boolean run(Connection transaction) throws SQLException;
    }

    /** How long to wait for the connection to answer when telling a handler failure from a database outage. */
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private Attempts() {}

    /**
     * Runs attempts {@code attemptsMade + 1 ..} up to the policy's maximum, sleeping the backoff
     * before each. For unit-of-work handlers every attempt is its own transaction, committed with
     * {@code finish}. At-least-once handlers get a null connection (they may run in parallel).
     * Returns null on success.
     */
    static Failure retry(Subscription subscription, Connection connection, Delivery first, int attemptsMade,
            Throwable lastFailure, Finish finish) throws Exception {
        RetryPolicy policy = subscription.retry();
        Throwable failure = lastFailure;
        for (int made = attemptsMade; made < policy.attemptsMax(); made++) {
            if (made > 0) {
                Thread.sleep(policy.backoffAfter(made).toMillis());
            }
            Delivery delivery = new Delivery(first.event(), first.epoch(), first.attempt() + made, first.partitionKey());
            try {
                if (attemptOnce(subscription, connection, delivery, finish)) {
                    return null;
                }
                rollback(connection);
                throw new EpochChangedException(subscription.name(), first.epoch());
            } catch (EpochChangedException | InterruptedException stop) {
                throw stop;
            } catch (Exception | AssertionError attemptFailure) {
                rollback(connection);
                requireDatabase(connection, attemptFailure);
                failure = attemptFailure;
            }
        }
        return new Failure(policy.attemptsMax(), describe(failure));
    }

    private static boolean attemptOnce(Subscription subscription, Connection connection, Delivery delivery,
            Finish finish) throws Exception {
        switch (subscription.handler()) {
            case SubscriptionHandler.AtLeastOnce(var handler) -> {
                handler.handle(delivery);
                return true;
            }
            case SubscriptionHandler.InTransaction(var handler) -> {
                handler.handle(connection, delivery);
                if (!finish.run(connection)) {
                    return false;
                }
                connection.commit();
                return true;
            }
        }
    }

    /** A failure caused by the database being gone is not the event's fault: give up the run instead of parking. */
    static void requireDatabase(Connection connection, Throwable failure) throws Exception {
        if (connection != null && !connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
            throw failure instanceof Exception exception ? exception : new IllegalStateException(failure);
        }
    }

    private static void rollback(Connection connection) throws SQLException {
        if (connection != null) {
            connection.rollback();
        }
    }

    static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message.replaceAll("\\s+", " "));
    }
}
