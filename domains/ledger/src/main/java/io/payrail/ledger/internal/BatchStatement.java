package io.payrail.ledger.internal;

import io.payrail.ledger.api.Balances;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One batch in ONE statement (so, in auto-commit mode, one round trip and one implicit transaction):
 * the lease fence, the journal rows, one balance update per touched account and the burnt ids.
 *
 * <p>The fence is a CTE that reads the lease row {@code FOR SHARE}; every write joins it and only
 * happens when the epoch is still the writer's. The share lock is held until the statement commits, so
 * a takeover (which updates the lease row) waits for this batch, and then loads state including it.
 * A final expression divides by zero when the fence passed but a write touched fewer rows than
 * expected, which aborts the whole statement: a batch is written entirely or not at all.
 */
final class BatchStatement {
    private static final String SQL = """
            WITH fence AS (SELECT epoch FROM lease WHERE name = ? FOR SHARE),
            balances AS (
                UPDATE ledger_account a SET debits_pending = v.debits_pending, debits_posted = v.debits_posted,
                    credits_pending = v.credits_pending, credits_posted = v.credits_posted
                FROM unnest(?::uuid[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                    AS v(id, debits_pending, debits_posted, credits_pending, credits_posted), fence f
                WHERE a.id = v.id AND f.epoch = ?
                RETURNING 1),
            journal AS (
                INSERT INTO ledger_transfer (ledger, position, id, debit_account_id, credit_account_id, amount,
                    requested_amount, pending_id, code, flags, timeout_seconds, metadata, created_at,
                    debit_balances, credit_balances)
                SELECT ?, u.position, u.id, u.debit_account_id, u.credit_account_id, u.amount, u.requested_amount,
                    u.pending_id, u.code, u.flags, u.timeout_seconds, u.metadata, ?, u.debit_balances::bigint[],
                    u.credit_balances::bigint[]
                FROM unnest(?::bigint[], ?::uuid[], ?::uuid[], ?::uuid[], ?::bigint[], ?::bigint[], ?::uuid[],
                    ?::integer[], ?::integer[], ?::bigint[], ?::text[], ?::text[], ?::text[])
                    AS u(position, id, debit_account_id, credit_account_id, amount, requested_amount, pending_id,
                    code, flags, timeout_seconds, metadata, debit_balances, credit_balances), fence f
                WHERE f.epoch = ?
                RETURNING 1),
            burnt AS (
                INSERT INTO ledger_failed_transfer (id, ledger, result, created_at)
                SELECT b.id, ?, b.result, ? FROM unnest(?::uuid[], ?::integer[]) AS b(id, result), fence f
                WHERE f.epoch = ?
                RETURNING 1)
            SELECT f.epoch, 1 / CASE WHEN f.epoch = ? AND ((SELECT count(*) FROM balances) <> ?
                OR (SELECT count(*) FROM journal) <> ? OR (SELECT count(*) FROM burnt) <> ?) THEN 0 ELSE 1 END
            FROM fence f
            """;

    private BatchStatement() {}

    /** Writes the batch unless the lease moved on; returns the epoch the fence saw (-1: no lease row). */
    static long execute(Connection connection, String leaseName, long epoch, BatchEffects effects, Instant time,
            Map<UUID, AccountState> accounts) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            int parameter = 1;
            statement.setString(parameter++, leaseName);
            parameter = bindBalances(connection, statement, parameter, effects.touchedAccounts());
            statement.setLong(parameter++, epoch);
            statement.setInt(parameter++, effects.ledger());
            statement.setTimestamp(parameter++, Timestamp.from(time));
            parameter = bindTransfers(connection, statement, parameter, effects.transfers(), accounts);
            statement.setLong(parameter++, epoch);
            statement.setInt(parameter++, effects.ledger());
            statement.setTimestamp(parameter++, Timestamp.from(time));
            List<BatchEffects.FailedTransfer> failures = effects.failedTransfers();
            statement.setArray(parameter++, connection.createArrayOf("uuid",
                    failures.stream().map(BatchEffects.FailedTransfer::id).toArray()));
            statement.setArray(parameter++, connection.createArrayOf("integer",
                    failures.stream().map(failure -> failure.result().code()).toArray()));
            statement.setLong(parameter++, epoch);
            statement.setLong(parameter++, epoch);
            statement.setLong(parameter++, effects.touchedAccounts().size());
            statement.setLong(parameter++, effects.transfers().size());
            statement.setLong(parameter, failures.size());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }

    private static int bindBalances(Connection connection, PreparedStatement statement, int first,
            Collection<AccountState> touched) throws SQLException {
        int size = touched.size();
        Object[] ids = new Object[size];
        Long[][] columns = new Long[4][size];
        int index = 0;
        for (AccountState account : touched) {
            ids[index] = account.id();
            columns[0][index] = account.debitsPending;
            columns[1][index] = account.debitsPosted;
            columns[2][index] = account.creditsPending;
            columns[3][index] = account.creditsPosted;
            index++;
        }
        int parameter = first;
        statement.setArray(parameter++, connection.createArrayOf("uuid", ids));
        for (Long[] column : columns) {
            statement.setArray(parameter++, connection.createArrayOf("bigint", column));
        }
        return parameter;
    }

    private static int bindTransfers(Connection connection, PreparedStatement statement, int first,
            List<TransferRecord> transfers, Map<UUID, AccountState> accounts) throws SQLException {
        int size = transfers.size();
        Object[][] columns = new Object[13][size];
        for (int index = 0; index < size; index++) {
            TransferRecord transfer = transfers.get(index);
            columns[0][index] = transfer.position();
            columns[1][index] = transfer.id();
            columns[2][index] = transfer.debitAccountId();
            columns[3][index] = transfer.creditAccountId();
            columns[4][index] = transfer.amount();
            columns[5][index] = transfer.requestedAmount();
            columns[6][index] = transfer.pendingId();
            columns[7][index] = transfer.code();
            columns[8][index] = transfer.flags();
            columns[9][index] = transfer.timeoutSeconds();
            columns[10][index] = transfer.metadata();
            columns[11][index] = LedgerStore.keepsHistory(accounts.get(transfer.debitAccountId()))
                    ? literal(transfer.debitBalancesAfter()) : null;
            columns[12][index] = LedgerStore.keepsHistory(accounts.get(transfer.creditAccountId()))
                    ? literal(transfer.creditBalancesAfter()) : null;
        }
        String[] types = {"bigint", "uuid", "uuid", "uuid", "bigint", "bigint", "uuid", "integer", "integer", "bigint",
            "text", "text", "text"};
        int parameter = first;
        for (int column = 0; column < columns.length; column++) {
            statement.setArray(parameter++, connection.createArrayOf(types[column], columns[column]));
        }
        return parameter;
    }

    private static String literal(Balances balances) {
        return "{" + balances.debitsPending() + "," + balances.debitsPosted() + "," + balances.creditsPending() + ","
                + balances.creditsPosted() + "}";
    }
}
