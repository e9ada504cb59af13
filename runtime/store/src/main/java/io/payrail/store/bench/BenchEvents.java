package io.payrail.store.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.platform.Json;
import io.payrail.store.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** Realistic bench events: about 1 KiB of JSON that follows {@code schemas/bench.payment.recorded.v1.json}. */
final class BenchEvents {
    static final String TYPE = "bench.payment.recorded";
    private static final List<String> STATUSES = List.of("initiated", "approved", "submitted", "settled", "returned");
    private static final int LINES = 6;

    private BenchEvents() {}

    static EventEnvelope event(RandomGenerator random, Instant time) {
        String paymentId = new UUID(random.nextLong(), random.nextLong()).toString();
        ObjectNode data = Json.mapper().createObjectNode()
                .put("paymentId", paymentId)
                .put("tenantId", "tenant-" + random.nextInt(500))
                .put("amountMinor", 1 + random.nextLong(10_000_000))
                .put("currency", "USD")
                .put("status", STATUSES.get(random.nextInt(STATUSES.size())))
                .put("payeeReference", "sha256:" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())
                        + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()))
                .put("memo", "Payment of vendor invoices for the month, scheduled by the accounts payable team; "
                        + "approved under the tenant's two-person rule and sent by ACH same-day.");
        ArrayNode lines = data.putArray("lines");
        for (int line = 0; line < LINES; line++) {
            lines.addObject().put("invoice", "INV-" + (100_000 + random.nextInt(900_000)))
                    .put("amountMinor", random.nextLong(1_000_000))
                    .put("glAccount", "6" + (100 + random.nextInt(900)) + "-operating-expenses");
        }
        return new EventEnvelope(UUID.randomUUID(), TYPE, "payrail/bench", paymentId, time, data, 1,
                Long.toHexString(random.nextLong()), null, paymentId, "tenant-1", Map.of());
    }
}
