package io.payrail.bus.internal;

/**
 * The cursor's epoch moved (a replay was asked) while a worker delivered the old one: the worker's
 * transaction is rolled back and it reloads the cursor. An operating condition, not a bug.
 */
final class EpochChangedException extends Exception {
    EpochChangedException(String subscription, long epoch) {
        super("subscription " + subscription + " left epoch " + epoch, null, false, false);
    }
}
