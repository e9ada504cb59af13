package io.payrail.ledger.internal;

import io.payrail.ledger.api.AccountOutcome;
import io.payrail.ledger.api.LedgerUnavailableException;
import io.payrail.ledger.api.NewAccount;
import io.payrail.ledger.api.NewTransfer;
import io.payrail.ledger.api.TransferOutcome;
import io.payrail.platform.Check;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one ledger on this node. One platform thread takes calls from a bounded queue,
 * applies up to {@link LedgerStateMachine#BATCH_EVENTS_MAX} events to the in-memory state machine,
 * writes the batch's effects in one transaction fenced by the lease epoch, and completes the callers'
 * futures only after the commit returned (synchronous_commit on: durable).
 *
 * <p>Why one commit at a time and no second connection in flight: batch N+1's WAL flush would still
 * follow N's, and N+1 would have to be rolled back whenever N fails; a second connection would only
 * overlap the statement's own work. Throughput
 * instead comes from batch size: while one batch commits, the next one accumulates in the queue, so
 * the batch grows with load and the cost of an fsync is shared by everyone waiting. Commit order is
 * then trivially apply order, so journal positions become visible in increasing order.
 *
 * <p>Failure: when a commit fails (or its outcome is unknown), memory may be ahead of the database, so
 * the writer throws its state machine away, fails that batch's callers with
 * {@link LedgerUnavailableException} and reloads from the database before taking more work. A caller
 * retrying with the same ids gets {@code exists} for whatever did commit.
 */
public final class LedgerWriter implements AutoCloseable {
    /** Most calls waiting for the writer; a caller beyond that waits up to {@link #SUBMIT_WAIT}. */
    public static final int QUEUE_CALLS_MAX = 16_384;
    static final Duration SUBMIT_WAIT = Duration.ofSeconds(5);
    /** How long an idle writer sleeps before looking for timed-out holds and lease renewal. */
    static final Duration IDLE_WAIT = Duration.ofMillis(10);
    static final Duration RELOAD_BACKOFF = Duration.ofMillis(200);
    /** Longest the writer gathers a batch while calls keep arriving. */
    static final Duration LINGER_MAX = Duration.ofMillis(2);
    /** A gap between arrivals this long means the callers have all come back. */
    static final Duration LINGER_QUIET = Duration.ofNanos(300_000);

    private static final String CLOSED = "closed";
    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final int ledger;
    private final String currency;
    private final Lease lease;
    private final BlockingQueue<Submission> queue = new ArrayBlockingQueue<>(QUEUE_CALLS_MAX);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String stoppedBecause;
    private LedgerStateMachine machine;
    private long epoch;
    /** Calls the writer expects in its next batch (see {@link #nextBatch}); only the writer thread uses it. */
    private int callersReturning;
    /** A call taken from the queue that did not fit in the batch being gathered; only the writer thread uses it. */
    private Submission carried;
    private Instant lastTime = Instant.EPOCH;
    private Instant leaseRenewAt = Instant.EPOCH;
    private final java.util.concurrent.atomic.LongAdder batches = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder batchEvents = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder commitNanos = new java.util.concurrent.atomic.LongAdder();

    private LedgerWriter(DataSource dataSource, Clock clock, int ledger, String currency, Lease lease, long epoch) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.ledger = ledger;
        this.currency = currency;
        this.lease = lease;
        this.epoch = epoch;
        this.thread = Thread.ofPlatform().name("ledger-writer-" + ledger).daemon(true).unstarted(this::run);
    }

    /** Takes the ledger's lease and loads its state; empty when another node holds the lease. */
    public static java.util.Optional<LedgerWriter> start(DataSource dataSource, Clock clock, int ledger,
            String currency, String node) {
        Lease lease = new Lease(Lease.nameOf(ledger), node);
        OptionalLong epoch = WriterTransactions.inTransaction(dataSource, connection -> lease.acquire(connection, clock.instant()));
        if (epoch.isEmpty()) {
            return java.util.Optional.empty();
        }
        LedgerWriter writer = new LedgerWriter(dataSource, clock, ledger, currency, lease, epoch.getAsLong());
        writer.leaseRenewAt = clock.instant().plus(Lease.DURATION.dividedBy(2));
        writer.reload();
        writer.thread.start();
        return java.util.Optional.of(writer);
    }

    public int ledger() {
        return ledger;
    }

    public long epoch() {
        return epoch;
    }

    public WriterStatistics statistics() {
        return new WriterStatistics(batches.sum(), batchEvents.sum(), commitNanos.sum());
    }

    public boolean running() {
        return running;
    }

    /**
     * Submits transfers for a caller acting for {@code tenant}: accounts and pending transfers of other
     * tenants answer as if they did not exist ({@link LedgerStateMachine#ANY_TENANT}: a trusted caller).
     */
    public CompletableFuture<List<TransferOutcome>> submitTransfers(String tenant, List<NewTransfer> requests) {
        CompletableFuture<List<TransferOutcome>> future = new CompletableFuture<>();
        enqueue(new Submission.Transfers(tenant, List.copyOf(requests), future));
        return future;
    }

    public CompletableFuture<List<AccountOutcome>> submitAccounts(List<NewAccount> requests) {
        CompletableFuture<List<AccountOutcome>> future = new CompletableFuture<>();
        enqueue(new Submission.Accounts(List.copyOf(requests), future));
        return future;
    }

    private void enqueue(Submission submission) {
        Check.argument(submission.size() <= LedgerStateMachine.BATCH_EVENTS_MAX, "at most %s events per call, got %s",
                LedgerStateMachine.BATCH_EVENTS_MAX, submission.size());
        if (!running) {
            submission.fail(new LedgerUnavailableException("ledger " + ledger + " writer stopped: " + stoppedBecause));
            return;
        }
        try {
            if (!queue.offer(submission, SUBMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                submission.fail(new LedgerUnavailableException("ledger " + ledger + " writer is overloaded: "
                        + QUEUE_CALLS_MAX + " calls waiting"));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            submission.fail(new LedgerUnavailableException("interrupted while submitting to ledger " + ledger));
        }
        if (!running) {
            failQueued();
        }
    }

    private void run() {
        while (running) {
            try {
                if (machine == null) {
                    reloadOrWait();
                    continue;
                }
                List<Submission> batch = nextBatch();
                processBatch(batch);
            } catch (InterruptedException interrupted) {
                break;
            }
        }
        failCarried();
        failQueued();
    }

    /**
     * Takes the next batch. Callers whose futures were just completed usually come straight back with
     * their next call; committing without them would split the clients into two alternating groups, each
     * waiting for the other's commit. So the writer lingers for them, but only until as many calls as it
     * expects are in hand ({@link #callersReturning}: the callers it just released plus those that were
     * already waiting), and never longer than a quiet gap of {@link #LINGER_QUIET} or {@link #LINGER_MAX}
     * in all. Waiting on the queue (not sleeping in slices) lets the last expected call end the wait at once.
     */
    private List<Submission> nextBatch() throws InterruptedException {
        List<Submission> batch = new ArrayList<>();
        Submission first = carried != null ? carried : queue.poll(IDLE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        carried = null;
        if (first == null) {
            return batch;
        }
        batch.add(first);
        int events = first.size();
        long lingerEnd = System.nanoTime() + LINGER_MAX.toNanos();
        while (events < LedgerStateMachine.BATCH_EVENTS_MAX) {
            Submission next = queue.poll();
            if (next == null && batch.size() < callersReturning) {
                long remaining = Math.min(LINGER_QUIET.toNanos(), lingerEnd - System.nanoTime());
                next = remaining <= 0 ? null : waitForNext(remaining);
            }
            if (next == null) {
                break;
            }
            if (events + next.size() > LedgerStateMachine.BATCH_EVENTS_MAX) {
                carried = next; // first in the next batch, so calls keep their order
                break;
            }
            batch.add(next);
            events += next.size();
        }
        return batch;
    }

    private Submission waitForNext(long nanos) {
        try {
            return queue.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            // Closing: finish the calls already taken (running is false, so the loop ends after them).
            return null;
        }
    }

    private void processBatch(List<Submission> batch) {
        Instant now = clock.instant();
        // Batch time never goes backwards, so journal order and timestamps agree.
        lastTime = now.isAfter(lastTime) ? LedgerStateMachine.truncate(now) : lastTime;
        try {
            List<Runnable> completions = apply(batch, lastTime);
            BatchEffects effects = machine.takeEffects();
            boolean renew = !now.isBefore(leaseRenewAt);
            if (!effects.isEmpty() || renew) {
                long commitStarted = System.nanoTime();
                commit(effects, renew, now);
                commitNanos.add(System.nanoTime() - commitStarted);
                batches.increment();
                batchEvents.add(batch.stream().mapToInt(Submission::size).sum());
            }
            callersReturning = batch.size() + queue.size();
            completions.forEach(Runnable::run);
        } catch (LeaseLostException lost) {
            stop(lost.getMessage());
            batch.forEach(submission -> submission.fail(new LedgerUnavailableException(lost.getMessage(), lost)));
        } catch (RuntimeException failure) {
            LOG.warn("ledger {} batch of {} calls failed; reloading state from the database", ledger, batch.size(),
                    failure);
            machine = null;
            batch.forEach(submission -> submission.fail(new LedgerUnavailableException(
                    "ledger " + ledger + " could not commit the batch: " + failure.getMessage(), failure)));
        }
    }

    private List<Runnable> apply(List<Submission> batch, Instant now) {
        Map<UUID, AccountState> foreign = foreignAccounts(batch);
        machine.expire(now);
        List<Runnable> completions = new ArrayList<>(batch.size());
        for (Submission submission : batch) {
            switch (submission) {
                case Submission.Transfers transfers -> {
                    List<TransferOutcome> outcomes = machine.createTransfers(transfers.requests(), now,
                            foreignLedgers(foreign, transfers.tenant()), transfers.tenant());
                    completions.add(() -> transfers.future().complete(outcomes));
                }
                case Submission.Accounts accounts -> {
                    List<AccountOutcome> outcomes = machine.createAccounts(accounts.requests(), now, foreign);
                    completions.add(() -> accounts.future().complete(outcomes));
                }
            }
        }
        return completions;
    }

    /**
     * Ledgers of the accounts on other ledgers that the tenant may see (all for a trusted caller): another
     * tenant's account there is left out, so it answers as missing rather than as a ledger mismatch.
     */
    private static Map<UUID, Integer> foreignLedgers(Map<UUID, AccountState> foreign, String tenant) {
        if (foreign.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Integer> ledgers = new HashMap<>();
        foreign.forEach((id, account) -> {
            if (tenant == null || tenant.equals(account.tenant())) {
                ledgers.put(id, account.ledger());
            }
        });
        return ledgers;
    }

    /** Account ids this ledger does not hold, looked up once per batch (rare: bad input or new accounts). */
    private Map<UUID, AccountState> foreignAccounts(List<Submission> batch) {
        Set<UUID> unknown = new HashSet<>();
        for (Submission submission : batch) {
            switch (submission) {
                case Submission.Transfers transfers -> transfers.requests().forEach(request -> {
                    addIfUnknown(unknown, request.debitAccountId());
                    addIfUnknown(unknown, request.creditAccountId());
                });
                case Submission.Accounts accounts -> accounts.requests().forEach(request ->
                        addIfUnknown(unknown, request.id()));
            }
        }
        if (unknown.isEmpty()) {
            return Map.of();
        }
        Map<UUID, AccountState> found = WriterTransactions.inTransaction(dataSource, connection -> LedgerStore.accounts(connection, unknown));
        found.values().removeIf(account -> account.ledger() == ledger);
        return found;
    }

    private void addIfUnknown(Set<UUID> unknown, UUID id) {
        if (id != null && machine.account(id) == null) {
            unknown.add(id);
        }
    }

    private void commit(BatchEffects effects, boolean renew, Instant now) {
        BatchCommit.write(dataSource, lease, epoch, effects, renew, now, lastTime, machine.accounts());
        if (renew) {
            leaseRenewAt = now.plus(Lease.DURATION.dividedBy(2));
        }
    }

    private void reloadOrWait() throws InterruptedException {
        try {
            reload();
        } catch (LeaseLostException lost) {
            stop(lost.getMessage());
        } catch (RuntimeException failure) {
            LOG.warn("ledger {} could not reload its state; retrying", ledger, failure);
            failCarried();
            failQueued();
            Thread.sleep(RELOAD_BACKOFF.toMillis());
        }
    }

    private void reload() {
        machine = WriterTransactions.inTransaction(dataSource, connection -> {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            lease.check(connection, epoch);
            return LedgerStore.load(connection, ledger, currency);
        });
    }

    private void stop(String reason) {
        stoppedBecause = reason;
        running = false;
        if (reason.equals(CLOSED)) {
            LOG.info("ledger {} writer closed", ledger);
        } else {
            LOG.warn("ledger {} writer stops: {}", ledger, reason);
        }
    }

    /** Writer thread only: the call that did not fit in the last batch shares the fate of the queued ones. */
    private void failCarried() {
        if (carried != null) {
            carried.fail(new LedgerUnavailableException("ledger " + ledger + " writer stopped: " + stoppedBecause));
            carried = null;
        }
    }

    private void failQueued() {
        Submission submission;
        while ((submission = queue.poll()) != null) {
            submission.fail(new LedgerUnavailableException("ledger " + ledger + " writer stopped: " + stoppedBecause));
        }
    }

    /** Stops taking work, finishes the batch in hand, fails whatever still waits, and lets the lease lapse now. */
    @Override
    public void close() {
        stop(CLOSED);
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        failQueued();
        try {
            WriterTransactions.inTransaction(dataSource, connection -> {
                lease.release(connection, epoch, clock.instant());
                return null;
            });
        } catch (RuntimeException failure) {
            LOG.warn("ledger {} could not release its lease; it will lapse", ledger, failure);
        }
    }
}
