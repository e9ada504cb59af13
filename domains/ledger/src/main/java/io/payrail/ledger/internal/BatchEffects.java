package io.payrail.ledger.internal;

import io.payrail.ledger.api.CreateTransferResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What one batch changed in memory, which the writer then persists in one transaction. */
public final class BatchEffects {
    /** A transfer id burnt by a transient failure; a retry answers id_already_failed. */
    public record FailedTransfer(UUID id, CreateTransferResult result, Instant timestamp) {}

    final int ledger;
    final List<TransferRecord> transfers = new ArrayList<>();
    final Set<AccountState> touchedAccounts = new LinkedHashSet<>();
    final List<FailedTransfer> failedTransfers = new ArrayList<>();
    final List<AccountState> createdAccounts = new ArrayList<>();

    BatchEffects(int ledger) {
        this.ledger = ledger;
    }

    public int ledger() {
        return ledger;
    }

    public List<TransferRecord> transfers() {
        return transfers;
    }

    public Set<AccountState> touchedAccounts() {
        return touchedAccounts;
    }

    public List<FailedTransfer> failedTransfers() {
        return failedTransfers;
    }

    public List<AccountState> createdAccounts() {
        return createdAccounts;
    }

    public boolean isEmpty() {
        return transfers.isEmpty() && failedTransfers.isEmpty() && createdAccounts.isEmpty();
    }
}
