package io.payrail.store.internal;

import io.payrail.store.EventEnvelope;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes rows of {@code store_event} in PostgreSQL's binary {@code COPY} format: fixed-size binary
 * values for numbers, ids and times, and the JSON payloads as their UTF-8 text (the binary form of
 * {@code text}, and of {@code json} before migration V3). The column order is {@link #COLUMNS}.
 */
final class EventCopyRows {
    static final String COLUMNS = "position, stream, revision, event_id, type, source, subject, time, schema_version, "
            + "trace_id, causation_id, correlation_id, tenant_id, metadata, data, recorded_at";

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short COLUMN_COUNT = 16;
    /** PostgreSQL timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private final DataOutputStream out;

    EventCopyRows(OutputStream target) throws IOException {
        this.out = new DataOutputStream(target);
        out.write(SIGNATURE);
        out.writeInt(0); // flags
        out.writeInt(0); // header extension length
    }

    void row(long position, String stream, long revision, EventEnvelope event, String metadataJson, String dataJson,
            long recordedAtMicros) throws IOException {
        out.writeShort(COLUMN_COUNT);
        int8(position);
        text(stream);
        int8(revision);
        uuid(event.id());
        text(event.type());
        text(event.source());
        text(event.subject());
        int8(micros(event.time()));
        out.writeInt(4);
        out.writeInt(event.schemaVersion());
        text(event.traceId());
        text(event.causationId());
        text(event.correlationId());
        text(event.tenantId());
        text(metadataJson);
        text(dataJson);
        int8(recordedAtMicros);
    }

    void finish() throws IOException {
        out.writeShort(-1); // trailer
        out.flush();
    }

    /**
     * Microseconds since PostgreSQL's epoch, rounded to the nearest as PostgreSQL rounds a text
     * timestamp with nanoseconds, so a time stored by COPY equals the one the insert statement stores.
     */
    static long micros(Instant time) {
        long micros = Math.addExact(Math.multiplyExact(time.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                time.getNano() / 1_000);
        return time.getNano() % 1_000 >= 500 ? micros + 1 : micros;
    }

    static Instant instant(long postgresMicros) {
        return Instant.ofEpochSecond(POSTGRES_EPOCH_SECONDS + Math.floorDiv(postgresMicros, 1_000_000L),
                Math.floorMod(postgresMicros, 1_000_000L) * 1_000);
    }

    private void int8(long value) throws IOException {
        out.writeInt(8);
        out.writeLong(value);
    }

    private void uuid(UUID value) throws IOException {
        out.writeInt(16);
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
    }

    private void text(String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
