package io.payrail.bus.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.platform.Check;
import io.payrail.store.AppendResult;
import io.payrail.store.EventEnvelope;
import io.payrail.store.EventStore;
import io.payrail.store.ExpectedRevision;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The events the bus bench appends: payment-like payloads of about 1 KiB spread over 1,000 subjects. */
final class BenchEvents {
    /** Events per append when filling the log for the replay. */
    static final int FILL_BATCH_EVENTS = 5_000;
    private static final int INVOICE_LINES = 6;

    private BenchEvents() {}

    /**
     * About 1 KiB of JSON, shaped like the store bench's {@code bench.payment.recorded} (a payment with
     * six invoice lines), so that the bus reads and decodes what the store bench writes.
     */
    static EventEnvelope event(long sequence, Instant time) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("paymentId", "payment-" + sequence);
        data.put("tenantId", "tenant-" + sequence % 500);
        data.put("amountMinor", 1_000 + sequence % 9_000);
        data.put("currency", "USD");
        data.put("status", "settled");
        data.put("payeeReference", "sha256:" + Long.toHexString(sequence * 0x9E3779B97F4A7C15L)
                + Long.toHexString(~sequence * 0xC2B2AE3D27D4EB4FL) + Long.toHexString(sequence * 0x165667B19E3779F9L)
                + Long.toHexString(~sequence * 0x27D4EB2F165667C5L));
        data.put("memo", "Payment of vendor invoices for the month, scheduled by the accounts payable team; "
                + "approved under the tenant's two-person rule and sent by ACH same-day.");
        data.put("sequence", sequence);
        ArrayNode lines = data.putArray("lines");
        for (int line = 0; line < INVOICE_LINES; line++) {
            lines.addObject().put("invoice", "INV-" + (100_000 + (sequence * 7 + line) % 900_000))
                    .put("amountMinor", (sequence * 31 + line) % 1_000_000)
                    .put("glAccount", "6" + (100 + (sequence + line) % 900) + "-operating-expenses");
        }
        return new EventEnvelope(UUID.randomUUID(), "bench.payment.settled", "payrail/bench", "payment-" + sequence % 1_000,
                time, data, 1, null, null, null, "bench", Map.of());
    }

    /** Appends events in large batches until the log holds at least {@code events}. */
    static void fill(EventStore store, long events, PrintStream progress) {
        long head = store.headPosition();
        long sequence = 0;
        long startNanos = System.nanoTime();
        while (head < events) {
            int batch = (int) Math.min(FILL_BATCH_EVENTS, events - head);
            List<EventEnvelope> envelopes = new ArrayList<>(batch);
            for (int index = 0; index < batch; index++) {
                envelopes.add(event(sequence++, Instant.EPOCH.plusMillis(sequence)));
            }
            AppendResult result = store.append("bench-fill-" + UUID.randomUUID(), ExpectedRevision.noStream(), envelopes);
            Check.that(result instanceof AppendResult.Appended, "bench fill append failed: %s", result);
            head = ((AppendResult.Appended) result).lastPosition();
            if (sequence % 100_000 < batch) {
                progress.println("bus bench: log holds " + head + " events");
            }
        }
        progress.printf("bus bench: log filled to %d events in %.1f s%n", head, (System.nanoTime() - startNanos) / 1e9);
    }
}
