package io.payrail.ledger.internal;

import io.payrail.ledger.api.Balances;
import io.payrail.platform.BinaryCopyRows;
import io.payrail.platform.Check;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    private static final int COLUMNS = 15;

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
        long createdAt = BinaryCopyRows.truncatedMicros(time);
        try {
            BinaryCopyRows out = new BinaryCopyRows(bytes);
            for (int index = 0; index < transfers.size(); index++) {
                TransferRecord transfer = transfers.get(index);
                Check.that(transfer.ledger() == ledger, "transfer %s is on ledger %s, batch on %s", transfer.id(),
                        transfer.ledger(), ledger);
                out.row(COLUMNS);
                out.int4(ledger);
                out.int8(transfer.position());
                out.uuid(transfer.id());
                out.uuid(transfer.debitAccountId());
                out.uuid(transfer.creditAccountId());
                out.int8(transfer.amount());
                out.int8(transfer.requestedAmount());
                out.uuid(transfer.pendingId());
                out.int4(transfer.code());
                out.int4(transfer.flags());
                out.int8(transfer.timeoutSeconds());
                out.text(transfer.metadata());
                out.timestamp(createdAt);
                out.int8Array(balances(kept.debit(index)));
                out.int8Array(balances(kept.credit(index)));
            }
            out.finish();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** The four balances as the journal's bigint[4], or null where the row carries none. */
    private static long[] balances(Balances balances) {
        return balances == null ? null : new long[] {balances.debitsPending(), balances.debitsPosted(),
            balances.creditsPending(), balances.creditsPosted()};
    }
}
