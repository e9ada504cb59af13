package io.payrail.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.payrail.platform.Check;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An immutable fact as it travels: CloudEvents-like attributes around a JSON payload.
 *
 * @param id            unique id of the event, chosen by the producer (deduplication key)
 * @param type          event type, for example {@code ledger.transfer.posted}
 * @param source        the producing component, for example {@code payrail/ledger}
 * @param subject       what the event is about, for example a payment id
 * @param time          when it happened according to the producer's injected clock
 * @param data          the payload; never holds personal data in clear
 * @param schemaVersion the version of {@code type}'s schema the payload follows
 * @param traceId       the trace the event belongs to (from the trigger that caused it)
 * @param causationId   the id of the event or request that caused this one
 * @param correlationId the id shared by every event of one business process
 * @param tenantId      the tenant the event belongs to
 * @param metadata      free-form string attributes (bounded by the payload limit)
 */
public record EventEnvelope(
        UUID id,
        String type,
        String source,
        String subject,
        Instant time,
        JsonNode data,
        int schemaVersion,
        String traceId,
        String causationId,
        String correlationId,
        String tenantId,
        Map<String, String> metadata) {

    public EventEnvelope {
        Check.notNull(id, "id");
        Check.notNull(type, "type");
        Check.argument(!type.isBlank() && type.length() <= 200, "event type must be 1..200 characters: '%s'", type);
        Check.notNull(source, "source");
        Check.notNull(time, "time");
        Check.notNull(data, "data");
        Check.argument(schemaVersion >= 1, "schemaVersion must be at least 1, got %d", schemaVersion);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** The same envelope with another payload and schema version (what an upcaster returns). */
    public EventEnvelope withData(JsonNode newData, int newSchemaVersion) {
        return new EventEnvelope(id, type, source, subject, time, newData, newSchemaVersion, traceId,
                causationId, correlationId, tenantId, metadata);
    }
}
