package io.payrail.store;

/**
 * Folds a stream's events into the state of its aggregate. {@link #apply} must be pure and must
 * fail loudly, with {@link #impossible}, on an event that cannot happen in the current state.
 */
public interface Reducer<S> {
    /** The state of an aggregate that has no events yet. */
    S initial();

    /** The state after {@code event}. */
    S apply(S state, RecordedEvent event);

    /** The failure for an event that cannot happen in {@code state}: names the state, type, stream and revision. */
    static IllegalStateException impossible(Object state, RecordedEvent event) {
        return new ImpossibleEvent(state, event, "it cannot happen in this state");
    }

    /** Thrown when a reducer meets an event its aggregate's current state does not allow. */
    final class ImpossibleEvent extends IllegalStateException {
        ImpossibleEvent(Object state, RecordedEvent event, String why) {
            super("event " + event.envelope().type() + " at revision " + event.revision() + " of stream "
                    + event.stream() + " cannot be applied to state " + state + ": " + why);
        }
    }
}
