package io.payrail.ledger.internal;

import java.time.Instant;

/** A pending transfer (a hold) and what became of it. */
final class PendingState {
    enum Status { PENDING, POSTED, VOIDED, EXPIRED }

    final TransferRecord transfer;
    /** Null when the pending transfer never times out. */
    final Instant expiresAt;
    Status status = Status.PENDING;

    PendingState(TransferRecord transfer, Instant expiresAt) {
        this.transfer = transfer;
        this.expiresAt = expiresAt;
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
