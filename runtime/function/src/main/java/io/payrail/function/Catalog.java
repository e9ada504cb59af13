package io.payrail.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.platform.Check;
import io.payrail.platform.Json;
import java.util.List;
import java.util.Locale;

/**
 * What {@code payrail catalog --format text|json|dot} prints: every function with its trigger and
 * limits, every event type with its schema, publishers and subscribers. {@code dot} draws the graph
 * (Graphviz): functions, event types, queues, schedules, routes and rules as nodes; edges say
 * trigger, publishes or consumes.
 */
public final class Catalog {
    private Catalog() {}

    public enum Format {
        TEXT,
        JSON,
        DOT;

        /** Parses a CLI value; an unknown one throws a one-line message. */
        public static Format parse(String text) {
            Check.argument(text != null, "catalog format is missing: use text, json or dot");
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "text" -> TEXT;
                case "json" -> JSON;
                case "dot" -> DOT;
                default -> throw new IllegalArgumentException("unknown catalog format '" + text + "': use text, json or dot");
            };
        }
    }

    public static String render(FunctionRegistry registry, Format format) {
        Check.notNull(registry, "registry");
        return switch (Check.notNull(format, "format")) {
            case TEXT -> text(registry);
            case JSON -> json(registry);
            case DOT -> CatalogGraph.dot(registry);
        };
    }

    /** One line describing a trigger, for example {@code queue settle-payments}. */
    public static String describe(Trigger trigger) {
        return switch (trigger) {
            case Trigger.Http http -> "http " + http.method() + " " + http.path();
            case Trigger.Rule rule -> "rule " + rule.name() + " " + rule.pattern().replaceAll("\\s+", " ");
            case Trigger.Queue queue -> "queue " + queue.name();
            case Trigger.Schedule schedule -> "schedule " + schedule.name() + " " + schedule.expression().text()
                    + " (missed ticks: " + schedule.catchUp().missed() + ")";
        };
    }

    /** One line describing limits. */
    public static String describe(Limits limits) {
        RetryPolicy retry = limits.retry();
        return "timeout " + limits.timeout() + ", reserved concurrency " + limits.reservedConcurrency() + ", "
                + retry.maxAttempts() + " attempts (backoff " + retry.initialBackoff() + " to " + retry.maxBackoff()
                + "), payload at most " + limits.maxPayloadBytes() + " bytes";
    }

    private static String text(FunctionRegistry registry) {
        StringBuilder out = new StringBuilder();
        out.append("Functions (").append(registry.functions().size()).append(")\n");
        for (FunctionDeclaration function : registry.functions()) {
            out.append("  ").append(function.name());
            if (!function.description().isEmpty()) {
                out.append(" - ").append(function.description());
            }
            out.append('\n');
            line(out, "trigger", describe(function.trigger()));
            line(out, "limits", describe(function.limits()));
            line(out, "publishes", joined(function.publishes()));
            line(out, "consumes", joined(function.consumes()));
        }
        out.append("Event types (").append(registry.eventTypes().size()).append(")\n");
        for (EventTypeEntry type : registry.eventTypes()) {
            out.append("  ").append(type.type()).append('\n');
            line(out, "schema", type.schema().orElse("(none declared)"));
            line(out, "publishers", joined(type.publishers()));
            line(out, "subscribers", joined(type.subscribers()));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append("    ").append(String.format(Locale.ROOT, "%-12s", label)).append(value).append('\n');
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? "-" : String.join(", ", values);
    }

    private static String json(FunctionRegistry registry) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode functions = root.putArray("functions");
        for (FunctionDeclaration function : registry.functions()) {
            ObjectNode node = functions.addObject().put("name", function.name()).put("description", function.description());
            node.set("trigger", trigger(function.trigger()));
            Limits limits = function.limits();
            node.putObject("limits")
                    .put("timeoutMillis", limits.timeout().toMillis())
                    .put("reservedConcurrency", limits.reservedConcurrency())
                    .put("maxAttempts", limits.retry().maxAttempts())
                    .put("initialBackoffMillis", limits.retry().initialBackoff().toMillis())
                    .put("maxBackoffMillis", limits.retry().maxBackoff().toMillis())
                    .put("maxPayloadBytes", limits.maxPayloadBytes());
            function.publishes().forEach(node.putArray("publishes")::add);
            function.consumes().forEach(node.putArray("consumes")::add);
        }
        ArrayNode eventTypes = root.putArray("eventTypes");
        for (EventTypeEntry type : registry.eventTypes()) {
            ObjectNode node = eventTypes.addObject().put("type", type.type());
            node.put("schema", type.schema().orElse(null));
            type.publishers().forEach(node.putArray("publishers")::add);
            type.subscribers().forEach(node.putArray("subscribers")::add);
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("catalog JSON could not be written: " + impossible.getMessage(), impossible);
        }
    }

    private static ObjectNode trigger(Trigger trigger) {
        ObjectNode node = Json.mapper().createObjectNode().put("kind", trigger.kind());
        switch (trigger) {
            case Trigger.Http http -> node.put("method", http.method()).put("path", http.path());
            case Trigger.Rule rule -> node.put("name", rule.name()).put("pattern", rule.pattern());
            case Trigger.Queue queue -> node.put("name", queue.name());
            case Trigger.Schedule schedule -> node.put("name", schedule.name())
                    .put("expression", schedule.expression().text())
                    .put("missedTicks", schedule.catchUp().missed().name());
        }
        return node;
    }
}
