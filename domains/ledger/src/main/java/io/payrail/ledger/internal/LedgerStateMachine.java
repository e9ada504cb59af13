package io.payrail.ledger.internal;

import io.payrail.ledger.api.AccountOutcome;
import io.payrail.ledger.api.Balances;
import io.payrail.ledger.api.CreateTransferResult;
import io.payrail.ledger.api.NewAccount;
import io.payrail.ledger.api.NewTransfer;
import io.payrail.ledger.api.TransferFlags;
import io.payrail.ledger.api.TransferOutcome;
import io.payrail.platform.Check;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;

/**
 * One ledger's rules as pure, deterministic code: accounts, balances, transfer ids and holds in memory.
 * The single writer drives it; the property tests drive the very same code. Nothing here touches a
 * clock, a database or a thread: the batch's time comes in as an argument, effects go out as
 * {@link BatchEffects}.
 *
 * <p>Linked chains: every mutation appends an undo action; a chain that fails runs its undo actions
 * backwards, so a failed chain leaves balances, holds, ids and journal positions exactly as before.
 */
public final class LedgerStateMachine {
    /** Most transfers (and accounts) in one call, as in TigerBeetle's batch. */
    public static final int BATCH_EVENTS_MAX = 8_190;
    /** Most timed-out holds voided in one batch; the rest go in the next (a late post still sees them expired). */
    public static final int EXPIRIES_PER_BATCH_MAX = 8_190;

    final int ledger;
    final String currency;
    final Map<UUID, AccountState> accounts = new HashMap<>();
    final Map<UUID, TransferRecord> transfers = new HashMap<>();
    final Map<UUID, CreateTransferResult> failedIds = new HashMap<>();
    final Map<UUID, PendingState> pendings = new HashMap<>();
    private final PriorityQueue<PendingState> expiries = new PriorityQueue<>(
            Comparator.comparing((PendingState pending) -> pending.expiresAt)
                    .thenComparingLong(pending -> pending.transfer.position()));
    long nextPosition = 1;
    BatchEffects effects;
    /** Undo actions of the linked chain being applied; null outside a chain. */
    Deque<Runnable> undoLog;
    private final TransferRules rules = new TransferRules(this);
    /** The tenant of a trusted caller, who may move money between any accounts of the ledger. */
    public static final String ANY_TENANT = null;

    public LedgerStateMachine(int ledger, String currency) {
        Check.argument(ledger > 0, "ledger must be positive: %s", ledger);
        this.ledger = ledger;
        this.currency = Check.notNull(currency, "currency");
        this.effects = new BatchEffects(ledger);
    }

    public int ledger() {
        return ledger;
    }

    public String currency() {
        return currency;
    }

    public long nextPosition() {
        return nextPosition;
    }

    public AccountState account(UUID id) {
        return accounts.get(id);
    }

    public Map<UUID, AccountState> accounts() {
        return accounts;
    }

    public TransferRecord transfer(UUID id) {
        return transfers.get(id);
    }

    /** Time as the database stores it (microseconds), so state rebuilt from rows equals live state. */
    public static Instant truncate(Instant now) {
        return now.truncatedTo(ChronoUnit.MICROS);
    }

    /** The id of the void the ledger writes when {@code pendingId} times out: derived, so replays agree. */
    public static UUID expiryId(UUID pendingId) {
        return UUID.nameUUIDFromBytes(("payrail-ledger-expiry:" + pendingId).getBytes(StandardCharsets.UTF_8));
    }

    // ---- restoring from the database (takeover) ----

    public void restoreAccount(AccountState account) {
        Check.that(account.ledger == ledger, "account %s is on ledger %s, not %s", account.id, account.ledger, ledger);
        accounts.put(account.id, account);
    }

    /** Replays a committed transfer's bookkeeping (not its balances: those come with the accounts). */
    public void restoreTransfer(TransferRecord transfer) {
        Check.that(transfer.position() >= nextPosition, "transfers must be restored in journal order: %s after %s",
                transfer.position(), nextPosition - 1);
        remember(transfer);
        nextPosition = transfer.position() + 1;
    }

    public void restoreFailure(UUID id, CreateTransferResult result) {
        failedIds.put(id, result);
    }

    private void remember(TransferRecord transfer) {
        transfers.put(transfer.id(), transfer.withoutBalances());
        if (transfer.has(TransferFlags.PENDING)) {
            Instant expiresAt = transfer.timeoutSeconds() == 0 ? null
                    : transfer.timestamp().plusSeconds(transfer.timeoutSeconds());
            PendingState pending = new PendingState(transfer, expiresAt);
            pendings.put(transfer.id(), pending);
            if (expiresAt != null) {
                expiries.add(pending);
            }
        } else if (transfer.resolvesPending()) {
            PendingState pending = pendings.get(transfer.pendingId());
            Check.that(pending != null, "transfer %s resolves unknown pending %s", transfer.id(), transfer.pendingId());
            pending.status = transfer.has(TransferFlags.EXPIRED) ? PendingState.Status.EXPIRED
                    : transfer.has(TransferFlags.POST_PENDING_TRANSFER) ? PendingState.Status.POSTED
                    : PendingState.Status.VOIDED;
        }
    }

    // ---- batches ----

    /** Hands over what the batch so far changed and starts a new one. */
    public BatchEffects takeEffects() {
        BatchEffects taken = effects;
        effects = new BatchEffects(ledger);
        return taken;
    }

    /** Voids every hold whose timeout passed at {@code now}; returns how many. */
    public int expire(Instant now) {
        Instant time = truncate(now);
        int expired = 0;
        while (expired < EXPIRIES_PER_BATCH_MAX && !expiries.isEmpty() && expiries.peek().expiredAt(time)) {
            PendingState pending = expiries.poll();
            if (pending.status != PendingState.Status.PENDING) {
                continue;
            }
            TransferRecord hold = pending.transfer;
            AccountState debit = accounts.get(hold.debitAccountId());
            AccountState credit = accounts.get(hold.creditAccountId());
            debit.debitsPending -= hold.amount();
            credit.creditsPending -= hold.amount();
            TransferRecord expiry = new TransferRecord(expiryId(hold.id()), ledger, nextPosition++,
                    hold.debitAccountId(), hold.creditAccountId(), hold.amount(), 0, hold.id(), hold.code(),
                    TransferFlags.VOID_PENDING_TRANSFER | TransferFlags.EXPIRED, 0, null, time,
                    debit.balances(), credit.balances());
            pending.status = PendingState.Status.EXPIRED;
            transfers.put(expiry.id(), expiry.withoutBalances());
            effects.transfers.add(expiry);
            effects.touchedAccounts.add(debit);
            effects.touchedAccounts.add(credit);
            expired++;
        }
        return expired;
    }

    /**
     * Applies one call's transfers in order, chains all or nothing, and returns one outcome each.
     *
     * @param foreignAccountLedgers ledgers of account ids that exist on other ledgers (so a transfer naming
     *     one is a ledger mismatch, not an unknown account)
     */
    public List<TransferOutcome> createTransfers(List<NewTransfer> requests, Instant now,
            Map<UUID, Integer> foreignAccountLedgers) {
        return createTransfers(requests, now, foreignAccountLedgers, ANY_TENANT);
    }

    /**
     * Like {@link #createTransfers(List, Instant, Map)} for a caller acting for one tenant: an account of
     * another tenant answers exactly as a missing one ({@code debit_account_not_found},
     * {@code credit_account_not_found}), and a pending transfer between accounts that are not both the
     * tenant's answers {@code pending_transfer_not_found}, so a caller learns nothing of other tenants.
     *
     * @param foreignAccountLedgers as above, holding only accounts the tenant may see
     * @param tenant the caller's tenant, or {@link #ANY_TENANT} for a trusted caller
     */
    public List<TransferOutcome> createTransfers(List<NewTransfer> requests, Instant now,
            Map<UUID, Integer> foreignAccountLedgers, String tenant) {
        Check.argument(requests.size() <= BATCH_EVENTS_MAX, "at most %s transfers per call, got %s",
                BATCH_EVENTS_MAX, requests.size());
        Instant time = truncate(now);
        List<TransferOutcome> outcomes = new ArrayList<>(requests.size());
        int index = 0;
        while (index < requests.size()) {
            int chainEnd = index;
            while (chainEnd < requests.size() - 1 && requests.get(chainEnd).has(TransferFlags.LINKED)) {
                chainEnd++;
            }
            if (chainEnd == index && !requests.get(index).has(TransferFlags.LINKED)) {
                outcomes.add(applyAlone(requests.get(index), time, foreignAccountLedgers, tenant));
            } else {
                outcomes.addAll(applyChain(requests.subList(index, chainEnd + 1), time, foreignAccountLedgers, tenant));
            }
            index = chainEnd + 1;
        }
        return outcomes;
    }

    private TransferOutcome applyAlone(NewTransfer request, Instant time, Map<UUID, Integer> foreign, String tenant) {
        TransferOutcome outcome = rules.apply(request, time, foreign, tenant);
        burnIfTransient(request, outcome.result(), time);
        return outcome;
    }

    private List<TransferOutcome> applyChain(List<NewTransfer> chain, Instant time, Map<UUID, Integer> foreign,
            String tenant) {
        List<TransferOutcome> outcomes = new ArrayList<>(chain.size());
        NewTransfer last = chain.getLast();
        if (last.has(TransferFlags.LINKED)) {
            for (NewTransfer request : chain) {
                outcomes.add(TransferOutcome.failed(request.id(), request == last
                        ? CreateTransferResult.LINKED_EVENT_CHAIN_OPEN : CreateTransferResult.LINKED_EVENT_FAILED));
            }
            return outcomes;
        }
        undoLog = new ArrayDeque<>();
        long positionBefore = nextPosition;
        int transfersBefore = effects.transfers.size();
        int failedAt = -1;
        CreateTransferResult failure = null;
        try {
            for (int index = 0; index < chain.size(); index++) {
                TransferOutcome outcome = rules.apply(chain.get(index), time, foreign, tenant);
                // An identical retry of a committed member changes nothing, so it does not break the chain.
                if (outcome.result() != CreateTransferResult.OK && outcome.result() != CreateTransferResult.EXISTS) {
                    failedAt = index;
                    failure = outcome.result();
                    break;
                }
                outcomes.add(outcome);
            }
            if (failedAt >= 0) {
                while (!undoLog.isEmpty()) {
                    undoLog.pop().run();
                }
                nextPosition = positionBefore;
                effects.transfers.subList(transfersBefore, effects.transfers.size()).clear();
            }
        } finally {
            undoLog = null;
        }
        if (failedAt < 0) {
            return outcomes;
        }
        outcomes.clear();
        for (int index = 0; index < chain.size(); index++) {
            CreateTransferResult result = index == failedAt ? failure : CreateTransferResult.LINKED_EVENT_FAILED;
            outcomes.add(TransferOutcome.failed(chain.get(index).id(), result));
        }
        burnIfTransient(chain.get(failedAt), failure, time);
        return outcomes;
    }

    private void burnIfTransient(NewTransfer request, CreateTransferResult result, Instant time) {
        if (result.transientFailure()) {
            failedIds.put(request.id(), result);
            effects.failedTransfers.add(new BatchEffects.FailedTransfer(request.id(), result, time));
        }
    }

    /** Records a mutation's inverse when inside a chain. */
    void onUndo(Runnable undo) {
        if (undoLog != null) {
            undoLog.push(undo);
        }
    }

    void setBalances(AccountState account, long debitsPending, long debitsPosted, long creditsPending,
            long creditsPosted) {
        Balances before = account.balances();
        onUndo(() -> account.restore(before));
        account.debitsPending = debitsPending;
        account.debitsPosted = debitsPosted;
        account.creditsPending = creditsPending;
        account.creditsPosted = creditsPosted;
        effects.touchedAccounts.add(account);
    }

    void record(TransferRecord transfer) {
        remember(transfer);
        effects.transfers.add(transfer);
        onUndo(() -> forget(transfer));
    }

    private void forget(TransferRecord transfer) {
        transfers.remove(transfer.id());
        if (transfer.has(TransferFlags.PENDING)) {
            PendingState pending = pendings.remove(transfer.id());
            expiries.remove(pending);
        } else if (transfer.resolvesPending()) {
            pendings.get(transfer.pendingId()).status = PendingState.Status.PENDING;
        }
    }

    // ---- accounts ----

    /**
     * Opens accounts on this ledger.
     *
     * @param foreignAccounts accounts with these ids that exist on other ledgers, for exact exists answers
     */
    public List<AccountOutcome> createAccounts(List<NewAccount> requests, Instant now,
            Map<UUID, AccountState> foreignAccounts) {
        Check.argument(requests.size() <= BATCH_EVENTS_MAX, "at most %s accounts per call, got %s",
                BATCH_EVENTS_MAX, requests.size());
        Instant time = truncate(now);
        List<AccountOutcome> outcomes = new ArrayList<>(requests.size());
        for (NewAccount request : requests) {
            outcomes.add(new AccountOutcome(request.id(), AccountRules.create(this, request, time, foreignAccounts)));
        }
        return outcomes;
    }
}
