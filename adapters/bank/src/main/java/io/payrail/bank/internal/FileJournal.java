package io.payrail.bank.internal;

import io.payrail.bank.BankFileKind;
import io.payrail.bank.BankFileRecord;
import io.payrail.bank.BankFileState;
import io.payrail.bank.FileDirection;
import io.payrail.platform.Check;
import io.payrail.platform.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code bank_file} table: one row per file sent or received, moved from state to state with a
 * compare-and-set on the current state (so two Payrail nodes can never both think they own a step),
 * and one {@code bank_file_history} row per move.
 */
public final class FileJournal {
    public static final int LIST_LIMIT_MAX = 1_000;

    private final Transactions transactions;

    public FileJournal(Transactions transactions) {
        this.transactions = Check.notNull(transactions, "transactions");
    }

    /** The new file as described, or the existing one with the same name (the unique key decides). */
    public BankFileRecord insertOutbound(NewFile file, Instant now) {
        return transactions.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO bank_file (id, direction, file_name, kind, state, sha256, size_bytes, content_sha256,
                        archive_path, created_at, updated_at)
                    VALUES (?, 'outbound', ?, ?, 'prepared', ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (file_name) WHERE direction = 'outbound' DO NOTHING""")) {
                bindNewFile(insert, file, now);
                if (insert.executeUpdate() == 1) {
                    history(connection, file.id(), null, BankFileState.PREPARED, "recorded before upload", now);
                }
            }
            return findOutbound(connection, file.fileName()).orElseThrow();
        });
    }

    /** Records an inbound file before its download: name and size known, hash not yet. */
    public BankFileRecord insertInbound(UUID id, String fileName, BankFileKind kind, long sizeBytes,
            Instant remoteModifiedAt, Instant now) {
        return transactions.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO bank_file (id, direction, file_name, kind, state, size_bytes, created_at, updated_at,
                        transfer_started_at, remote_modified_at)
                    VALUES (?, 'inbound', ?, ?, 'receiving', ?, ?, ?, ?, ?)""")) {
                insert.setObject(1, id);
                insert.setString(2, fileName);
                insert.setString(3, kind.code());
                insert.setLong(4, sizeBytes);
                insert.setTimestamp(5, Timestamp.from(now));
                insert.setTimestamp(6, Timestamp.from(now));
                insert.setTimestamp(7, Timestamp.from(now));
                insert.setTimestamp(8, remoteModifiedAt == null ? null : Timestamp.from(remoteModifiedAt));
                insert.executeUpdate();
            }
            history(connection, id, null, BankFileState.RECEIVING, "recorded before download", now);
            return find(connection, id).orElseThrow();
        });
    }

    /**
     * Moves a file to {@code to} when it is in one of {@code from}; empty when it was not (someone
     * else moved it first). Stamps the transfer and acknowledgment times that belong to {@code to}.
     */
    public Optional<BankFileRecord> move(UUID id, Set<BankFileState> from, BankFileState to, String detail,
            boolean countsAsAttempt, Instant now) {
        return transactions.inTransaction(connection -> {
            Optional<BankFileState> current = lockState(connection, id);
            if (current.isEmpty() || !from.contains(current.get())) {
                return Optional.empty();
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE bank_file SET state = ?, detail = ?, updated_at = ?, attempts = attempts + ?,
                        transfer_started_at = CASE WHEN ? THEN ? ELSE transfer_started_at END,
                        transfer_finished_at = CASE WHEN ? THEN ? ELSE transfer_finished_at END,
                        acknowledged_at = CASE WHEN ? THEN ? ELSE acknowledged_at END
                    WHERE id = ?""")) {
                Timestamp at = Timestamp.from(now);
                update.setString(1, to.code());
                update.setString(2, detail);
                update.setTimestamp(3, at);
                update.setInt(4, countsAsAttempt ? 1 : 0);
                update.setBoolean(5, to == BankFileState.UPLOADING);
                update.setTimestamp(6, at);
                update.setBoolean(7, to == BankFileState.SENT || to == BankFileState.OUTCOME_UNKNOWN);
                update.setTimestamp(8, at);
                update.setBoolean(9, to == BankFileState.ACKNOWLEDGED || to == BankFileState.REJECTED);
                update.setTimestamp(10, at);
                update.setObject(11, id);
                update.executeUpdate();
            }
            history(connection, id, current.get(), to, detail, now);
            return find(connection, id);
        });
    }

    /** Completes an inbound record after its download: hash, archive path, final state. */
    public BankFileRecord completeInbound(UUID id, String sha256, long sizeBytes, String contentSha256,
            String archivePath, BankFileState to, String detail, Instant now) {
        Check.argument(to == BankFileState.RECEIVED || to == BankFileState.UNREADABLE, "inbound end state %s", to);
        return transactions.inTransaction(connection -> {
            BankFileState current = lockState(connection, id).orElseThrow();
            Check.that(current == BankFileState.RECEIVING, "inbound file %s is %s, expected receiving", id, current);
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE bank_file SET state = ?, sha256 = ?, size_bytes = ?, content_sha256 = ?, archive_path = ?,
                        detail = ?, updated_at = ?, transfer_finished_at = ?, attempts = attempts + 1
                    WHERE id = ?""")) {
                update.setString(1, to.code());
                update.setString(2, sha256);
                update.setLong(3, sizeBytes);
                update.setString(4, contentSha256);
                update.setString(5, archivePath);
                update.setString(6, detail);
                update.setTimestamp(7, Timestamp.from(now));
                update.setTimestamp(8, Timestamp.from(now));
                update.setObject(9, id);
                update.executeUpdate();
            }
            history(connection, id, current, to, detail, now);
            return find(connection, id).orElseThrow();
        });
    }

    /** Forgets an inbound record whose download did not finish, so the next poll starts it again. */
    public void abandonInbound(UUID id) {
        transactions.inTransaction(connection -> {
            try (PreparedStatement history = connection.prepareStatement(
                    "DELETE FROM bank_file_history WHERE file_id = ?");
                    PreparedStatement file = connection.prepareStatement(
                            "DELETE FROM bank_file WHERE id = ? AND direction = 'inbound' AND state = 'receiving'")) {
                history.setObject(1, id);
                history.executeUpdate();
                file.setObject(1, id);
                return file.executeUpdate();
            }
        });
    }

    public Optional<BankFileRecord> findOutbound(String fileName) {
        return transactions.read(connection -> findOutbound(connection, fileName));
    }

    public Optional<BankFileRecord> find(UUID id) {
        return transactions.read(connection -> find(connection, id));
    }

    public Optional<BankFileRecord> findOutboundBySha256(String sha256) {
        return first("SELECT * FROM bank_file WHERE direction = 'outbound' AND sha256 = ? ORDER BY created_at", sha256);
    }

    /** The latest inbound record of a listed file (same name, size and modification time), if any. */
    public Optional<BankFileRecord> findInboundListing(String fileName, long sizeBytes, Instant remoteModifiedAt) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT * FROM bank_file WHERE direction = 'inbound' AND file_name = ? AND size_bytes = ?
                      AND remote_modified_at IS NOT DISTINCT FROM ? ORDER BY created_at DESC LIMIT 1""")) {
                select.setString(1, fileName);
                select.setLong(2, sizeBytes);
                select.setTimestamp(3, remoteModifiedAt == null ? null : Timestamp.from(remoteModifiedAt));
                return readAll(select).stream().findFirst();
            }
        });
    }

    public boolean inboundReceived(String fileName, String sha256) {
        return first("SELECT * FROM bank_file WHERE direction = 'inbound' AND file_name = ? AND sha256 = ?",
                fileName, sha256).isPresent();
    }

    /** Files of a direction in any of the states, oldest first, at most {@code limit} (recovery works through them in order). */
    public List<BankFileRecord> list(FileDirection direction, Set<BankFileState> states, int limit) {
        return select(direction, states, limit, "ORDER BY created_at, id");
    }

    /** The same, newest first: what an operator looking at the bank files wants to see first. */
    public List<BankFileRecord> latest(FileDirection direction, Set<BankFileState> states, int limit) {
        return select(direction, states, limit, "ORDER BY created_at DESC, id DESC");
    }

    private List<BankFileRecord> select(FileDirection direction, Set<BankFileState> states, int limit, String order) {
        Check.argument(limit > 0 && limit <= LIST_LIMIT_MAX, "limit must be 1..%d, got %d", LIST_LIMIT_MAX, limit);
        String[] codes = states.stream().map(BankFileState::code).toArray(String[]::new);
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT * FROM bank_file WHERE direction = ? AND state = ANY (?) " + order + " LIMIT ?")) {
                select.setString(1, direction.code());
                select.setArray(2, connection.createArrayOf("text", codes));
                select.setInt(3, limit);
                return readAll(select);
            }
        });
    }

    private Optional<BankFileRecord> first(String sql, String... values) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql + " LIMIT 1")) {
                for (int index = 0; index < values.length; index++) {
                    select.setString(index + 1, values[index]);
                }
                return readAll(select).stream().findFirst();
            }
        });
    }

    private static Optional<BankFileRecord> findOutbound(Connection connection, String fileName) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM bank_file WHERE direction = 'outbound' AND file_name = ?")) {
            select.setString(1, fileName);
            return readAll(select).stream().findFirst();
        }
    }

    private static Optional<BankFileRecord> find(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM bank_file WHERE id = ?")) {
            select.setObject(1, id);
            return readAll(select).stream().findFirst();
        }
    }

    private static Optional<BankFileState> lockState(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT state FROM bank_file WHERE id = ? FOR UPDATE")) {
            select.setObject(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(BankFileState.fromCode(rows.getString(1))) : Optional.empty();
            }
        }
    }

    private static void history(Connection connection, UUID id, BankFileState from, BankFileState to, String detail,
            Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO bank_file_history (file_id, at, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setTimestamp(2, Timestamp.from(now));
            insert.setString(3, from == null ? null : from.code());
            insert.setString(4, to.code());
            insert.setString(5, detail);
            insert.executeUpdate();
        }
    }

    private static void bindNewFile(PreparedStatement insert, NewFile file, Instant now) throws SQLException {
        insert.setObject(1, file.id());
        insert.setString(2, file.fileName());
        insert.setString(3, file.kind().code());
        insert.setString(4, file.sha256());
        insert.setLong(5, file.sizeBytes());
        insert.setString(6, file.contentSha256());
        insert.setString(7, file.archivePath());
        insert.setTimestamp(8, Timestamp.from(now));
        insert.setTimestamp(9, Timestamp.from(now));
    }

    private static List<BankFileRecord> readAll(PreparedStatement select) throws SQLException {
        List<BankFileRecord> records = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                records.add(read(rows));
            }
        }
        return records;
    }

    private static BankFileRecord read(ResultSet row) throws SQLException {
        long size = row.getLong("size_bytes");
        Long sizeBytes = row.wasNull() ? null : size;
        return new BankFileRecord(
                row.getObject("id", UUID.class),
                FileDirection.fromCode(row.getString("direction")),
                row.getString("file_name"),
                BankFileKind.fromCode(row.getString("kind")),
                BankFileState.fromCode(row.getString("state")),
                row.getString("sha256"),
                sizeBytes,
                row.getString("content_sha256"),
                row.getInt("attempts"),
                row.getString("archive_path"),
                row.getString("detail"),
                instant(row, "created_at"),
                instant(row, "updated_at"),
                instant(row, "transfer_started_at"),
                instant(row, "transfer_finished_at"),
                instant(row, "acknowledged_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** An outbound file as recorded before its first upload. */
    public record NewFile(UUID id, String fileName, BankFileKind kind, String sha256, long sizeBytes,
            String contentSha256, String archivePath) {}
}
