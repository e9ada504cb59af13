package io.payrail.function;

import java.util.Optional;

/**
 * Where the catalog finds an event type's schema. The seam for the event store's schema registry:
 * until one is wired, schemas are the resource names declared in the registry.
 */
@FunctionalInterface
public interface SchemaSource {
    SchemaSource NONE = eventType -> Optional.empty();

    /** A description of the schema of {@code eventType} (a resource name, a registry id and version). */
    Optional<String> schemaFor(String eventType);
}
