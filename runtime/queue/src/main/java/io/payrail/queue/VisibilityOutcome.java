package io.payrail.queue;

/** The outcome of ChangeMessageVisibility. */
public enum VisibilityOutcome {
    CHANGED,
    STALE_RECEIPT
}
