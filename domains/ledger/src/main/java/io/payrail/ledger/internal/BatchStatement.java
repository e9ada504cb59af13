package io.payrail.ledger.internal;

import io.payrail.ledger.api.Balances;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One batch in ONE round trip: a call of the {@code ledger_write_batch} function (migrations V2, V3), which
 * does the lease fence, the journal rows (with the balances {@link KeptBalances} keeps: account rows are not
 * rewritten, see V3) and the burnt ids. In auto-commit mode the call is its own transaction, committed (and
 * flushed) in the same round trip.
 *
 * <p>Why a function and not one statement with CTEs: the function's statements are planned once per
 * session and their plans reused, while a large statement got a fresh custom plan each batch (0.26 ms of
 * a ~1.1 ms cycle). The fence and the all-or-nothing checks are described in the migration.
 *
 * <p>Numbers and text go as typed Java arrays ({@code Long[]}, {@code Integer[]}, {@code String[]}),
 * which pgjdbc sends in PostgreSQL's binary array form (no literal to build or parse); uuid arrays go as
 * text, since pgjdbc has no binary encoder for them.
 */
final class BatchStatement {
    private static final String SQL = "SELECT ledger_write_batch(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?)";

    private BatchStatement() {}

    /** Writes the batch unless the lease moved on; returns the epoch the fence saw (-1: no lease row). */
    static long execute(Connection connection, String leaseName, long epoch, BatchEffects effects, Instant time,
            Map<UUID, AccountState> accounts) throws SQLException {
        return execute(connection, leaseName, epoch, effects, effects.transfers(), time, accounts);
    }

    /**
     * Like {@link #execute(Connection, String, long, BatchEffects, Instant, Map)}, but writes only the given
     * journal rows of the batch (none when the caller copies them in the same transaction).
     */
    static long execute(Connection connection, String leaseName, long epoch, BatchEffects effects,
            List<TransferRecord> journal, Instant time, Map<UUID, AccountState> accounts) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            int parameter = 1;
            statement.setString(parameter++, leaseName);
            statement.setLong(parameter++, epoch);
            statement.setInt(parameter++, effects.ledger());
            statement.setTimestamp(parameter++, Timestamp.from(time));
            parameter = bindTransfers(connection, statement, parameter, journal, accounts);
            List<BatchEffects.FailedTransfer> failures = effects.failedTransfers();
            statement.setArray(parameter++, connection.createArrayOf("uuid",
                    failures.stream().map(BatchEffects.FailedTransfer::id).toArray()));
            statement.setArray(parameter, connection.createArrayOf("integer",
                    failures.stream().map(failure -> failure.result().code()).toArray(Integer[]::new)));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }

    private static int bindTransfers(Connection connection, PreparedStatement statement, int first,
            List<TransferRecord> transfers, Map<UUID, AccountState> accounts) throws SQLException {
        int size = transfers.size();
        KeptBalances kept = KeptBalances.of(transfers, accounts);
        Long[] positions = new Long[size];
        Object[] ids = new Object[size];
        Object[] debitAccounts = new Object[size];
        Object[] creditAccounts = new Object[size];
        Long[] amounts = new Long[size];
        Long[] requestedAmounts = new Long[size];
        Object[] pendingIds = new Object[size];
        Integer[] codes = new Integer[size];
        Integer[] flags = new Integer[size];
        Long[] timeouts = new Long[size];
        String[] metadata = new String[size];
        Long[][] balances = new Long[8][size]; // debit account's four balances, then the credit account's
        for (int index = 0; index < size; index++) {
            TransferRecord transfer = transfers.get(index);
            positions[index] = transfer.position();
            ids[index] = transfer.id();
            debitAccounts[index] = transfer.debitAccountId();
            creditAccounts[index] = transfer.creditAccountId();
            amounts[index] = transfer.amount();
            requestedAmounts[index] = transfer.requestedAmount();
            pendingIds[index] = transfer.pendingId();
            codes[index] = transfer.code();
            flags[index] = transfer.flags();
            timeouts[index] = transfer.timeoutSeconds();
            metadata[index] = transfer.metadata();
            spread(kept.debit(index), balances, 0, index);
            spread(kept.credit(index), balances, 4, index);
        }
        int parameter = first;
        statement.setArray(parameter++, connection.createArrayOf("bigint", positions));
        statement.setArray(parameter++, connection.createArrayOf("uuid", ids));
        statement.setArray(parameter++, connection.createArrayOf("uuid", debitAccounts));
        statement.setArray(parameter++, connection.createArrayOf("uuid", creditAccounts));
        statement.setArray(parameter++, connection.createArrayOf("bigint", amounts));
        statement.setArray(parameter++, connection.createArrayOf("bigint", requestedAmounts));
        statement.setArray(parameter++, connection.createArrayOf("uuid", pendingIds));
        statement.setArray(parameter++, connection.createArrayOf("integer", codes));
        statement.setArray(parameter++, connection.createArrayOf("integer", flags));
        statement.setArray(parameter++, connection.createArrayOf("bigint", timeouts));
        statement.setArray(parameter++, connection.createArrayOf("text", metadata));
        for (Long[] column : balances) {
            statement.setArray(parameter++, connection.createArrayOf("bigint", column));
        }
        return parameter;
    }

    private static void spread(Balances balances, Long[][] columns, int firstColumn, int row) {
        if (balances == null) {
            return; // nulls: this row keeps no balances for that side
        }
        columns[firstColumn][row] = balances.debitsPending();
        columns[firstColumn + 1][row] = balances.debitsPosted();
        columns[firstColumn + 2][row] = balances.creditsPending();
        columns[firstColumn + 3][row] = balances.creditsPosted();
    }
}
