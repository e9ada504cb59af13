package io.payrail.bus;

/** Where a new subscription's cursor starts. An existing subscription keeps its cursor. */
public enum StartFrom {
    /** Position 0: the subscription catches up on the whole log (how a new service starts). */
    BEGINNING,
    /** The head of the log when the subscription is first created: only new events. */
    HEAD
}
