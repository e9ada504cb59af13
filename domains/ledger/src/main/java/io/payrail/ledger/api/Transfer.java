package io.payrail.ledger.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A committed transfer, as it sits in the ledger's journal. A post or void carries the pending
 * transfer's accounts, and its amount is the amount posted (for a void: the amount released). A pending
 * transfer that timed out is followed by a void the ledger wrote itself, flagged {@code expired}.
 */
public record Transfer(UUID id, int ledger, long position, UUID debitAccountId, UUID creditAccountId, long amount,
        UUID pendingId, int code, int flags, long timeoutSeconds, String metadata, Instant timestamp) {

    public boolean has(int flag) {
        return TransferFlags.has(flags, flag);
    }
}
