package io.payrail.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A trigger that makes PostgreSQL refuse every inserted event of type {@link #TYPE}, as it refuses a
 * row that breaks a constraint: a failure inside the database, in the middle of a batch. Closing it
 * removes the trigger.
 */
final class PoisonTrigger implements AutoCloseable {
    static final String TYPE = "test.poison";

    private final DataSource dataSource;

    private PoisonTrigger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static PoisonTrigger install(DataSource dataSource) throws SQLException {
        execute(dataSource, """
                CREATE OR REPLACE FUNCTION test_refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.type = '%s' THEN RAISE EXCEPTION 'poisoned event' USING ERRCODE = '23514'; END IF;
                    RETURN NEW;
                END $$""".formatted(TYPE),
                "DROP TRIGGER IF EXISTS test_refuse_poison ON store_event",
                "CREATE TRIGGER test_refuse_poison BEFORE INSERT ON store_event FOR EACH ROW EXECUTE FUNCTION test_refuse_poison()");
        return new PoisonTrigger(dataSource);
    }

    /** An event the trigger refuses. */
    static EventEnvelope event() {
        return TestEvents.event(TYPE, TestEvents.json("{\"number\": 1}"));
    }

    @Override
    public void close() throws SQLException {
        execute(dataSource, "DROP TRIGGER IF EXISTS test_refuse_poison ON store_event", "DROP FUNCTION IF EXISTS test_refuse_poison()");
    }

    private static void execute(DataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
