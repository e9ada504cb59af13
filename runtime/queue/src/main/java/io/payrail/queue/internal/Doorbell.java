package io.payrail.queue.internal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wake-up for several waiters that is not lost when it rings before anyone waits: each ring
 * starts a new generation, and a waiter returns as soon as the generation differs from the one it
 * last saw.
 */
public final class Doorbell {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition rung = lock.newCondition();
    private long generation;

    public void ring() {
        lock.lock();
        try {
            generation++;
            rung.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a ring after generation {@code seen} or until {@code timeout}; returns the generation now. */
    public long await(long seen, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long remaining = timeout.toNanos();
            while (generation == seen && remaining > 0) {
                remaining = rung.awaitNanos(remaining);
            }
            return generation;
        } finally {
            lock.unlock();
        }
    }
}
