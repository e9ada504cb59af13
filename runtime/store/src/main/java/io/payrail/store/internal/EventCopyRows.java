package io.payrail.store.internal;

import io.payrail.platform.BinaryCopyRows;
import io.payrail.store.EventEnvelope;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Writes rows of {@code store_event} in PostgreSQL's binary {@code COPY} format: fixed-size binary
 * values for numbers, ids and times, and the JSON payloads as their UTF-8 text (the binary form of
 * {@code text}, and of {@code json} before migration V3). The column order is {@link #COLUMNS}.
 */
final class EventCopyRows {
    static final String COLUMNS = "position, stream, revision, event_id, type, source, subject, time, schema_version, "
            + "trace_id, causation_id, correlation_id, tenant_id, metadata, data, recorded_at";

    private static final int COLUMN_COUNT = 16;

    private final BinaryCopyRows out;

    EventCopyRows(OutputStream target) throws IOException {
        this.out = new BinaryCopyRows(target);
    }

    void row(long position, String stream, long revision, EventEnvelope event, String metadataJson, String dataJson,
            long recordedAtMicros) throws IOException {
        out.row(COLUMN_COUNT);
        out.int8(position);
        out.text(stream);
        out.int8(revision);
        out.uuid(event.id());
        out.text(event.type());
        out.text(event.source());
        out.text(event.subject());
        out.timestamp(micros(event.time()));
        out.int4(event.schemaVersion());
        out.text(event.traceId());
        out.text(event.causationId());
        out.text(event.correlationId());
        out.text(event.tenantId());
        out.text(metadataJson);
        out.text(dataJson);
        out.timestamp(recordedAtMicros);
    }

    void finish() throws IOException {
        out.finish();
    }

    /** Microseconds since PostgreSQL's epoch, rounded as PostgreSQL rounds ({@link BinaryCopyRows#micros}). */
    static long micros(Instant time) {
        return BinaryCopyRows.micros(time);
    }

    static Instant instant(long postgresMicros) {
        return BinaryCopyRows.instant(postgresMicros);
    }
}
