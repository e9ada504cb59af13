package io.payrail.ledger.api;

import java.util.UUID;

/**
 * A request to move {@code amount} minor units from the debit account to the credit account. The id
 * is chosen by the client and stays its idempotency key forever.
 *
 * <p>Fields a field does not use are null or zero: a regular transfer has no pending id; a post or void
 * names the pending transfer in {@code pendingId} and may leave the accounts, ledger and code unset
 * (they are taken from the pending transfer). A post with amount zero posts the full pending amount; a
 * void's amount must be zero or the pending amount.
 *
 * @param timeoutSeconds for a pending transfer, seconds after which it voids itself (0: never)
 * @param metadata free text up to {@link #METADATA_LENGTH_MAX} characters, may be null
 */
public record NewTransfer(UUID id, UUID debitAccountId, UUID creditAccountId, long amount, UUID pendingId,
        int ledger, int code, int flags, long timeoutSeconds, String metadata) {
    public static final int METADATA_LENGTH_MAX = 1_024;
    /** Like TigerBeetle's u32 timeout. */
    public static final long TIMEOUT_SECONDS_MAX = 0xFFFF_FFFFL;

    public static NewTransfer of(UUID id, UUID debitAccountId, UUID creditAccountId, long amount, int ledger, int code) {
        return new NewTransfer(id, debitAccountId, creditAccountId, amount, null, ledger, code, 0, 0, null);
    }

    public static NewTransfer pending(UUID id, UUID debitAccountId, UUID creditAccountId, long amount, int ledger,
            int code, long timeoutSeconds) {
        return new NewTransfer(id, debitAccountId, creditAccountId, amount, null, ledger, code,
                TransferFlags.PENDING, timeoutSeconds, null);
    }

    /** Posts {@code amount} of the pending transfer (0: all of it). */
    public static NewTransfer post(UUID id, UUID pendingId, long amount) {
        return new NewTransfer(id, null, null, amount, pendingId, 0, 0, TransferFlags.POST_PENDING_TRANSFER, 0, null);
    }

    public static NewTransfer voidPending(UUID id, UUID pendingId) {
        return new NewTransfer(id, null, null, 0, pendingId, 0, 0, TransferFlags.VOID_PENDING_TRANSFER, 0, null);
    }

    public NewTransfer withFlags(int newFlags) {
        return new NewTransfer(id, debitAccountId, creditAccountId, amount, pendingId, ledger, code, newFlags,
                timeoutSeconds, metadata);
    }

    public NewTransfer linked() {
        return withFlags(flags | TransferFlags.LINKED);
    }

    public NewTransfer withMetadata(String newMetadata) {
        return new NewTransfer(id, debitAccountId, creditAccountId, amount, pendingId, ledger, code, flags,
                timeoutSeconds, newMetadata);
    }

    public NewTransfer withLedger(int newLedger) {
        return new NewTransfer(id, debitAccountId, creditAccountId, amount, pendingId, newLedger, code, flags,
                timeoutSeconds, metadata);
    }

    public boolean has(int flag) {
        return TransferFlags.has(flags, flag);
    }
}
