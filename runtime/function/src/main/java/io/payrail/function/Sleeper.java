package io.payrail.function;

import java.time.Duration;

/** Waits. Injected so tests can wait without sleeping and production can be interrupted. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
