package io.payrail.function;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The catalog as a Graphviz digraph. Node ids carry their kind ("queue:settle") so names never clash. */
final class CatalogGraph {
    private CatalogGraph() {}

    static String dot(FunctionRegistry registry) {
        Map<String, String> nodes = new LinkedHashMap<>();
        Set<String> edges = new LinkedHashSet<>();
        for (FunctionDeclaration function : registry.functions()) {
            String functionId = "function:" + function.name();
            nodes.put(functionId, attributes(function.name(), "box"));
            String triggerId = triggerNode(function.trigger(), nodes);
            edges.add(edge(triggerId, functionId, "trigger"));
            for (String type : function.publishes()) {
                edges.add(edge(functionId, "event:" + type, "publishes"));
            }
            for (String type : function.consumes()) {
                edges.add(edge("event:" + type, functionId, "consumes"));
            }
        }
        for (EventTypeEntry type : registry.eventTypes()) {
            nodes.put("event:" + type.type(), attributes(type.type() + type.schema().map(schema -> "\n" + schema).orElse(""), "ellipse"));
        }
        StringBuilder out = new StringBuilder("digraph catalog {\n  rankdir=LR;\n");
        nodes.forEach((id, attributes) -> out.append("  ").append(quote(id)).append(' ').append(attributes).append(";\n"));
        edges.forEach(edge -> out.append("  ").append(edge).append(";\n"));
        return out.append("}\n").toString();
    }

    private static String triggerNode(Trigger trigger, Map<String, String> nodes) {
        String id = switch (trigger) {
            case Trigger.Http http -> "route:" + http.method() + " " + http.path();
            case Trigger.Rule rule -> "rule:" + rule.name();
            case Trigger.Queue queue -> "queue:" + queue.name();
            case Trigger.Schedule schedule -> "schedule:" + schedule.name();
        };
        String attributes = switch (trigger) {
            case Trigger.Http http -> attributes(http.method() + " " + http.path(), "cds");
            case Trigger.Rule rule -> attributes("rule " + rule.name(), "diamond");
            case Trigger.Queue queue -> attributes("queue " + queue.name(), "cylinder");
            case Trigger.Schedule schedule -> attributes("schedule " + schedule.name() + "\n" + schedule.expression().text(), "hexagon");
        };
        nodes.put(id, attributes);
        return id;
    }

    private static String attributes(String label, String shape) {
        return "[label=" + quote(label) + ", shape=" + shape + "]";
    }

    private static String edge(String from, String to, String label) {
        return quote(from) + " -> " + quote(to) + " [label=" + quote(label) + "]";
    }

    /** A DOT string: backslashes and quotes escaped, newlines as DOT's centred line break. */
    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
