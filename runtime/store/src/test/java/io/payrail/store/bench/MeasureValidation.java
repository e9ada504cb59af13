package io.payrail.store.bench;

import io.payrail.store.EventEnvelope;
import io.payrail.store.ExpectedRevision;
import io.payrail.store.SchemaRegistry;
import io.payrail.store.internal.AppendValidator;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** Measures the client-side cost of one bench event: build, write as JSON, validate. */
public final class MeasureValidation {
    private MeasureValidation() {}

    public static void main(String[] arguments) {
        SchemaRegistry schemas = SchemaRegistry.strict().registerFromClasspath(BenchEvents.TYPE, 1);
        AppendValidator validator = new AppendValidator(schemas, 256 * 1024);
        SplittableRandom random = new SplittableRandom(1);
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            int bytes = 0;
            for (int index = 0; index < 20_000; index++) {
                EventEnvelope event = BenchEvents.event(random, Instant.EPOCH);
                var outcome = validator.check("s", ExpectedRevision.any(), List.of(event));
                bytes += ((AppendValidator.Ready) outcome).append().dataJson().getFirst().length();
            }
            System.err.printf("%.1f us per event, %d bytes each%n", (System.nanoTime() - start) / 1e3 / 20_000, bytes / 20_000);
        }
    }
}
