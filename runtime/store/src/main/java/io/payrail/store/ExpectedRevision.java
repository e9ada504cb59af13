package io.payrail.store;

/** What an append expects of its stream: anything, that it does not exist yet, or an exact revision. */
public sealed interface ExpectedRevision {
    record Any() implements ExpectedRevision {}

    record NoStream() implements ExpectedRevision {}

    /** The revision of the stream's last event. */
    record Exactly(long revision) implements ExpectedRevision {}

    static ExpectedRevision any() {
        return new Any();
    }

    static ExpectedRevision noStream() {
        return new NoStream();
    }

    static ExpectedRevision exactly(long revision) {
        return new Exactly(revision);
    }
}
