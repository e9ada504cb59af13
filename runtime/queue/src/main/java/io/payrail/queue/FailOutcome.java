package io.payrail.queue;

/** The outcome of reporting a failed attempt. */
public enum FailOutcome {
    /** The message becomes visible again after the backoff. */
    RETRY_SCHEDULED,
    /** The message had used its receives and moved to the dead-letter queue. */
    DEAD_LETTERED,
    /** The message is gone or was received again since this handle was issued: nothing changed. */
    STALE_RECEIPT
}
