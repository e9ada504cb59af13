package io.payrail.queue;

import java.time.Duration;

/** Waits between redrive batches; production sleeps, tests advance a fake clock instead. */
@FunctionalInterface
public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
}
