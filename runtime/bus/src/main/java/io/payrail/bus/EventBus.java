package io.payrail.bus;

import io.payrail.bus.internal.CursorTable;
import io.payrail.bus.internal.LogListener;
import io.payrail.bus.internal.SubscriptionWorker;
import io.payrail.bus.internal.WakeSignal;
import io.payrail.platform.Check;
import io.payrail.platform.Transactions;
import io.payrail.store.EventStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The bus on one node: runs the registered subscriptions, each only while this node holds that
 * subscription's lock, woken by the store's commit notifications. Each subscription has its own
 * platform thread (at most {@link #SUBSCRIPTIONS_MAX}): delivery keeps its own place in the operating
 * system's scheduler, so a flood of virtual threads (requests, appends) cannot starve it.
 *
 * <pre>{@code
 * EventBus bus = new EventBus(dataSource, store, clock, BusOptions.defaults());
 * bus.subscribe(Subscription.inTransaction("ledger-projection", (transaction, delivery) -> ...)
 *         .withRule(Rule.parse("{\"detail-type\": [{\"prefix\": \"ledger.\"}]}")));
 * bus.start();
 * }</pre>
 */
public final class EventBus implements AutoCloseable {
    /** The channel operators' requests (replay, redrive) are announced on, so workers react at once. */
    public static final String CONTROL_CHANNEL = "payrail_bus";

    /** The most subscriptions one bus runs. */
    public static final int SUBSCRIPTIONS_MAX = 1_000;

    private static final long STOP_GRACE_MILLIS = 2_000;
    private static final long JOIN_TIMEOUT_MILLIS = 10_000;

    private final DataSource dataSource;
    private final EventStore store;
    private final Clock clock;
    private final BusOptions options;
    private final WakeSignal signal = new WakeSignal();
    private final Map<String, SubscriptionWorker> workers = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private LogListener listener;
    private boolean started;
    private boolean closed;

    public EventBus(DataSource dataSource, EventStore store, Clock clock, BusOptions options) {
        this.dataSource = Check.notNull(dataSource, "dataSource");
        this.store = Check.notNull(store, "store");
        this.clock = Check.notNull(clock, "clock");
        this.options = Check.notNull(options, "options");
    }

    /**
     * Registers a subscription, creating its cursor (at the beginning or the head of the log) when it
     * does not exist yet. An existing subscription keeps its cursor and epoch.
     */
    public synchronized void subscribe(Subscription subscription) {
        Check.that(!closed, "the bus is closed");
        Check.argument(!workers.containsKey(subscription.name()), "subscription %s is already registered",
                subscription.name());
        Check.argument(workers.size() < SUBSCRIPTIONS_MAX, "a bus runs at most %d subscriptions", SUBSCRIPTIONS_MAX);
        long start = subscription.startFrom() == StartFrom.HEAD ? store.headPosition() : 0;
        new Transactions(dataSource).inTransaction(connection -> {
            CursorTable.createIfMissing(connection, subscription.name(), start, clock.instant());
            return null;
        });
        SubscriptionWorker worker = new SubscriptionWorker(dataSource, store, clock, subscription, signal,
                options.fallbackPoll().toMillis());
        workers.put(subscription.name(), worker);
        if (started) {
            launch(subscription.name(), worker);
        }
    }

    /** Starts listening for commits and delivering to every registered subscription. */
    public synchronized void start() {
        Check.that(!closed, "the bus is closed");
        Check.that(!started, "the bus is already started");
        started = true;
        listener = new LogListener(dataSource, signal, CONTROL_CHANNEL, options.logChannel(), CONTROL_CHANNEL);
        threads.add(Thread.ofPlatform().daemon().name("bus-listener").start(listener));
        workers.forEach(this::launch);
    }

    /** Wakes idle workers now (for an in-process store that does not notify through PostgreSQL). */
    public void wake() {
        signal.wakeAll();
    }

    /**
     * True once {@link #start()} ran and until {@link #close()}, with every worker thread alive (the
     * node's readiness check). A worker waiting for another node's lock still counts as running.
     */
    public synchronized boolean running() {
        return listener != null && !closed && threads.stream().allMatch(Thread::isAlive);
    }

    /** True while this node processes the named subscription. */
    public synchronized boolean owns(String subscription) {
        SubscriptionWorker worker = workers.get(subscription);
        return worker != null && worker.owner();
    }

    private void launch(String name, SubscriptionWorker worker) {
        threads.add(Thread.ofPlatform().daemon().name("bus-" + name).start(worker));
    }

    /** Stops every worker: deliveries in flight are abandoned uncommitted and repeat on the next owner. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (listener != null) {
            listener.stop();
        }
        workers.values().forEach(SubscriptionWorker::stop);
        // Workers notice the stop between pages; interrupt only those still busy after the grace time
        // (a handler or a backoff that takes long), as an interrupt also closes their database socket.
        joinAll(STOP_GRACE_MILLIS);
        threads.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
        joinAll(JOIN_TIMEOUT_MILLIS);
    }

    private void joinAll(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        for (Thread thread : threads) {
            long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            try {
                thread.join(remainingMillis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
