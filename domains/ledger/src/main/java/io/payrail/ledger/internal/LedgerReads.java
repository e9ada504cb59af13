package io.payrail.ledger.internal;

import io.payrail.ledger.api.Account;
import io.payrail.ledger.api.Balances;
import io.payrail.ledger.api.Entry;
import io.payrail.ledger.api.EntryPage;
import io.payrail.ledger.api.Transfer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads of committed state straight from the database; the writer is never involved. */
public final class LedgerReads {
    private final DataSource dataSource;

    public LedgerReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Account> account(UUID id) {
        return WriterTransactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT a.*, l.currency FROM ledger_account_current a JOIN ledger_ledger l ON l.ledger = a.ledger "
                            + "WHERE a.id = ?")) {
                statement.setObject(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next()
                            ? Optional.of(LedgerStore.readAccount(rows).toAccount(rows.getString("currency")))
                            : Optional.<Account>empty();
                }
            }
        });
    }

    public Optional<Transfer> transfer(UUID id) {
        return WriterTransactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + TransferRows.COLUMNS + " FROM ledger_transfer WHERE id = ?")) {
                statement.setObject(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(TransferRows.read(rows).toTransfer()) : Optional.<Transfer>empty();
                }
            }
        });
    }

    /** The ledger a transfer was committed on, if it was. */
    public Optional<Integer> ledgerOfTransfer(UUID id) {
        return transfer(id).map(Transfer::ledger);
    }

    /** Entries of one account after {@code cursor} (a journal position), oldest first. */
    public EntryPage entries(UUID accountId, long cursor, int limit) {
        String sql = "SELECT * FROM (SELECT " + TransferRows.COLUMNS + " FROM ledger_transfer WHERE debit_account_id = ? "
                + "AND position > ? UNION ALL SELECT " + TransferRows.COLUMNS + " FROM ledger_transfer "
                + "WHERE credit_account_id = ? AND position > ?) t ORDER BY position LIMIT ?";
        return WriterTransactions.inTransaction(dataSource, connection -> {
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, accountId);
                statement.setLong(2, cursor);
                statement.setObject(3, accountId);
                statement.setLong(4, cursor);
                statement.setInt(5, limit + 1);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        entries.add(entry(TransferRows.read(rows), accountId));
                    }
                }
            }
            boolean more = entries.size() > limit;
            List<Entry> page = more ? List.copyOf(entries.subList(0, limit)) : List.copyOf(entries);
            long next = page.isEmpty() ? cursor : page.getLast().transfer().position();
            return new EntryPage(page, next, more);
        });
    }

    private static Entry entry(TransferRecord record, UUID accountId) {
        boolean debit = record.debitAccountId().equals(accountId);
        return new Entry(record.toTransfer(), debit ? Entry.Side.DEBIT : Entry.Side.CREDIT,
                debit ? record.debitBalancesAfter() : record.creditBalancesAfter());
    }

    /**
     * An account's balances as they were at {@code time}: the balances kept with its last transfer at or
     * before then, zero before its first. Empty when the account is unknown or keeps no history.
     */
    public Optional<Balances> balancesAt(UUID accountId, Instant time) {
        return WriterTransactions.inTransaction(dataSource, connection -> {
            Optional<Account> account = accountOn(connection, accountId);
            if (account.isEmpty() || (account.get().flags() & io.payrail.ledger.api.AccountFlags.HISTORY) == 0) {
                return Optional.<Balances>empty();
            }
            Balances asDebit = latest(connection, "debit", accountId, time);
            Balances asCredit = latest(connection, "credit", accountId, time);
            return Optional.of(asDebit != null ? asDebit : asCredit != null ? asCredit : Balances.ZERO);
        });
    }

    private static Optional<Account> accountOn(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM ledger_account_current WHERE id = ?")) {
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(LedgerStore.readAccount(rows).toAccount(null)) : Optional.empty();
            }
        }
    }

    /** Reads the later of the account's last debit and last credit at or before {@code time}. */
    private static Balances latest(Connection connection, String side, UUID accountId, Instant time)
            throws SQLException {
        String sql = "SELECT position, " + side + "_balances FROM ledger_transfer WHERE " + side + "_account_id = ? "
                + "AND created_at <= ? ORDER BY position DESC LIMIT 1";
        String other = side.equals("debit") ? "credit" : "debit";
        String otherSql = "SELECT position FROM ledger_transfer WHERE " + other + "_account_id = ? "
                + "AND created_at <= ? ORDER BY position DESC LIMIT 1";
        long position;
        Balances balances;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, accountId);
            statement.setTimestamp(2, Timestamp.from(time));
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                position = rows.getLong(1);
                balances = TransferRows.balances(rows.getArray(2));
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(otherSql)) {
            statement.setObject(1, accountId);
            statement.setTimestamp(2, Timestamp.from(time));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) > position ? null : balances;
            }
        }
    }

    /** Journal rows of one ledger after {@code position}, in position order. */
    public List<Transfer> journalAfter(int ledger, long position, int limit) {
        return WriterTransactions.inTransaction(dataSource, connection -> {
            List<Transfer> transfers = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + TransferRows.COLUMNS
                    + " FROM ledger_transfer WHERE ledger = ? AND position > ? ORDER BY position LIMIT ?")) {
                statement.setInt(1, ledger);
                statement.setLong(2, position);
                statement.setInt(3, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        transfers.add(TransferRows.read(rows).toTransfer());
                    }
                }
            }
            return transfers;
        });
    }
}
