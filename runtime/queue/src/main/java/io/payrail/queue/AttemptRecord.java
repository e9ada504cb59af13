package io.payrail.queue;

import java.time.Instant;

/** One failed attempt of a message: the receive it was, when it ended, and why. */
public record AttemptRecord(int attempt, Instant at, String error) {}
