package io.payrail.queue;

/** The outcome of deleting with a receipt handle. */
public enum DeleteOutcome {
    DELETED,
    /** The message is gone or was received again since this handle was issued: nothing deleted. */
    STALE_RECEIPT
}
