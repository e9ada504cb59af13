package io.payrail.platform;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary {@code COPY ... FROM STDIN (FORMAT binary)} format: a header, then per
 * row the column count and each value as its length and its binary form, then a trailer. Used where a
 * module writes many rows at once (the event store's and the ledger's large batches): PostgreSQL then
 * inserts them with {@code heap_multi_insert}, one WAL record per page and the table extended many
 * pages at a time.
 */
public final class BinaryCopyRows {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int INT8_OID = 20;
    /** PostgreSQL timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private final DataOutputStream out;

    /** Writes the header to {@code target}. */
    public BinaryCopyRows(OutputStream target) throws IOException {
        this.out = new DataOutputStream(target);
        out.write(SIGNATURE);
        out.writeInt(0); // flags
        out.writeInt(0); // header extension length
    }

    /** Starts a row of {@code columns} values. */
    public void row(int columns) throws IOException {
        out.writeShort(columns);
    }

    public void int4(int value) throws IOException {
        out.writeInt(4);
        out.writeInt(value);
    }

    public void int8(long value) throws IOException {
        out.writeInt(8);
        out.writeLong(value);
    }

    /** A {@code timestamptz} given as microseconds since PostgreSQL's epoch ({@link #micros(Instant)}). */
    public void timestamp(long postgresMicros) throws IOException {
        int8(postgresMicros);
    }

    /** A {@code uuid}, or SQL NULL for {@code null}. */
    public void uuid(UUID value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(16);
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
    }

    /** A {@code text} (or {@code json}, whose binary form is its text), or SQL NULL for {@code null}. */
    public void text(String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** A one-dimensional {@code bigint[]} without nulls, or SQL NULL for {@code null}. */
    public void int8Array(long[] values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(20 + values.length * 12);
        out.writeInt(1); // dimensions
        out.writeInt(0); // no nulls
        out.writeInt(INT8_OID);
        out.writeInt(values.length);
        out.writeInt(1); // lower bound
        for (long value : values) {
            int8(value);
        }
    }

    /** Writes the trailer and flushes. */
    public void finish() throws IOException {
        out.writeShort(-1);
        out.flush();
    }

    /**
     * Microseconds since PostgreSQL's epoch, rounded to the nearest as PostgreSQL rounds a text
     * timestamp with nanoseconds, so a time stored by COPY equals the one a statement stores.
     */
    public static long micros(Instant time) {
        long micros = Math.addExact(Math.multiplyExact(time.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                time.getNano() / 1_000);
        return time.getNano() % 1_000 >= 500 ? micros + 1 : micros;
    }

    /** The instant of microseconds since PostgreSQL's epoch. */
    public static Instant instant(long postgresMicros) {
        return Instant.ofEpochSecond(POSTGRES_EPOCH_SECONDS + Math.floorDiv(postgresMicros, 1_000_000L),
                Math.floorMod(postgresMicros, 1_000_000L) * 1_000);
    }

    /** Microseconds since PostgreSQL's epoch, truncated (the ledger's journal times were always truncated). */
    public static long truncatedMicros(Instant time) {
        return (time.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + time.getNano() / 1_000;
    }
}
