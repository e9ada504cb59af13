package io.payrail.store.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.payrail.platform.Json;
import io.payrail.store.EventEnvelope;
import io.payrail.store.RecordedEvent;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Turns rows of {@code store_event} back into events, exactly as they were appended.
 *
 * <p>The payload columns are {@code text} (migration V3; {@code json} before, the same bytes), returned
 * as stored: taken as the UTF-8 bytes the server sent and parsed by Jackson straight from them (no
 * intermediate String), with readers built once.
 */
public final class EventRows {
    public static final String COLUMNS = "position, stream, revision, event_id, type, source, subject, time, "
            + "schema_version, trace_id, causation_id, correlation_id, tenant_id, metadata, data, recorded_at";

    private static final ObjectReader TREE = Json.mapper().reader();
    private static final ObjectReader METADATA = Json.mapper().readerFor(new TypeReference<Map<String, String>>() {});

    private EventRows() {}

    public static RecordedEvent read(ResultSet row) throws SQLException {
        byte[] metadataJson = row.getBytes(14);
        EventEnvelope envelope = new EventEnvelope(
                row.getObject(4, UUID.class),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getObject(8, OffsetDateTime.class).toInstant(),
                parse(row.getBytes(15)),
                row.getInt(9),
                row.getString(10),
                row.getString(11),
                row.getString(12),
                row.getString(13),
                metadataJson == null ? Map.of() : parseMetadata(metadataJson));
        return new RecordedEvent(row.getLong(1), row.getString(2), row.getLong(3),
                row.getObject(16, OffsetDateTime.class).toInstant(), envelope);
    }

    private static JsonNode parse(byte[] json) {
        try {
            return TREE.readTree(json);
        } catch (IOException failure) {
            throw new IllegalStateException("stored event data is not JSON: " + failure.getMessage(), failure);
        }
    }

    private static Map<String, String> parseMetadata(byte[] json) {
        try {
            return METADATA.readValue(json);
        } catch (IOException failure) {
            throw new IllegalStateException("stored event metadata is not a JSON object of strings: "
                    + failure.getMessage(), failure);
        }
    }
}
