package io.payrail.store;

/** The outcome of an append: a business outcome, so a value rather than an exception. */
public sealed interface AppendResult {
    /**
     * The events were appended (or, for a unit-of-work append, will be when its transaction commits).
     *
     * @param firstPosition log position of the first appended event
     * @param lastPosition  log position of the last appended event
     * @param nextRevision  the stream's revision after the append (revision of its last event)
     */
    record Appended(long firstPosition, long lastPosition, long nextRevision) implements AppendResult {}

    /**
     * The stream was not at the expected revision; nothing was written.
     *
     * @param currentRevision the stream's revision now, or -1 when it has no events
     */
    record Conflict(String stream, ExpectedRevision expected, long currentRevision) implements AppendResult {}

    /** The events broke a rule (schema, payload size): nothing was written. */
    record Rejected(String reason) implements AppendResult {}
}
