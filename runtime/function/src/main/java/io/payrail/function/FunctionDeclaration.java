package io.payrail.function;

import io.payrail.platform.Check;
import java.util.List;

/**
 * A function as declared in code: its name, its single trigger, its limits, the event types it
 * publishes and consumes (the catalog is drawn from these, never guessed) and its handler.
 */
public record FunctionDeclaration(
        String name,
        String description,
        Trigger trigger,
        Limits limits,
        List<String> publishes,
        List<String> consumes,
        FunctionHandler handler) {
    /** The longest function name. */
    public static final int NAME_LENGTH_MAX = 100;
    /** The most event types one function may publish or consume. */
    public static final int EVENT_TYPES_MAX = 50;

    public FunctionDeclaration {
        Check.notNull(name, "name");
        Check.argument(name.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*") && name.length() <= NAME_LENGTH_MAX,
                "function name must be lowercase words joined by '-' or '.', at most %d characters, got '%s'",
                NAME_LENGTH_MAX, name);
        description = description == null ? "" : description;
        Check.notNull(trigger, "trigger");
        Check.notNull(limits, "limits");
        Check.notNull(handler, "handler");
        publishes = List.copyOf(publishes == null ? List.of() : publishes);
        consumes = List.copyOf(consumes == null ? List.of() : consumes);
        Check.argument(publishes.size() <= EVENT_TYPES_MAX && consumes.size() <= EVENT_TYPES_MAX,
                "function %s: at most %d published and %d consumed event types", name, EVENT_TYPES_MAX, EVENT_TYPES_MAX);
        Check.argument(publishes.stream().distinct().count() == publishes.size(),
                "function %s: publishes lists an event type twice: %s", name, publishes);
        Check.argument(consumes.stream().distinct().count() == consumes.size(),
                "function %s: consumes lists an event type twice: %s", name, consumes);
    }

    /** Starts a declaration with {@link Limits#DEFAULT}. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** A fluent way to declare a function in code. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private Trigger trigger;
        private Limits limits = Limits.DEFAULT;
        private List<String> publishes = List.of();
        private List<String> consumes = List.of();

        private Builder(String name) {
            this.name = name;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder trigger(Trigger value) {
            Check.that(trigger == null, "function %s: a function has exactly one trigger, already %s", name, trigger);
            trigger = value;
            return this;
        }

        public Builder limits(Limits value) {
            limits = value;
            return this;
        }

        public Builder publishes(String... eventTypes) {
            publishes = List.of(eventTypes);
            return this;
        }

        public Builder consumes(String... eventTypes) {
            consumes = List.of(eventTypes);
            return this;
        }

        public FunctionDeclaration handler(FunctionHandler handler) {
            return new FunctionDeclaration(name, description, trigger, limits, publishes, consumes, handler);
        }
    }
}
