package io.payrail.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.payrail.platform.Check;
import io.payrail.platform.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schemas of milestone event types, per type and schema version. An event whose type has a
 * registered schema must follow the schema of its version; a type without any schema is a domain
 * event and is accepted as it is, unless the registry is strict, which accepts only known types.
 */
public final class SchemaRegistry {
    /** The most schemas one registry holds (types times versions). */
    public static final int SCHEMAS_MAX = 10_000;

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final Map<String, Map<Integer, JsonSchema>> schemas = new ConcurrentHashMap<>();
    private final boolean strict;

    private SchemaRegistry(boolean strict) {
        this.strict = strict;
    }

    /** A registry that accepts types it has no schema for (domain events). */
    public static SchemaRegistry lenient() {
        return new SchemaRegistry(false);
    }

    /** A registry that rejects events of a type it has no schema for. */
    public static SchemaRegistry strict() {
        return new SchemaRegistry(true);
    }

    /** Registers a schema given as JSON text; fails with the type and version when it is not JSON. */
    public SchemaRegistry register(String type, int version, String schemaJson) {
        try {
            return register(type, version, Json.mapper().readTree(schemaJson));
        } catch (IOException failure) {
            throw new IllegalArgumentException(
                    "schema of " + type + " v" + version + " is not well-formed JSON: " + failure.getMessage(), failure);
        }
    }

    public SchemaRegistry register(String type, int version, JsonNode schema) {
        Check.notNull(type, "type");
        Check.argument(version >= 1, "schema version must be at least 1, got %d for %s", version, type);
        Check.argument(schemaCount() < SCHEMAS_MAX, "a registry holds at most %d schemas", SCHEMAS_MAX);
        JsonSchema compiled = FACTORY.getSchema(schema);
        schemas.computeIfAbsent(type, ignored -> new ConcurrentHashMap<>()).put(version, compiled);
        return this;
    }

    /** Registers {@code schemas/<type>.v<version>.json} from the class path. */
    public SchemaRegistry registerFromClasspath(String type, int version) {
        String resource = "schemas/" + type + ".v" + version + ".json";
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream input = (loader != null ? loader : SchemaRegistry.class.getClassLoader()).getResourceAsStream(resource)) {
            Check.argument(input != null, "no schema resource %s on the class path", resource);
            return register(type, version, Json.mapper().readTree(input));
        } catch (IOException failure) {
            throw new IllegalArgumentException("schema resource " + resource + " is not readable JSON: " + failure.getMessage(), failure);
        }
    }

    public boolean strictMode() {
        return strict;
    }

    public boolean knows(String type) {
        return schemas.containsKey(type);
    }

    /** The problem with an event's payload, or empty when the event may be appended. */
    public Optional<String> problem(EventEnvelope event) {
        Map<Integer, JsonSchema> versions = schemas.get(event.type());
        if (versions == null) {
            return strict
                    ? Optional.of("unknown event type '" + event.type() + "': the schema registry is strict and has no schema for it")
                    : Optional.empty();
        }
        JsonSchema schema = versions.get(event.schemaVersion());
        if (schema == null) {
            return Optional.of("event type '" + event.type() + "' has no schema version " + event.schemaVersion()
                    + " (registered versions: " + new TreeMap<>(versions).keySet() + ")");
        }
        Set<ValidationMessage> messages = schema.validate(event.data());
        return messages.stream()
                .min(Comparator.comparing((ValidationMessage message) -> message.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .map(message -> "event type '" + event.type() + "' v" + event.schemaVersion()
                        + " breaks its schema at " + message.getInstanceLocation() + ": " + message.getMessage());
    }

    private int schemaCount() {
        return schemas.values().stream().mapToInt(Map::size).sum();
    }
}
