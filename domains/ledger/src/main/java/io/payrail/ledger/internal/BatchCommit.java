package io.payrail.ledger.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes one batch's effects, fenced by the writer's lease epoch. The common case (no new accounts, no
 * lease renewal due, a small batch) is one function call in auto-commit mode: one round trip, one WAL
 * flush. Otherwise the extra statements share an explicit transaction with it: the lease renewal, the new
 * accounts, and for a batch of at least {@link JournalCopy#COPY_ROWS_MIN} transfers the journal rows,
 * copied after the fenced call.
 */
final class BatchCommit {
    private BatchCommit() {}

    /** Commits the batch or throws: {@link LeaseLostException} when another writer took the ledger. */
    static void write(DataSource dataSource, Lease lease, long epoch, BatchEffects effects, boolean renew,
            Instant now, Instant batchTime, Map<UUID, AccountState> accounts) {
        boolean copy = effects.transfers().size() >= JournalCopy.COPY_ROWS_MIN;
        boolean alone = effects.createdAccounts().isEmpty() && !renew && !copy;
        WriterTransactions.Work<Long> work = connection -> {
            if (renew) {
                lease.renew(connection, epoch, now);
            }
            LedgerStore.insertAccounts(connection, effects.createdAccounts());
            long fenced = BatchStatement.execute(connection, lease.name(), epoch, effects,
                    copy ? List.of() : effects.transfers(), batchTime, accounts);
            if (fenced != epoch) {
                // Thrown inside the work so an explicit transaction rolls back the accounts inserted above:
                // a fenced-out writer must leave nothing behind for the new owner to trip over.
                throw lost(lease, fenced, epoch);
            }
            if (copy) {
                long copied = JournalCopy.copy(connection, effects.ledger(), effects.transfers(), batchTime, accounts);
                if (copied != effects.transfers().size()) {
                    throw new SQLException("ledger " + effects.ledger() + " batch aborted: " + copied + " of "
                            + effects.transfers().size() + " journal rows copied");
                }
            }
            return fenced;
        };
        long fencedEpoch = alone ? WriterTransactions.autoCommit(dataSource, work)
                : WriterTransactions.inTransaction(dataSource, work);
        if (fencedEpoch != epoch) {
            throw lost(lease, fencedEpoch, epoch);
        }
    }

    private static LeaseLostException lost(Lease lease, long fenced, long epoch) {
        return new LeaseLostException("lease " + lease.name() + " is at epoch " + fenced + "; this writer holds epoch "
                + epoch);
    }
}
