package io.payrail.bus.internal;

import io.payrail.bus.ParkedEvent;
import io.payrail.bus.Delivery;
import io.payrail.bus.PartitionKeys;
import io.payrail.bus.Subscription;
import io.payrail.bus.SubscriptionHandler;
import io.payrail.store.RecordedEvent;
import java.sql.Connection;
import java.sql.Savepoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Delivers one page of the log to a subscription and moves its cursor past the page.
 *
 * <p>At-least-once handlers run outside any transaction (in log order, or in parallel across
 * partition keys); then one transaction parks what failed and advances the cursor. Unit-of-work
 * handlers run inside the cursor's transaction, one savepoint per event, so the page's effects and
 * the cursor commit together; a failing event is retried alone in its own transactions.
 */
final class PageDelivery {
    private final Subscription subscription;
    private final Clock clock;

    PageDelivery(Subscription subscription, Clock clock) {
        this.subscription = subscription;
        this.clock = clock;
    }

    /**
     * Delivers {@code page}; false when the epoch changed under it (nothing of the page committed).
     * At-least-once subscriptions pass their {@code committer}; unit-of-work ones pass null.
     */
    boolean deliver(Connection connection, CursorState state, List<RecordedEvent> page, Set<String> blocked,
            Pacer pacer, CursorCommitter committer) throws Exception {
        return switch (subscription.handler()) {
            case SubscriptionHandler.AtLeastOnce ignored ->
                    deliverAtLeastOnce(connection, state, page, blocked, pacer, committer);
            case SubscriptionHandler.InTransaction ignored -> deliverInTransaction(connection, state, page, blocked, pacer);
        };
    }

    private boolean deliverAtLeastOnce(Connection connection, CursorState state, List<RecordedEvent> page,
            Set<String> blocked, Pacer pacer, CursorCommitter committer) throws Exception {
        long last = page.getLast().position();
        // Bound what a crash may repeat: delivered positions not durably committed stay within COMMIT_EVENTS_MAX.
        committer.awaitCommittedAtLeast(last - SubscriptionWorker.COMMIT_EVENTS_MAX);
        List<ParkedEvent> parked = Collections.synchronizedList(new ArrayList<>());
        if (subscription.parallelism() == 1) {
            for (RecordedEvent event : page) {
                deliverOrPark(state, event, blocked, pacer, parked);
            }
        } else {
            deliverInParallel(state, page, blocked, pacer, parked);
        }
        if (parked.isEmpty()) {
            // The common case: only the cursor moves, committed on the committer's thread meanwhile.
            committer.request(state.epoch(), last);
            return !committer.fenced();
        }
        if (!committer.flush()) {
            return false;
        }
        ParkedTable.insert(connection, parked, clock.instant());
        return commitCursor(connection, state, last);
    }

    private void deliverInParallel(CursorState state, List<RecordedEvent> page, Set<String> blocked, Pacer pacer,
            List<ParkedEvent> parked) throws Exception {
        Map<String, List<RecordedEvent>> byKey = new LinkedHashMap<>();
        for (RecordedEvent event : page) {
            byKey.computeIfAbsent(PartitionKeys.of(event), key -> new ArrayList<>()).add(event);
        }
        // A fixed pool of virtual threads bounds the parallelism; each key's events stay in one task, in order.
        try (ExecutorService executor = Executors.newFixedThreadPool(subscription.parallelism(),
                Thread.ofVirtual().name("bus-" + subscription.name() + "-", 0).factory())) {
            List<Future<?>> tasks = new ArrayList<>(byKey.size());
            for (List<RecordedEvent> events : byKey.values()) {
                tasks.add(executor.submit(() -> {
                    for (RecordedEvent event : events) {
                        deliverOrPark(state, event, blocked, pacer, parked);
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        }
    }

    private void deliverOrPark(CursorState state, RecordedEvent event, Set<String> blocked, Pacer pacer,
            List<ParkedEvent> parked) throws Exception {
        if (!subscription.wants(event.envelope())) {
            return;
        }
        String key = PartitionKeys.of(event);
        if (blocked.contains(key)) {
            parked.add(held(event, key));
            return;
        }
        if (pacer != null) {
            pacer.acquire();
        }
        Attempts.Failure failure = Attempts.retry(subscription, null, new Delivery(event, state.epoch(), 1, key), 0,
                null, transaction -> true);
        if (failure != null) {
            blocked.add(key);
            parked.add(parkedRow(event, key, failure));
        }
    }

    private boolean deliverInTransaction(Connection connection, CursorState state, List<RecordedEvent> page,
            Set<String> blocked, Pacer pacer) throws Exception {
        var handler = ((SubscriptionHandler.InTransaction) subscription.handler()).handler();
        long done = state.position();
        for (RecordedEvent event : page) {
            String key = PartitionKeys.of(event);
            if (!subscription.wants(event.envelope())) {
                done = event.position();
                continue;
            }
            if (blocked.contains(key)) {
                ParkedTable.insert(connection, List.of(held(event, key)), clock.instant());
                done = event.position();
                continue;
            }
            if (pacer != null) {
                pacer.acquire();
            }
            Delivery delivery = new Delivery(event, state.epoch(), 1, key);
            Savepoint savepoint = connection.setSavepoint();
            try {
                handler.handle(connection, delivery);
                connection.releaseSavepoint(savepoint);
            } catch (InterruptedException stop) {
                throw stop;
            } catch (Exception | AssertionError failure) {
                connection.rollback(savepoint);
                Attempts.requireDatabase(connection, failure);
                // Commit the events before this one, then retry this one alone, each attempt in its own transaction.
                if (!commitCursor(connection, state, done)) {
                    return false;
                }
                if (!retryAlone(connection, state, delivery, failure, blocked)) {
                    return false;
                }
            }
            done = event.position();
        }
        return commitCursor(connection, state, page.getLast().position());
    }

    private boolean retryAlone(Connection connection, CursorState state, Delivery delivery, Throwable firstFailure,
            Set<String> blocked) throws Exception {
        long position = delivery.position();
        Attempts.Failure failure = Attempts.retry(subscription, connection, delivery, 1, firstFailure,
                transaction -> CursorTable.advance(transaction, subscription.name(), state.epoch(), position,
                        clock.instant()));
        if (failure == null) {
            return true;
        }
        ParkedTable.insert(connection, List.of(parkedRow(delivery.event(), delivery.partitionKey(), failure)),
                clock.instant());
        if (!commitCursor(connection, state, position)) {
            return false;
        }
        blocked.add(delivery.partitionKey());
        return true;
    }

    private boolean commitCursor(Connection connection, CursorState state, long position) throws Exception {
        if (CursorTable.advance(connection, subscription.name(), state.epoch(), position, clock.instant())) {
            connection.commit();
            return true;
        }
        connection.rollback();
        return false;
    }

    private ParkedEvent held(RecordedEvent event, String key) {
        return new ParkedEvent(subscription.name(), event.position(), key, event.envelope().id(),
                event.envelope().type(), 0, "held behind an earlier parked event of key " + key);
    }

    private ParkedEvent parkedRow(RecordedEvent event, String key, Attempts.Failure failure) {
        return new ParkedEvent(subscription.name(), event.position(), key, event.envelope().id(),
                event.envelope().type(), failure.attempts(), failure.reason());
    }
}
