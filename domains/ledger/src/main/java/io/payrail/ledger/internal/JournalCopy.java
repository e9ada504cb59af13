package io.payrail.ledger.internal;

import io.payrail.ledger.api.Balances;
import io.payrail.platform.Check;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Journal rows of a large batch by {@code COPY … FROM STDIN (FORMAT binary)}: no array literals to build
 * or parse, and PostgreSQL inserts the heap rows in multi-row batches (fewer WAL records). Runs inside
 * the batch's explicit transaction, after the fenced {@code ledger_write_batch} call, so the batch still
 * commits whole or not at all.
 */
final class JournalCopy {
    /** Batches with at least this many journal rows are copied; smaller ones go in the single function call. */
    static final int COPY_ROWS_MIN = 256;

    private static final String SQL = "COPY ledger_transfer (" + TransferRows.COLUMNS + ") FROM STDIN (FORMAT binary)";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short COLUMNS = 15;
    private static final int INT8_OID = 20;
    /** PostgreSQL timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private JournalCopy() {}

    /** Copies the rows; returns how many the server stored. */
    static long copy(Connection connection, int ledger, List<TransferRecord> transfers, Instant time,
            Map<UUID, AccountState> accounts) throws SQLException {
        byte[] data = encode(ledger, transfers, time, accounts);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(SQL);
        try {
            copy.writeToCopy(data, 0, data.length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    static byte[] encode(int ledger, List<TransferRecord> transfers, Instant time, Map<UUID, AccountState> accounts) {
        KeptBalances kept = KeptBalances.of(transfers, accounts);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + transfers.size() * 192);
        DataOutputStream out = new DataOutputStream(bytes);
        long createdAt = (time.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + time.getNano() / 1_000;
        try {
            out.write(SIGNATURE);
            out.writeInt(0); // flags
            out.writeInt(0); // header extension length
            for (int index = 0; index < transfers.size(); index++) {
                TransferRecord transfer = transfers.get(index);
                Check.that(transfer.ledger() == ledger, "transfer %s is on ledger %s, batch on %s", transfer.id(),
                        transfer.ledger(), ledger);
                out.writeShort(COLUMNS);
                int4(out, ledger);
                int8(out, transfer.position());
                uuid(out, transfer.id());
                uuid(out, transfer.debitAccountId());
                uuid(out, transfer.creditAccountId());
                int8(out, transfer.amount());
                int8(out, transfer.requestedAmount());
                uuid(out, transfer.pendingId());
                int4(out, transfer.code());
                int4(out, transfer.flags());
                int8(out, transfer.timeoutSeconds());
                text(out, transfer.metadata());
                int8(out, createdAt);
                balances(out, kept.debit(index));
                balances(out, kept.credit(index));
            }
            out.writeShort(-1); // trailer
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    private static void int4(DataOutputStream out, int value) throws IOException {
        out.writeInt(4);
        out.writeInt(value);
    }

    private static void int8(DataOutputStream out, long value) throws IOException {
        out.writeInt(8);
        out.writeLong(value);
    }

    private static void uuid(DataOutputStream out, UUID value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(16);
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** A one-dimensional bigint[4] without nulls, in PostgreSQL's binary array form. */
    private static void balances(DataOutputStream out, Balances balances) throws IOException {
        if (balances == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(20 + 4 * 12);
        out.writeInt(1); // dimensions
        out.writeInt(0); // no nulls
        out.writeInt(INT8_OID);
        out.writeInt(4); // length
        out.writeInt(1); // lower bound
        for (long value : new long[] {balances.debitsPending(), balances.debitsPosted(), balances.creditsPending(),
            balances.creditsPosted()}) {
            out.writeInt(8);
            out.writeLong(value);
        }
    }
}
