package io.payrail.ledger.internal;

import io.payrail.ledger.api.AccountFlags;
import io.payrail.ledger.api.Balances;
import io.payrail.ledger.api.CreateTransferResult;
import io.payrail.platform.Check;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The writer's SQL: loading a ledger on takeover and writing one batch's effects. */
public final class LedgerStore {
    private static final CreateTransferResult[] RESULTS_BY_CODE = resultsByCode();

    private LedgerStore() {}

    private static CreateTransferResult[] resultsByCode() {
        CreateTransferResult[] byCode = new CreateTransferResult[64];
        for (CreateTransferResult result : CreateTransferResult.values()) {
            byCode[result.code()] = result;
        }
        return byCode;
    }

    /** The ledger's currency, or null when the ledger was never registered. */
    public static String currency(Connection connection, int ledger) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT currency FROM ledger_ledger WHERE ledger = ?")) {
            statement.setInt(1, ledger);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** Rebuilds the state machine from committed rows (run in one repeatable-read transaction). */
    public static LedgerStateMachine load(Connection connection, int ledger, String currency) throws SQLException {
        LedgerStateMachine machine = new LedgerStateMachine(ledger, currency);
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT * FROM ledger_account_current WHERE ledger = ?")) {
            statement.setInt(1, ledger);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    machine.restoreAccount(readAccount(rows));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + TransferRows.COLUMNS + " FROM ledger_transfer WHERE ledger = ? ORDER BY position")) {
            statement.setInt(1, ledger);
            statement.setFetchSize(10_000);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    machine.restoreTransfer(TransferRows.read(rows));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, result FROM ledger_failed_transfer WHERE ledger = ?")) {
            statement.setInt(1, ledger);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    machine.restoreFailure(rows.getObject(1, UUID.class), RESULTS_BY_CODE[rows.getInt(2)]);
                }
            }
        }
        return machine;
    }

    public static AccountState readAccount(ResultSet row) throws SQLException {
        return new AccountState(row.getObject("id", UUID.class), row.getString("tenant"), row.getInt("ledger"),
                row.getInt("code"), row.getInt("flags"), row.getString("metadata"),
                row.getString("external_reference"), row.getObject("created_at", OffsetDateTime.class).toInstant(),
                new Balances(row.getLong("debits_pending"), row.getLong("debits_posted"),
                        row.getLong("credits_pending"), row.getLong("credits_posted")));
    }

    /** Accounts with these ids wherever they live (for answers about accounts on other ledgers). */
    public static Map<UUID, AccountState> accounts(Connection connection, Collection<UUID> ids) throws SQLException {
        Map<UUID, AccountState> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT * FROM ledger_account WHERE id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    AccountState account = readAccount(rows);
                    found.put(account.id(), account);
                }
            }
        }
        return found;
    }

    static void insertAccounts(Connection connection, List<AccountState> accounts) throws SQLException {
        if (accounts.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO ledger_account (id, tenant, ledger, code, flags, debits_pending, debits_posted, "
                        + "credits_pending, credits_posted, metadata, external_reference, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?)")) {
            for (AccountState account : accounts) {
                statement.setObject(1, account.id());
                statement.setString(2, account.tenant());
                statement.setInt(3, account.ledger());
                statement.setInt(4, account.code());
                statement.setInt(5, account.flags());
                statement.setString(6, account.metadata());
                statement.setString(7, account.externalReference());
                statement.setTimestamp(8, Timestamp.from(account.createdAt()));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
