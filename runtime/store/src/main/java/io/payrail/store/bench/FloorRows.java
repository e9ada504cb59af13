package io.payrail.store.bench;

import io.payrail.platform.BinaryCopyRows;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;
import org.postgresql.PGConnection;

/**
 * The floor bench's rows: a stream picked at random, the stream's next revision (distinct, so the
 * {@code (stream, revision)} constraint is paid as in the store, in whatever order the commits
 * land), a fresh event id and a payload from the set built beforehand.
 */
final class FloorRows {
    /** Every column the floor writes, in order; {@code position} comes from the table's default. */
    static final String COLUMNS = "stream, revision, event_id, type, source, subject, time, schema_version, trace_id, "
            + "causation_id, correlation_id, tenant_id, metadata, data, recorded_at";
    private static final int COLUMN_COUNT = 15;
    static final String TYPE = BenchEvents.TYPE;
    static final String SOURCE = "payrail/bench";
    static final String TENANT = "tenant-1";
    static final String TIME = "2027-01-15T08:00:00Z";
    private static final long TIME_MICROS = BinaryCopyRows.micros(Instant.parse(TIME));

    private final String[] payloads;
    private final AtomicLongArray revisions;

    FloorRows(String[] payloads, int streams) {
        this.payloads = payloads;
        this.revisions = new AtomicLongArray(streams);
    }

    /** One row's varying values. */
    record Row(String stream, long revision, UUID eventId, String data) {}

    Row next(SplittableRandom random) {
        int stream = random.nextInt(revisions.length());
        return new Row("bench-" + stream, revisions.getAndIncrement(stream), new UUID(random.nextLong(), random.nextLong()),
                payloads[random.nextInt(payloads.length)]);
    }

    /**
     * Copies {@code rows} into {@code table} in PostgreSQL's binary COPY format, as the store's own
     * large batches are written; returns the rows the server took.
     */
    static long copy(Connection connection, String table, List<Row> rows) throws SQLException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows.size() * 1_200);
        try {
            BinaryCopyRows out = new BinaryCopyRows(bytes);
            for (Row row : rows) {
                out.row(COLUMN_COUNT);
                out.text(row.stream());
                out.int8(row.revision());
                out.uuid(row.eventId());
                out.text(TYPE);
                out.text(SOURCE);
                out.text(null);
                out.timestamp(TIME_MICROS);
                out.int4(1);
                out.text(null);
                out.text(null);
                out.text(null);
                out.text(TENANT);
                out.text("{}");
                out.text(row.data());
                out.timestamp(TIME_MICROS);
            }
            out.finish();
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY " + table + " (" + COLUMNS + ") FROM STDIN (FORMAT binary)", new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to memory failed", impossible);
        }
    }
}
