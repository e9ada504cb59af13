package io.payrail.ledger.api;

import io.payrail.ledger.internal.LedgerReads;
import io.payrail.ledger.internal.LedgerStateMachine;
import io.payrail.ledger.internal.LedgerStore;
import io.payrail.ledger.internal.LedgerWriter;
import io.payrail.platform.Check;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The ledger on one node: register ledgers, open accounts, submit transfers, read balances and entries.
 *
 * <p>Writes go to the ledger's single writer, which this node runs while it holds the ledger's lease
 * (taken on first use, or when the previous owner's lease lapsed). Every returned future completes
 * only once the call is durable; it fails with {@link LedgerUnavailableException} when this node cannot
 * write the ledger now (nothing of the call is then half-applied). Reads go straight to the database.
 *
 * <p>An HTTP layer is a thin mapping over this class: requests are {@link NewAccount} and
 * {@link NewTransfer} records, results are enums with stable codes and wire names.
 */
public final class LedgerService implements AutoCloseable {
    private final DataSource dataSource;
    private final Clock clock;
    private final String node;
    private final LedgerReads reads;
    private final Map<Integer, LedgerWriter> writers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private LedgerService(DataSource dataSource, Clock clock, String node) {
        this.dataSource = Check.notNull(dataSource, "dataSource");
        this.clock = Check.notNull(clock, "clock");
        this.node = Check.notNull(node, "node");
        this.reads = new LedgerReads(dataSource);
    }

    /** A service on a migrated database ({@code Migrations.apply(dataSource, List.of("platform", "ledger"))}). */
    public static LedgerService open(DataSource dataSource, Clock clock, String node) {
        return new LedgerService(dataSource, clock, node);
    }

    public RegisterLedgerResult registerLedger(int ledger, String currency) {
        if (ledger <= 0) {
            return RegisterLedgerResult.LEDGER_MUST_BE_POSITIVE;
        }
        if (currency == null || !currency.matches("[A-Z]{3}") || !isIso4217(currency)) {
            return RegisterLedgerResult.CURRENCY_NOT_ISO_4217;
        }
        return inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO ledger_ledger (ledger, currency, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                statement.setInt(1, ledger);
                statement.setString(2, currency);
                statement.setTimestamp(3, Timestamp.from(clock.instant()));
                if (statement.executeUpdate() == 1) {
                    return RegisterLedgerResult.OK;
                }
            }
            return currency.equals(LedgerStore.currency(connection, ledger))
                    ? RegisterLedgerResult.EXISTS : RegisterLedgerResult.EXISTS_WITH_DIFFERENT_CURRENCY;
        });
    }

    private static boolean isIso4217(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /** Opens accounts (any ledgers); one outcome per account, in order. */
    public CompletableFuture<List<AccountOutcome>> createAccounts(List<NewAccount> accounts) {
        Check.notNull(accounts, "accounts");
        Map<Integer, List<Integer>> indexesByLedger = new LinkedHashMap<>();
        AccountOutcome[] outcomes = new AccountOutcome[accounts.size()];
        for (int index = 0; index < accounts.size(); index++) {
            NewAccount account = Check.notNull(accounts.get(index), "accounts[" + index + "]");
            if (account.ledger() == 0) {
                outcomes[index] = new AccountOutcome(account.id(), CreateAccountResult.LEDGER_MUST_NOT_BE_ZERO);
            } else {
                indexesByLedger.computeIfAbsent(account.ledger(), ledger -> new ArrayList<>()).add(index);
            }
        }
        // Ledgers are served one after another: an id reused on two ledgers in one call must see the first
        // ledger's commit to answer exists_with_different_ledger. (Concurrent calls racing on one id across
        // ledgers are caught by the primary key: the loser fails with LedgerUnavailableException, and its
        // retry answers exists_with_different_ledger.)
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (Map.Entry<Integer, List<Integer>> group : indexesByLedger.entrySet()) {
            done = done.thenComposeAsync(previous -> submitAccounts(group.getKey(), group.getValue(), accounts, outcomes));
        }
        return done.thenApply(finished -> List.of(outcomes));
    }

    private CompletableFuture<Void> submitAccounts(int ledger, List<Integer> indexes, List<NewAccount> accounts,
            AccountOutcome[] outcomes) {
        Optional<LedgerWriter> writer;
        try {
            writer = writer(ledger);
        } catch (LedgerUnavailableException unavailable) {
            return CompletableFuture.failedFuture(unavailable);
        }
        if (writer.isEmpty()) {
            indexes.forEach(index -> outcomes[index] = new AccountOutcome(accounts.get(index).id(),
                    CreateAccountResult.LEDGER_NOT_FOUND));
            return CompletableFuture.completedFuture(null);
        }
        List<NewAccount> part = indexes.stream().map(accounts::get).toList();
        return writer.get().submitAccounts(part).thenAccept(results -> {
            for (int position = 0; position < indexes.size(); position++) {
                outcomes[indexes.get(position)] = results.get(position);
            }
        });
    }

    /**
     * Submits up to {@value io.payrail.ledger.internal.LedgerStateMachine#BATCH_EVENTS_MAX} transfers of one
     * ledger; linked chains commit all or nothing. The call goes to the ledger of its first transfer that
     * names one (a post or void may leave it zero: the pending transfer's ledger is used). For trusted
     * callers (other domains, jobs): any account of the ledger may be used, whatever its tenant; a caller
     * acting for a tenant uses {@link #createTransfers(String, List)}.
     */
    public CompletableFuture<List<TransferOutcome>> createTransfers(List<NewTransfer> transfers) {
        return submitTransfers(LedgerStateMachine.ANY_TENANT, transfers);
    }

    /**
     * Like {@link #createTransfers(List)}, for a caller acting for one tenant (an API key's): the writer
     * checks that every account the transfers name, and both accounts of a pending transfer being posted
     * or voided, belong to {@code tenant}. Another tenant's account answers exactly as a missing one
     * ({@code debit_account_not_found} / {@code credit_account_not_found}, {@code pending_transfer_not_found}),
     * so nothing about it leaks and no money moves. Since the check runs in the writer, on the state the
     * transfer is applied to, no account created meanwhile can slip through.
     */
    public CompletableFuture<List<TransferOutcome>> createTransfers(String tenant, List<NewTransfer> transfers) {
        Check.argument(tenant != null && !tenant.isBlank() && tenant.length() <= NewAccount.TENANT_LENGTH_MAX,
                "tenant must be 1..%s characters, got %s", NewAccount.TENANT_LENGTH_MAX, tenant);
        return submitTransfers(tenant, transfers);
    }

    private CompletableFuture<List<TransferOutcome>> submitTransfers(String tenant, List<NewTransfer> transfers) {
        Check.notNull(transfers, "transfers");
        if (transfers.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Optional<Integer> ledger;
        Optional<LedgerWriter> writer;
        try {
            ledger = routingLedger(transfers);
            writer = ledger.flatMap(this::writer);
        } catch (LedgerUnavailableException unavailable) {
            return CompletableFuture.failedFuture(unavailable);
        }
        if (writer.isEmpty()) {
            CreateTransferResult result = ledger.isPresent() ? CreateTransferResult.LEDGER_NOT_FOUND
                    : CreateTransferResult.PENDING_TRANSFER_NOT_FOUND;
            return CompletableFuture.completedFuture(transfers.stream()
                    .map(transfer -> TransferOutcome.failed(transfer.id(), transfer.pendingId() == null && ledger.isEmpty()
                            ? CreateTransferResult.LEDGER_MUST_NOT_BE_ZERO : result))
                    .toList());
        }
        return writer.get().submitTransfers(tenant, transfers);
    }

    private Optional<Integer> routingLedger(List<NewTransfer> transfers) {
        for (NewTransfer transfer : transfers) {
            Check.notNull(transfer, "transfer");
            if (transfer.ledger() != 0) {
                return Optional.of(transfer.ledger());
            }
        }
        for (NewTransfer transfer : transfers) {
            if (transfer.pendingId() != null) {
                Optional<Integer> ledger = reads.ledgerOfTransfer(transfer.pendingId());
                if (ledger.isPresent()) {
                    return ledger;
                }
            }
        }
        return Optional.empty();
    }

    /** This node's writer of the ledger, started on first use; empty when the ledger is not registered. */
    private Optional<LedgerWriter> writer(int ledger) {
        LedgerWriter running = writers.get(ledger);
        if (running != null && running.running()) {
            return Optional.of(running);
        }
        synchronized (writers) {
            if (closed) {
                throw new LedgerUnavailableException("the ledger service on node " + node + " is closed");
            }
            running = writers.get(ledger);
            if (running != null && running.running()) {
                return Optional.of(running);
            }
            String currency = inTransaction(connection -> LedgerStore.currency(connection, ledger));
            if (currency == null) {
                return Optional.empty();
            }
            LedgerWriter started = LedgerWriter.start(dataSource, clock, ledger, currency, node)
                    .orElseThrow(() -> new LedgerUnavailableException(
                            "ledger " + ledger + " is written by another node; send the call to its owner"));
            writers.put(ledger, started);
            return Optional.of(started);
        }
    }

    /**
     * Starts this node's writer for every registered ledger that no live node writes. Writers start on a
     * ledger's first call, so without this a ledger nobody calls would neither expire its pending
     * transfers nor be taken over after its owner died. Run it on a schedule; returns the ledgers this
     * node writes afterwards. A ledger another node holds is left to it.
     */
    public List<Integer> takeOverIdleLedgers() {
        List<Integer> ledgers = inTransaction(connection -> {
            List<Integer> numbers = new java.util.ArrayList<>();
            try (var statement = connection.prepareStatement("SELECT ledger FROM ledger_ledger ORDER BY ledger LIMIT ?")) {
                statement.setInt(1, LEDGERS_TAKEN_OVER_MAX);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        numbers.add(rows.getInt(1));
                    }
                }
            }
            return numbers;
        });
        List<Integer> written = new java.util.ArrayList<>();
        for (int ledger : ledgers) {
            try {
                writer(ledger).ifPresent(running -> written.add(ledger));
            } catch (LedgerUnavailableException heldElsewhere) {
                // Another node's writer holds the lease; it expires that ledger's holds.
            }
        }
        return written;
    }

    /** The most ledgers one take-over round looks at. */
    public static final int LEDGERS_TAKEN_OVER_MAX = 10_000;

    public Optional<Account> account(UUID id) {
        return reads.account(id);
    }

    public Optional<Transfer> transfer(UUID id) {
        return reads.transfer(id);
    }

    /** A bounded page of the account's entries after {@code cursor} (0 for the first page). */
    public EntryPage entries(UUID accountId, long cursor, int limit) {
        Check.argument(limit > 0 && limit <= EntryPage.PAGE_SIZE_MAX, "limit must be 1..%s, got %s",
                EntryPage.PAGE_SIZE_MAX, limit);
        return reads.entries(accountId, cursor, limit);
    }

    /** Balances at a point in time, for an account with the {@code history} flag. */
    public Optional<Balances> balancesAt(UUID accountId, Instant time) {
        return reads.balancesAt(accountId, time);
    }

    /** The writer's batch statistics on this node, as one line (for benches and operators). */
    public String writerStatistics(int ledger) {
        LedgerWriter writer = writers.get(ledger);
        if (writer == null) {
            return "ledger " + ledger + " has no writer on this node";
        }
        io.payrail.ledger.internal.WriterStatistics statistics = writer.statistics();
        return String.format("batches=%d events_per_batch=%.1f commit_ms_average=%.2f", statistics.batches(),
                statistics.eventsPerBatch(), statistics.commitMillisAverage());
    }

    public TransferJournal journal(int ledger) {
        return new TransferJournal(dataSource, ledger);
    }

    @Override
    public void close() {
        synchronized (writers) {
            closed = true;
        }
        writers.values().forEach(LedgerWriter::close);
        writers.clear();
    }

    private interface Work<T> {
        T apply(java.sql.Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException failure) {
            throw new LedgerUnavailableException("ledger database error: " + failure.getMessage(), failure);
        }
    }

}
