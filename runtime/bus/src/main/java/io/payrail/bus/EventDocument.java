package io.payrail.bus;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.store.EventEnvelope;

/**
 * Renders an envelope as the JSON document rules match against. The shape is EventBridge's
 * ({@code detail-type}, {@code detail}), so patterns copied from AWS documentation work unchanged:
 *
 * <pre>{@code
 * {"version": "0", "id": "...", "detail-type": "payment.settled", "source": "payrail/payments",
 *  "subject": "...", "time": "2026-01-01T00:00:00Z", "tenantId": "...", "schemaVersion": 1,
 *  "correlationId": "...", "detail": { ...payload... }}
 * }</pre>
 *
 * Absent optional attributes (subject, tenantId, correlationId) are left out, so {@code exists: false}
 * matches them.
 */
public final class EventDocument {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventDocument() {}

    public static ObjectNode of(EventEnvelope envelope) {
        ObjectNode document = NODES.objectNode();
        document.put("version", "0");
        document.put("id", envelope.id().toString());
        document.put("detail-type", envelope.type());
        document.put("source", envelope.source());
        putIfPresent(document, "subject", envelope.subject());
        document.put("time", envelope.time().toString());
        putIfPresent(document, "tenantId", envelope.tenantId());
        document.put("schemaVersion", envelope.schemaVersion());
        putIfPresent(document, "correlationId", envelope.correlationId());
        document.set("detail", envelope.data());
        return document;
    }

    private static void putIfPresent(ObjectNode document, String field, String value) {
        if (value != null) {
            document.put(field, value);
        }
    }
}
