package io.payrail.store;

/**
 * The state of one aggregate as of a revision of its stream.
 *
 * @param revision the revision of the last event folded in, or -1 when the stream has no events
 */
public record Aggregate<S>(String stream, S state, long revision) {
    /** What to expect when appending the aggregate's next events. */
    public ExpectedRevision expectedRevision() {
        return revision < 0 ? ExpectedRevision.noStream() : ExpectedRevision.exactly(revision);
    }
}
