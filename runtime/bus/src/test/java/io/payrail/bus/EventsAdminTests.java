package io.payrail.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.store.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsAdminTests {
    private static final String SETTLED_SCHEMA = """
            {"type": "object", "required": ["paymentId", "amountMinor"],
             "properties": {"paymentId": {"type": "string"}, "amountMinor": {"type": "integer", "minimum": 1}}}""";

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private final SchemaRegistry schemas = SchemaRegistry.strict()
            .register("payments.payment.settled", 1, SETTLED_SCHEMA)
            .register("ledger.transfer.posted", 1, "{\"type\": \"object\"}");
    private final InMemoryEventStore store = new InMemoryEventStore(clock, schemas);
    private final EventsAdmin admin = new EventsAdmin(store, schemas, clock, UUID::randomUUID);

    @TempDir
    Path directory;

    private String file(String content) throws IOException {
        Path file = directory.resolve("data-" + UUID.randomUUID() + ".json");
        Files.writeString(file, content);
        return "@" + file;
    }

    @Test
    void a_valid_file_is_injected_and_shows_in_the_tail() throws IOException {
        EventsAdmin.Injected injected = admin.inject("payments.payment.settled",
                file("{\"paymentId\": \"p-1\", \"amountMinor\": 500}"));
        assertThat(injected.position()).isEqualTo(1);
        assertThat(injected.line()).isEqualTo("injected event " + injected.id() + " at position 1");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long next = admin.tail(0, null, 10, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(next).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1  2026-03-01T10:00:00Z  payments.payment.settled  -  "
                + injected.id() + "  {\"paymentId\":\"p-1\",\"amountMinor\":500}" + System.lineSeparator());
        assertThat(store.readLog(0, 1).getFirst().envelope().source()).isEqualTo(EventsAdmin.INJECT_SOURCE);
    }

    @Test
    void a_malformed_file_is_refused_with_the_place_of_the_problem_and_nothing_is_appended() throws IOException {
        String data = file("{\"paymentId\": \"p-1\",\n \"amountMinor\": }");
        assertThatThrownBy(() -> admin.inject("payments.payment.settled", data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not well-formed JSON")
                .hasMessageContaining("line 2")
                .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("\n"));
        assertThat(store.headPosition()).isZero();
    }

    @Test
    void an_unknown_type_is_refused_by_name() throws IOException {
        String data = file("{}");
        assertThatThrownBy(() -> admin.inject("payments.payment.teleported", data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown event type 'payments.payment.teleported': no schema is registered for it");
    }

    @Test
    void a_schema_violation_is_refused_with_the_store_s_reason() throws IOException {
        String data = file("{\"paymentId\": \"p-1\", \"amountMinor\": 0}");
        assertThatThrownBy(() -> admin.inject("payments.payment.settled", data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("event refused: event type 'payments.payment.settled' v1 breaks its schema at")
                .hasMessageContaining("amountMinor");
        assertThat(store.headPosition()).isZero();
    }

    @Test
    void a_missing_file_or_a_data_argument_without_at_is_refused() {
        assertThatThrownBy(() -> admin.inject("payments.payment.settled", "@" + directory.resolve("none.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no such file:");
        assertThatThrownBy(() -> admin.inject("payments.payment.settled", "{\"paymentId\": \"p\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--data must name a JSON file");
    }

    @Test
    void tail_filters_by_type_and_pages_from_a_position() {
        for (int index = 0; index < 1_200; index++) {
            TestEvents.append(store, index % 3 == 0 ? "payments.payment.settled" : "ledger.transfer.posted", "s",
                    "{\"paymentId\": \"p\", \"amountMinor\": 1}");
        }
        TailPage first = admin.page(100, "payments.payment.settled");
        assertThat(first.nextPosition()).isEqualTo(100 + EventsAdmin.TAIL_PAGE_EVENTS_MAX);
        assertThat(first.events()).allSatisfy(event ->
                assertThat(event.envelope().type()).isEqualTo("payments.payment.settled"));
        assertThat(first.events().getFirst().position()).isEqualTo(103);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long end = admin.tail(0, "payments.payment.settled", 10, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(end).isEqualTo(1_200);
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(400);
    }
}
