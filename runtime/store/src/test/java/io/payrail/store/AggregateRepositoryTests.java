package io.payrail.store;

import static io.payrail.store.TestEvents.event;
import static io.payrail.store.TestEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AggregateRepositoryTests {
    private static final int SNAPSHOT_EVERY = 5;

    /** A tiny account: opened, then deposits, then closed; nothing after closing. */
    record Account(boolean open, boolean closed, long balanceMinor) {}

    static final class AccountReducer implements Reducer<Account> {
        @Override
        public Account initial() {
            return new Account(false, false, 0);
        }

        @Override
        public Account apply(Account state, RecordedEvent event) {
            return switch (event.envelope().type()) {
                case "account.opened" -> {
                    if (state.open() || state.closed()) {
                        throw Reducer.impossible(state, event);
                    }
                    yield new Account(true, false, 0);
                }
                case "account.deposited" -> {
                    if (!state.open()) {
                        throw Reducer.impossible(state, event);
                    }
                    yield new Account(true, false, state.balanceMinor() + event.envelope().data().get("amountMinor").asLong());
                }
                case "account.closed" -> new Account(false, true, state.balanceMinor());
                default -> throw Reducer.impossible(state, event);
            };
        }
    }

    private TestDatabase database;
    private PostgresEventStore store;
    private AggregateRepository<Account> accounts;

    @BeforeEach
    void start() {
        database = StoreDatabases.empty();
        store = new PostgresEventStore(database.dataSource(), Clock.systemUTC());
        accounts = new AggregateRepository<>(store, database.dataSource(), Clock.systemUTC(), new AccountReducer(),
                Account.class, "account-v1", SNAPSHOT_EVERY);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void an_aggregate_is_its_events_folded_through_the_reducer() {
        store.append("account-1", ExpectedRevision.noStream(), List.of(opened(), deposited(100), deposited(250)));

        Aggregate<Account> account = accounts.load("account-1");

        assertThat(account.state()).isEqualTo(new Account(true, false, 350));
        assertThat(account.revision()).isEqualTo(2);
        assertThat(account.expectedRevision()).isEqualTo(ExpectedRevision.exactly(2));
        assertThat(accounts.load("account-unknown")).isEqualTo(new Aggregate<>("account-unknown", new Account(false, false, 0), -1));
    }

    @Test
    void a_snapshot_is_written_every_n_events_and_loading_starts_from_it() throws Exception {
        List<EventEnvelope> events = new ArrayList<>(List.of(opened()));
        for (int deposit = 0; deposit < 6; deposit++) {
            events.add(deposited(10));
        }
        store.append("account-1", ExpectedRevision.noStream(), events);
        assertThat(accounts.load("account-1").state().balanceMinor()).isEqualTo(60);
        assertThat(snapshotRevision()).isEqualTo(6);

        // Proof that the snapshot is used: a state only the snapshot holds shows through.
        execute("UPDATE store_snapshot SET state = jsonb_set(state, '{balanceMinor}', '1000')");
        store.append("account-1", ExpectedRevision.exactly(6), List.of(deposited(1)));

        Aggregate<Account> loaded = accounts.load("account-1");
        assertThat(loaded.state().balanceMinor()).isEqualTo(1001);
        assertThat(loaded.revision()).isEqualTo(7);
        assertThat(accounts.loadWithoutSnapshot("account-1").state().balanceMinor()).isEqualTo(61);
    }

    @Test
    void fewer_events_than_the_snapshot_interval_write_no_snapshot() throws Exception {
        store.append("account-1", ExpectedRevision.noStream(), List.of(opened(), deposited(1)));

        accounts.load("account-1");

        assertThat(snapshotRevision()).isEqualTo(-1);
    }

    @Test
    void a_reducer_meeting_an_impossible_event_fails_loudly_naming_the_state_the_type_and_the_revision() {
        store.append("account-1", ExpectedRevision.noStream(), List.of(opened(), event("account.closed", json("{}")), deposited(5)));

        assertThatThrownBy(() -> accounts.load("account-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("account.deposited")
                .hasMessageContaining("revision 2")
                .hasMessageContaining("Account[open=false, closed=true, balanceMinor=0]");
    }

    @Test
    void a_reducer_failing_in_any_other_way_is_reported_with_the_same_facts() {
        store.append("account-1", ExpectedRevision.noStream(), List.of(opened(), event("account.deposited", json("{}"))));

        assertThatThrownBy(() -> Aggregates.load(store, "account-1", new AccountReducer()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("account.deposited at revision 1 of stream account-1")
                .hasMessageContaining("Account[open=true");
    }

    private static EventEnvelope opened() {
        return event("account.opened", json("{}"));
    }

    private static EventEnvelope deposited(long amountMinor) {
        return event("account.deposited", json("{\"amountMinor\":" + amountMinor + "}"));
    }

    private long snapshotRevision() throws Exception {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT coalesce(max(revision), -1) FROM store_snapshot")) {
            row.next();
            return row.getLong(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
