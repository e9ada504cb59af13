package io.payrail.store;

import static io.payrail.store.TestEvents.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.Transactions;
import io.payrail.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnitOfWorkTests {
    private TestDatabase database;
    private PostgresEventStore store;
    private Transactions transactions;

    @BeforeEach
    void start() throws SQLException {
        database = StoreDatabases.empty();
        store = new PostgresEventStore(database.dataSource(), Clock.systemUTC());
        transactions = database.transactions();
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE command_row (id text PRIMARY KEY)");
        }
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void the_command_row_and_its_events_commit_together() {
        AppendResult result = transactions.inTransaction(connection -> {
            insertCommandRow(connection, "command-1");
            return store.append(connection, "payment-1", ExpectedRevision.noStream(), numbered(0, 2));
        });

        assertThat(result).isEqualTo(new AppendResult.Appended(1, 2, 1));
        assertThat(commandRows()).isEqualTo(1);
        assertThat(store.readStream("payment-1", 0, ReadDirection.FORWARDS, 10)).hasSize(2);
    }

    @Test
    void a_rollback_leaves_neither_the_command_row_nor_the_events_and_gives_back_the_positions() {
        assertThatThrownBy(() -> transactions.inTransaction(connection -> {
            insertCommandRow(connection, "command-1");
            store.append(connection, "payment-1", ExpectedRevision.noStream(), numbered(0, 2));
            throw new IllegalStateException("the command failed after appending");
        })).hasMessageContaining("the command failed");

        assertThat(commandRows()).isZero();
        assertThat(store.readLog(0, 10)).isEmpty();
        assertThat(store.headPosition()).isZero();
        assertThat(store.append("payment-1", ExpectedRevision.noStream(), numbered(0, 1)))
                .isEqualTo(new AppendResult.Appended(1, 1, 0));
    }

    @Test
    void events_appended_in_a_transaction_are_invisible_to_readers_until_it_commits() {
        transactions.inTransaction(connection -> {
            store.append(connection, "payment-1", ExpectedRevision.noStream(), numbered(0, 1));
            assertThat(store.readLog(0, 10)).isEmpty();
            assertThat(store.headPosition()).isZero();
            return null;
        });

        assertThat(store.readLog(0, 10)).hasSize(1);
    }

    @Test
    void a_conflict_inside_a_transaction_writes_nothing_and_leaves_the_transaction_usable() {
        store.append("payment-1", ExpectedRevision.noStream(), numbered(0, 1));

        AppendResult result = transactions.inTransaction(connection -> {
            AppendResult conflict = store.append(connection, "payment-1", ExpectedRevision.noStream(), numbered(1, 1));
            insertCommandRow(connection, "command-after-conflict");
            return conflict;
        });

        assertThat(result).isEqualTo(new AppendResult.Conflict("payment-1", ExpectedRevision.noStream(), 0));
        assertThat(commandRows()).isEqualTo(1);
        assertThat(store.headPosition()).isEqualTo(1);
    }

    @Test
    void a_connection_in_auto_commit_is_refused_with_a_clear_message() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            assertThatThrownBy(() -> store.append(connection, "payment-1", ExpectedRevision.any(), numbered(0, 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto-commit off");
        }
        assertThat(store.headPosition()).isZero();
    }

    private static void insertCommandRow(Connection connection, String id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO command_row (id) VALUES (?)")) {
            statement.setString(1, id);
            statement.executeUpdate();
        }
    }

    private int commandRows() {
        return transactions.read(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM command_row")) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }
}
