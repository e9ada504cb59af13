package io.payrail.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.payrail.platform.Check;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upcasters per event type and from-version. On read, an event is upcast step by step (v1 to v2,
 * v2 to v3, ...) until no upcaster starts at its version, so old events stay readable in the
 * current shape while the log itself is never rewritten.
 */
public final class Upcasters {
    /** The longest chain of upcasts one event goes through; a longer chain is a registration bug. */
    public static final int CHAIN_LENGTH_MAX = 100;

    private final Map<String, Map<Integer, Upcaster>> byType = new ConcurrentHashMap<>();

    /** No upcasters yet; register them with {@link #register}. */
    public Upcasters() {}

    public static Upcasters none() {
        return new Upcasters();
    }

    /** Registers the step from {@code fromVersion} to {@code fromVersion + 1} of {@code type}. */
    public Upcasters register(String type, int fromVersion, Upcaster upcaster) {
        Check.notNull(type, "type");
        Check.notNull(upcaster, "upcaster");
        Check.argument(fromVersion >= 1, "fromVersion must be at least 1, got %d for %s", fromVersion, type);
        Upcaster previous = byType.computeIfAbsent(type, ignored -> new ConcurrentHashMap<>()).putIfAbsent(fromVersion, upcaster);
        Check.argument(previous == null, "an upcaster of %s from v%d is already registered", type, fromVersion);
        return this;
    }

    /** The event in the newest version its upcasters reach. */
    public EventEnvelope upcast(EventEnvelope event) {
        Map<Integer, Upcaster> steps = byType.get(event.type());
        if (steps == null) {
            return event;
        }
        EventEnvelope current = event;
        for (int step = 0; step < CHAIN_LENGTH_MAX; step++) {
            Upcaster upcaster = steps.get(current.schemaVersion());
            if (upcaster == null) {
                return current;
            }
            JsonNode upcast = upcaster.upcast(current.data().deepCopy());
            Check.that(upcast != null, "the upcaster of %s from v%d returned null for event %s",
                    event.type(), current.schemaVersion(), event.id());
            current = current.withData(upcast, current.schemaVersion() + 1);
        }
        throw new IllegalStateException("upcasting " + event.type() + " from v" + event.schemaVersion()
                + " took more than " + CHAIN_LENGTH_MAX + " steps");
    }
}
