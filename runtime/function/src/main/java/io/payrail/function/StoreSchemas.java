package io.payrail.function;

import io.payrail.platform.Check;
import io.payrail.store.SchemaRegistry;
import java.util.Optional;

/** The event store's schema registry as the catalog's schema source. */
public final class StoreSchemas {
    private StoreSchemas() {}

    /** Names the store's registry for every type it holds a schema of; the declared resource otherwise. */
    public static SchemaSource of(SchemaRegistry registry) {
        Check.notNull(registry, "registry");
        return type -> registry.knows(type) ? Optional.of("event store schema registry") : Optional.empty();
    }
}
