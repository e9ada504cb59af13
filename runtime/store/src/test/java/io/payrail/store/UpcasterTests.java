package io.payrail.store;

import static io.payrail.store.TestEvents.event;
import static io.payrail.store.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpcasterTests {
    private static final String TYPE = "payment.initiated";

    private TestDatabase database;
    private PostgresEventStore store;

    @BeforeEach
    void start() {
        database = StoreDatabases.empty();
        Upcasters upcasters = Upcasters.none()
                // v1 held the amount as a decimal string of dollars; v2 holds minor units.
                .register(TYPE, 1, data -> ((ObjectNode) data).put("amountMinor", Long.parseLong(data.get("dollars").asText()) * 100)
                        .without("dollars"))
                // v3 adds the currency, which v2 events were all in.
                .register(TYPE, 2, data -> ((ObjectNode) data).put("currency", "USD"));
        store = new PostgresEventStore(database.dataSource(), Clock.systemUTC(), StoreOptions.defaults(),
                SchemaRegistry.lenient(), upcasters);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void an_old_event_is_read_in_the_current_version_through_a_chain_of_upcasters() throws Exception {
        store.append("payment-1", ExpectedRevision.any(), List.of(
                event(TYPE, 1, json("{\"dollars\":\"12\"}")),
                event(TYPE, 2, json("{\"amountMinor\":500}")),
                event(TYPE, 3, json("{\"amountMinor\":700,\"currency\":\"EUR\"}"))));

        List<RecordedEvent> events = store.readStream("payment-1", 0, ReadDirection.FORWARDS, 10);

        assertThat(events).allSatisfy(event -> assertThat(event.envelope().schemaVersion()).isEqualTo(3));
        assertThat(events).extracting(event -> event.envelope().data().get("amountMinor").asLong() + " "
                + event.envelope().data().get("currency").asText()).containsExactly("1200 USD", "500 USD", "700 EUR");
        assertThat(events.getFirst().envelope().data().has("dollars")).isFalse();
        assertThat(store.readLog(0, 1).getFirst().envelope().schemaVersion()).isEqualTo(3);
        assertThat(storedVersionOfFirstEvent()).as("the log itself is never rewritten").isEqualTo(1);
    }

    @Test
    void registering_two_upcasters_from_the_same_version_is_refused() {
        Upcasters upcasters = Upcasters.none().register(TYPE, 1, data -> data);

        assertThatThrownBy(() -> upcasters.register(TYPE, 1, data -> data))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
    }

    private int storedVersionOfFirstEvent() throws Exception {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT schema_version FROM store_event WHERE position = 1")) {
            row.next();
            return row.getInt(1);
        }
    }
}
