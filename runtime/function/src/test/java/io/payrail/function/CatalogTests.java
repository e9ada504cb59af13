package io.payrail.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.payrail.platform.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CatalogTests {
    private static final FunctionHandler NOTHING = context -> null;

    static FunctionRegistry paymentsRegistry() {
        return FunctionRegistry.builder()
                .register(FunctionDeclaration.named("payments.accept").description("takes a payment request")
                        .trigger(new Trigger.Http("post", "/payments")).publishes("payment.requested").handler(NOTHING))
                .register(FunctionDeclaration.named("payments.approve")
                        .trigger(new Trigger.Rule("payment-requested", "{\"detail-type\": [\"payment.requested\"]}"))
                        .consumes("payment.requested").publishes("payment.approved").handler(NOTHING))
                .register(FunctionDeclaration.named("payments.settle")
                        .trigger(new Trigger.Queue("settle-payments"))
                        .limits(Limits.DEFAULT.withReservedConcurrency(4))
                        .consumes("payment.approved").publishes("payment.settled").handler(NOTHING))
                .register(FunctionDeclaration.named("reports.daily")
                        .trigger(Trigger.Schedule.of("daily-report", "cron(0 6 * * *)"))
                        .publishes("report.generated").handler(NOTHING))
                .eventType("payment.settled", "schemas/payment.settled.v1.json")
                .schemaSource(type -> type.equals("payment.requested") ? Optional.of("store registry: payment.requested v2") : Optional.empty())
                .build();
    }

    @Test
    void the_registry_takes_publishers_and_subscribers_from_declarations() {
        FunctionRegistry registry = paymentsRegistry();

        assertThat(registry.eventTypes()).containsExactly(
                new EventTypeEntry("payment.approved", Optional.empty(), List.of("payments.approve"), List.of("payments.settle")),
                new EventTypeEntry("payment.requested", Optional.of("store registry: payment.requested v2"),
                        List.of("payments.accept"), List.of("payments.approve")),
                new EventTypeEntry("payment.settled", Optional.of("schemas/payment.settled.v1.json"), List.of("payments.settle"), List.of()),
                new EventTypeEntry("report.generated", Optional.empty(), List.of("reports.daily"), List.of()));
        assertThat(registry.triggeredBy(Trigger.Queue.class)).extracting(FunctionDeclaration::name).containsExactly("payments.settle");
    }

    @Test
    void the_text_catalog_lists_functions_with_triggers_limits_and_event_types() {
        String text = Catalog.render(paymentsRegistry(), Catalog.Format.TEXT);

        assertThat(text).startsWith("Functions (4)\n  payments.accept - takes a payment request\n");
        assertThat(text).contains("    trigger     http POST /payments\n");
        assertThat(text).contains("    trigger     queue settle-payments\n");
        assertThat(text).contains("    limits      timeout PT30S, reserved concurrency 4, 3 attempts");
        assertThat(text).contains("    trigger     schedule daily-report cron(0 6 * * *) (missed ticks: FIRE_ONCE)\n");
        assertThat(text).contains("Event types (4)\n  payment.approved\n    schema      (none declared)\n"
                + "    publishers  payments.approve\n    subscribers payments.settle\n");
    }

    @Test
    void the_json_catalog_carries_every_function_and_event_type() throws Exception {
        JsonNode catalog = Json.mapper().readTree(Catalog.render(paymentsRegistry(), Catalog.Format.JSON));

        assertThat(catalog.get("functions")).hasSize(4);
        JsonNode settle = catalog.get("functions").get(2);
        assertThat(settle.get("name").asText()).isEqualTo("payments.settle");
        assertThat(settle.get("trigger").get("kind").asText()).isEqualTo("queue");
        assertThat(settle.get("limits").get("reservedConcurrency").asInt()).isEqualTo(4);
        assertThat(settle.get("consumes").get(0).asText()).isEqualTo("payment.approved");
        JsonNode requested = catalog.get("eventTypes").get(1);
        assertThat(requested.get("type").asText()).isEqualTo("payment.requested");
        assertThat(requested.get("publishers").get(0).asText()).isEqualTo("payments.accept");
        assertThat(requested.get("subscribers").get(0).asText()).isEqualTo("payments.approve");
    }

    @Test
    void the_dot_catalog_is_a_digraph_of_triggers_functions_and_event_types() {
        Graph graph = Graph.parse(Catalog.render(paymentsRegistry(), Catalog.Format.DOT));

        assertThat(graph.shapes()).containsEntry("function:payments.settle", "box")
                .containsEntry("queue:settle-payments", "cylinder")
                .containsEntry("schedule:daily-report", "hexagon")
                .containsEntry("event:payment.settled", "ellipse")
                .containsEntry("route:POST /payments", "cds")
                .containsEntry("rule:payment-requested", "diamond")
                .hasSize(12);
        assertThat(graph.edges()).containsExactlyInAnyOrder(
                "route:POST /payments -trigger-> function:payments.accept",
                "function:payments.accept -publishes-> event:payment.requested",
                "rule:payment-requested -trigger-> function:payments.approve",
                "event:payment.requested -consumes-> function:payments.approve",
                "function:payments.approve -publishes-> event:payment.approved",
                "queue:settle-payments -trigger-> function:payments.settle",
                "event:payment.approved -consumes-> function:payments.settle",
                "function:payments.settle -publishes-> event:payment.settled",
                "schedule:daily-report -trigger-> function:reports.daily",
                "function:reports.daily -publishes-> event:report.generated");
    }

    @Test
    void a_trigger_runs_one_function_and_a_name_is_declared_once() {
        FunctionDeclaration first = FunctionDeclaration.named("first").trigger(new Trigger.Queue("shared")).handler(NOTHING);
        FunctionDeclaration second = FunctionDeclaration.named("second").trigger(new Trigger.Queue("shared")).handler(NOTHING);
        FunctionDeclaration again = FunctionDeclaration.named("first").trigger(new Trigger.Queue("other")).handler(NOTHING);

        assertThatThrownBy(() -> FunctionRegistry.builder().register(first).register(second))
                .hasMessage("functions first and second both declare the trigger queue shared: a trigger runs one function");
        assertThatThrownBy(() -> FunctionRegistry.builder().register(first).register(again))
                .hasMessage("function first is declared twice");
    }

    @Test
    void an_unknown_format_gets_a_one_line_message() {
        assertThat(Catalog.Format.parse(" DOT ")).isEqualTo(Catalog.Format.DOT);
        assertThatThrownBy(() -> Catalog.Format.parse("yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown catalog format 'yaml': use text, json or dot");
    }

    /** Just enough of the DOT grammar to check the catalog's structure: nodes with shapes, labelled edges. */
    record Graph(Map<String, String> shapes, List<String> edges) {
        private static final String ID = "\"((?:[^\"\\\\]|\\\\.)*)\"";
        private static final Pattern NODE = Pattern.compile("^  " + ID + " \\[label=" + ID + ", shape=(\\w+)\\];$");
        private static final Pattern EDGE = Pattern.compile("^  " + ID + " -> " + ID + " \\[label=" + ID + "\\];$");

        static Graph parse(String dot) {
            List<String> lines = dot.lines().toList();
            assertThat(lines.getFirst()).isEqualTo("digraph catalog {");
            assertThat(lines.getLast()).isEqualTo("}");
            Map<String, String> shapes = new HashMap<>();
            List<String> edges = new ArrayList<>();
            Set<String> endpoints = new HashSet<>();
            for (String line : lines.subList(1, lines.size() - 1)) {
                Matcher node = NODE.matcher(line);
                Matcher edge = EDGE.matcher(line);
                if (node.matches()) {
                    assertThat(shapes.put(node.group(1), node.group(3))).as("node declared once: %s", line).isNull();
                } else if (edge.matches()) {
                    edges.add(edge.group(1) + " -" + edge.group(3) + "-> " + edge.group(2));
                    endpoints.add(edge.group(1));
                    endpoints.add(edge.group(2));
                } else {
                    assertThat(line).as("a statement of the catalog graph").isEqualTo("  rankdir=LR;");
                }
            }
            assertThat(shapes.keySet()).as("every edge joins declared nodes").containsAll(endpoints);
            return new Graph(shapes, edges);
        }
    }
}
