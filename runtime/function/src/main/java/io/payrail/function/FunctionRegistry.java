package io.payrail.function;

import io.payrail.function.internal.ConcurrencySlots;
import io.payrail.platform.Check;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every function of the application with its trigger and limits, and every event type with its
 * schema, publishers and subscribers. Built once at start from declarations; read by the runtime
 * (to start triggers) and by {@code payrail catalog}.
 */
public final class FunctionRegistry {
    /** The most functions one application declares. */
    public static final int FUNCTIONS_MAX = 1_000;
    /** The most event types one application declares. */
    public static final int EVENT_TYPES_MAX = 5_000;

    private final Map<String, FunctionDeclaration> functions;
    private final Map<String, EventTypeEntry> eventTypes;

    private FunctionRegistry(Map<String, FunctionDeclaration> functions, Map<String, EventTypeEntry> eventTypes) {
        this.functions = functions;
        this.eventTypes = eventTypes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All functions, by name. */
    public List<FunctionDeclaration> functions() {
        return List.copyOf(functions.values());
    }

    public Optional<FunctionDeclaration> function(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    /** The functions with a trigger of the given kind, by name. */
    public <T extends Trigger> List<FunctionDeclaration> triggeredBy(Class<T> kind) {
        return functions.values().stream().filter(function -> kind.isInstance(function.trigger())).toList();
    }

    /** All event types, by type. */
    public List<EventTypeEntry> eventTypes() {
        return List.copyOf(eventTypes.values());
    }

    public Optional<EventTypeEntry> eventType(String type) {
        return Optional.ofNullable(eventTypes.get(type));
    }

    public static final class Builder {
        private final Map<String, FunctionDeclaration> functions = new TreeMap<>();
        private final Map<String, String> declaredSchemas = new HashMap<>();
        private final Map<String, String> triggerOwners = new HashMap<>();
        private final Map<Integer, String> slotKeys = new HashMap<>();
        private SchemaSource schemaSource = SchemaSource.NONE;

        private Builder() {}

        /** Adds a function; its name, its trigger and its slot key must be its own. */
        public Builder register(FunctionDeclaration function) {
            Check.argument(functions.size() < FUNCTIONS_MAX, "at most %d functions", FUNCTIONS_MAX);
            Check.argument(!functions.containsKey(function.name()), "function %s is declared twice", function.name());
            String trigger = triggerKey(function.trigger());
            String owner = triggerOwners.putIfAbsent(trigger, function.name());
            Check.argument(owner == null, "functions %s and %s both declare the trigger %s: a trigger runs one function",
                    owner, function.name(), trigger);
            String clash = slotKeys.putIfAbsent(ConcurrencySlots.functionKey(function.name()), function.name());
            Check.argument(clash == null, "functions %s and %s have the same slot key: rename one", clash, function.name());
            functions.put(function.name(), function);
            return this;
        }

        /** Declares an event type's schema resource (used when the schema source knows no better). */
        public Builder eventType(String type, String schemaResource) {
            Check.argument(type != null && !type.isBlank(), "event type must not be blank");
            Check.argument(declaredSchemas.put(type, Check.notNull(schemaResource, "schemaResource")) == null,
                    "event type %s is declared twice", type);
            return this;
        }

        /** Where schemas are looked up first (the event store's schema registry). */
        public Builder schemaSource(SchemaSource source) {
            schemaSource = Check.notNull(source, "source");
            return this;
        }

        public FunctionRegistry build() {
            Map<String, TreeSet<String>> publishers = new TreeMap<>();
            Map<String, TreeSet<String>> subscribers = new TreeMap<>();
            for (FunctionDeclaration function : functions.values()) {
                function.publishes().forEach(type -> publishers.computeIfAbsent(type, key -> new TreeSet<>()).add(function.name()));
                function.consumes().forEach(type -> subscribers.computeIfAbsent(type, key -> new TreeSet<>()).add(function.name()));
            }
            TreeSet<String> types = new TreeSet<>(declaredSchemas.keySet());
            types.addAll(publishers.keySet());
            types.addAll(subscribers.keySet());
            Check.argument(types.size() <= EVENT_TYPES_MAX, "at most %d event types, got %d", EVENT_TYPES_MAX, types.size());
            Map<String, EventTypeEntry> eventTypes = new TreeMap<>();
            for (String type : types) {
                Optional<String> schema = schemaSource.schemaFor(type).or(() -> Optional.ofNullable(declaredSchemas.get(type)));
                eventTypes.put(type, new EventTypeEntry(type, schema,
                        new ArrayList<>(publishers.getOrDefault(type, new TreeSet<>())),
                        new ArrayList<>(subscribers.getOrDefault(type, new TreeSet<>()))));
            }
            return new FunctionRegistry(new TreeMap<>(functions), eventTypes);
        }

        private static String triggerKey(Trigger trigger) {
            return switch (trigger) {
                case Trigger.Http http -> "http " + http.method() + " " + http.path();
                case Trigger.Rule rule -> "rule " + rule.name();
                case Trigger.Queue queue -> "queue " + queue.name();
                case Trigger.Schedule schedule -> "schedule " + schedule.name();
            };
        }
    }
}
