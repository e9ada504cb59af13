package io.payrail.ledger.internal;

import io.payrail.ledger.api.Balances;
import io.payrail.ledger.api.Transfer;
import io.payrail.ledger.api.TransferFlags;
import java.time.Instant;
import java.util.UUID;

/**
 * A transfer the state machine accepted: the effective values (a post's accounts come from its pending
 * transfer) plus the amount the client asked for, which idempotency compares against. The balances
 * after it are carried to the caller and, for accounts with history, into the journal row.
 */
public record TransferRecord(UUID id, int ledger, long position, UUID debitAccountId, UUID creditAccountId,
        long amount, long requestedAmount, UUID pendingId, int code, int flags, long timeoutSeconds,
        String metadata, Instant timestamp, Balances debitBalancesAfter, Balances creditBalancesAfter) {

    public boolean has(int flag) {
        return TransferFlags.has(flags, flag);
    }

    public boolean resolvesPending() {
        return has(TransferFlags.POST_PENDING_TRANSFER) || has(TransferFlags.VOID_PENDING_TRANSFER);
    }

    /** The copy kept in memory for idempotency checks; balances are not needed there. */
    TransferRecord withoutBalances() {
        return new TransferRecord(id, ledger, position, debitAccountId, creditAccountId, amount, requestedAmount,
                pendingId, code, flags, timeoutSeconds, metadata, timestamp, null, null);
    }

    public Transfer toTransfer() {
        return new Transfer(id, ledger, position, debitAccountId, creditAccountId, amount, pendingId, code, flags,
                timeoutSeconds, metadata, timestamp);
    }
}
