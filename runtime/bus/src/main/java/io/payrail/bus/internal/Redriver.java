package io.payrail.bus.internal;

import io.payrail.bus.ParkedEvent;
import io.payrail.bus.Delivery;
import io.payrail.bus.Subscription;
import io.payrail.bus.SubscriptionHandler;
import io.payrail.platform.Check;
import io.payrail.store.EventStore;
import io.payrail.store.RecordedEvent;
import java.sql.Connection;
import java.util.List;
import java.util.Set;

/**
 * Re-delivers the parked events of the keys an operator asked for, oldest first, in the owning
 * worker's thread (so no new event of the key can overtake them). A key is released once none of its
 * events is parked any more; if one fails again, it and the rest of its key stay parked.
 */
final class Redriver {
    /** The most keys one redrive round handles; the worker runs rounds until none is left. */
    static final int KEYS_PER_ROUND_MAX = 100;

    private final Subscription subscription;
    private final EventStore store;

    Redriver(Subscription subscription, EventStore store) {
        this.subscription = subscription;
        this.store = store;
    }

    /** Runs one round; returns true when more keys may be waiting. */
    boolean runRound(Connection connection, CursorState state, Set<String> blocked) throws Exception {
        List<String> keys = ParkedTable.keysToRedrive(connection, subscription.name(), KEYS_PER_ROUND_MAX);
        connection.commit();
        for (String key : keys) {
            redriveKey(connection, state, key);
            if (!ParkedTable.keyStillParked(connection, subscription.name(), key)) {
                blocked.remove(key);
            }
            connection.commit();
        }
        return keys.size() == KEYS_PER_ROUND_MAX;
    }

    private void redriveKey(Connection connection, CursorState state, String key) throws Exception {
        while (true) {
            List<ParkedEvent> rows = ParkedTable.ofKey(connection, subscription.name(), key, ParkedTable.REDRIVE_PAGE_MAX);
            connection.commit();
            if (rows.isEmpty()) {
                return;
            }
            for (ParkedEvent row : rows) {
                if (!redriveOne(connection, state, row)) {
                    return;
                }
            }
        }
    }

    private boolean redriveOne(Connection connection, CursorState state, ParkedEvent row) throws Exception {
        RecordedEvent event = eventAt(row.position());
        Delivery delivery = new Delivery(event, state.epoch(), row.attempts() + 1, row.partitionKey());
        boolean inTransaction = subscription.handler() instanceof SubscriptionHandler.InTransaction;
        Attempts.Failure failure = Attempts.retry(subscription, inTransaction ? connection : null, delivery, 0, null,
                transaction -> {
                    ParkedTable.delete(transaction, subscription.name(), row.position());
                    return true;
                });
        if (failure == null) {
            if (!inTransaction) {
                ParkedTable.delete(connection, subscription.name(), row.position());
                connection.commit();
            }
            return true;
        }
        ParkedTable.failedAgain(connection, subscription.name(), row.partitionKey(), row.position(),
                failure.attempts(), failure.reason());
        connection.commit();
        return false;
    }

    private RecordedEvent eventAt(long position) {
        List<RecordedEvent> found = store.readLog(position - 1, 1);
        Check.that(!found.isEmpty() && found.getFirst().position() == position,
                "subscription %s: parked position %d is not in the log (found %s)", subscription.name(), position,
                found.isEmpty() ? "nothing" : found.getFirst().position());
        return found.getFirst();
    }
}
