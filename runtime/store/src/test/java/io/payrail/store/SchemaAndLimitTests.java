package io.payrail.store;

import static io.payrail.store.TestEvents.event;
import static io.payrail.store.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.platform.Json;
import io.payrail.platform.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaAndLimitTests {
    private static final String SETTLED = "test.payment.settled";
    private static final int LIMIT_BYTES = 1_000;

    private TestDatabase database;
    private PostgresEventStore store;

    @BeforeEach
    void start() {
        database = StoreDatabases.empty();
        SchemaRegistry schemas = SchemaRegistry.lenient().registerFromClasspath(SETTLED, 1);
        store = new PostgresEventStore(database.dataSource(), Clock.systemUTC(),
                StoreOptions.defaults().withPayloadLimitBytes(LIMIT_BYTES), schemas, Upcasters.none());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void an_event_that_breaks_its_schema_is_rejected_naming_the_type_the_field_and_the_problem() {
        AppendResult result = store.append("payment-1", ExpectedRevision.any(), List.of(
                event(SETTLED, json("{\"paymentId\":\"p-1\",\"amountMinor\":100,\"currency\":\"USD\"}")),
                event(SETTLED, json("{\"paymentId\":\"p-1\",\"amountMinor\":\"a lot\",\"currency\":\"USD\"}"))));

        assertThat(result).isInstanceOf(AppendResult.Rejected.class);
        assertThat(((AppendResult.Rejected) result).reason())
                .contains("event 2 of 2").contains(SETTLED).contains("$.amountMinor").contains("integer");
        assertThat(store.headPosition()).as("nothing of the append was written").isZero();
    }

    @Test
    void a_missing_required_field_is_rejected_naming_the_field() {
        AppendResult result = store.append("payment-1", ExpectedRevision.any(),
                List.of(event(SETTLED, json("{\"paymentId\":\"p-1\",\"currency\":\"USD\"}"))));

        assertThat(((AppendResult.Rejected) result).reason()).contains("amountMinor").contains("required");
    }

    @Test
    void a_valid_milestone_event_and_a_domain_event_without_schema_are_both_accepted() {
        AppendResult result = store.append("payment-1", ExpectedRevision.any(), List.of(
                event(SETTLED, json("{\"paymentId\":\"p-1\",\"amountMinor\":100,\"currency\":\"USD\"}")),
                event("payment.internal.note", json("{\"anything\":[1,2,3]}"))));

        assertThat(result).isInstanceOf(AppendResult.Appended.class);
    }

    @Test
    void a_schema_version_the_registry_does_not_know_is_rejected() {
        AppendResult result = store.append("payment-1", ExpectedRevision.any(),
                List.of(event(SETTLED, 2, json("{\"paymentId\":\"p-1\"}"))));

        assertThat(((AppendResult.Rejected) result).reason()).contains("no schema version 2").contains("[1]");
    }

    @Test
    void a_strict_registry_rejects_an_unknown_event_type() {
        SchemaRegistry strict = SchemaRegistry.strict().registerFromClasspath(SETTLED, 1);
        try (PostgresEventStore strictStore = new PostgresEventStore(database.dataSource(), Clock.systemUTC(),
                StoreOptions.defaults(), strict, Upcasters.none())) {
            AppendResult result = strictStore.append("payment-1", ExpectedRevision.any(),
                    List.of(event("payment.unheard.of", json("{}"))));

            assertThat(((AppendResult.Rejected) result).reason()).contains("unknown event type 'payment.unheard.of'");
        }
        assertThat(store.headPosition()).isZero();
    }

    @Test
    void a_payload_over_the_limit_is_rejected_with_its_size_and_the_limit_while_one_at_the_limit_is_accepted() {
        ObjectNode big = Json.mapper().createObjectNode().put("text", "x".repeat(LIMIT_BYTES));
        ObjectNode fits = Json.mapper().createObjectNode().put("text", "x".repeat(LIMIT_BYTES - 11 - "{\"origin\":\"test\"}".length()));

        AppendResult rejected = store.append("payment-1", ExpectedRevision.any(), List.of(event("payment.note", big)));
        AppendResult accepted = store.append("payment-1", ExpectedRevision.any(), List.of(event("payment.note", fits)));

        assertThat(((AppendResult.Rejected) rejected).reason()).contains("over the limit of " + LIMIT_BYTES + " bytes");
        assertThat(accepted).isInstanceOf(AppendResult.Appended.class);
        assertThat(store.headPosition()).isEqualTo(1);
    }

    @Test
    void a_payload_is_measured_in_utf8_bytes_so_multi_byte_text_under_the_limit_in_characters_is_rejected() {
        // 400 euro signs: 400 characters, 1,200 bytes in UTF-8; and 150 emoji: 300 characters, 600 bytes.
        ObjectNode euros = Json.mapper().createObjectNode().put("text", "\u20ac".repeat(400));
        ObjectNode emoji = Json.mapper().createObjectNode().put("text", "\ud83d\udcb6".repeat(150));

        AppendResult rejected = store.append("payment-1", ExpectedRevision.any(), List.of(event("payment.note", euros)));
        AppendResult accepted = store.append("payment-1", ExpectedRevision.any(), List.of(event("payment.note", emoji)));

        assertThat(((AppendResult.Rejected) rejected).reason()).contains("payload is 1").contains("over the limit of " + LIMIT_BYTES);
        assertThat(accepted).isInstanceOf(AppendResult.Appended.class);
    }

    @Test
    void a_payload_with_the_nul_character_is_rejected_instead_of_failing_its_group_commit() {
        AppendResult result = store.append("payment-1", ExpectedRevision.any(),
                List.of(event("payment.note", Json.mapper().createObjectNode().put("text", "a\u0000b"))));

        assertThat(((AppendResult.Rejected) result).reason()).contains("NUL character");
    }

    @Test
    void an_event_time_the_database_cannot_hold_is_rejected() {
        EventEnvelope event = TestEvents.event("payment.note", json("{}"));
        EventEnvelope farFuture = new EventEnvelope(event.id(), event.type(), event.source(), event.subject(),
                java.time.Instant.MAX, event.data(), 1, null, null, null, null, null);

        AppendResult result = store.append("payment-1", ExpectedRevision.any(), List.of(farFuture));

        assertThat(((AppendResult.Rejected) result).reason()).contains("outside the years 1 to 9999");
        assertThat(store.headPosition()).isZero();
    }

    @Test
    void malformed_json_from_outside_gives_a_clear_message_with_its_location() {
        assertThatThrownBy(() -> EventData.parse("{\"amountMinor\": 12,"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not well-formed JSON at line 1");
        assertThatThrownBy(() -> EventData.parse("[1, 2]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a JSON object, got array");
        assertThat(EventData.parse("{\"a\":1}").get("a").asInt()).isEqualTo(1);
    }

    @Test
    void a_schema_that_is_not_json_or_not_on_the_class_path_is_refused_clearly() {
        assertThatThrownBy(() -> SchemaRegistry.lenient().register("x.y", 1, "{not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema of x.y v1 is not well-formed JSON");
        assertThatThrownBy(() -> SchemaRegistry.lenient().registerFromClasspath("x.missing", 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schemas/x.missing.v3.json");
    }
}
