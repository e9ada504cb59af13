package io.payrail.bus;

import io.payrail.platform.Check;

/** The two delivery guarantees a subscription can ask for. */
public sealed interface SubscriptionHandler {
    /** At-least-once: the cursor is committed after the handler ran, so a crash can repeat events. */
    record AtLeastOnce(EventHandler handler) implements SubscriptionHandler {
        public AtLeastOnce {
            Check.notNull(handler, "handler");
        }
    }

    /** Exactly-once in effect: the handler's writes and the cursor commit in one transaction. */
    record InTransaction(TransactionalEventHandler handler) implements SubscriptionHandler {
        public InTransaction {
            Check.notNull(handler, "handler");
        }
    }
}
