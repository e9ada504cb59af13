package io.payrail.store.internal;

import io.payrail.platform.DatabaseException;
import io.payrail.store.ReadDirection;
import io.payrail.store.RecordedEvent;
import io.payrail.store.Upcasters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * The store's read path: one query per read, on a connection of the pool, rows decoded by
 * {@link EventRows} and upcast. Arguments are checked by the caller ({@code PostgresEventStore}).
 *
 * <p>Every read asks pgjdbc for binary results from its first execution (a negative prepare
 * threshold): positions, revisions, ids and times then travel as fixed-size binary values instead of
 * text that the server formats and the client parses again (times above all). pgjdbc keeps the
 * server-prepared statement per connection, so only a connection's first read of a kind pays the
 * extra describe round trip this needs.
 */
public final class EventReader {
    private static final String READ_FORWARDS_SQL = "SELECT " + EventRows.COLUMNS
            + " FROM store_event WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?";
    private static final String READ_BACKWARDS_SQL = "SELECT " + EventRows.COLUMNS
            + " FROM store_event WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?";
    // An index range scan on the primary key from the cursor on, stopped by the limit. (A range
    // predicate "position <= after + limit" was measured at the same server cost and would lean on
    // positions being contiguous, so it is not used.)
    private static final String READ_LOG_SQL = "SELECT " + EventRows.COLUMNS
            + " FROM store_event WHERE position > ? ORDER BY position LIMIT ?";

    /** pgjdbc: a negative prepare threshold means server-prepared with binary results from the first use. */
    private static final int BINARY_FROM_FIRST_USE = -1;

    private EventReader() {}

    public static List<RecordedEvent> readStream(DataSource dataSource, Upcasters upcasters, String stream,
            long fromRevision, ReadDirection direction, int limit) {
        String sql = direction == ReadDirection.FORWARDS ? READ_FORWARDS_SQL : READ_BACKWARDS_SQL;
        return query(dataSource, upcasters, "read stream " + stream, sql, limit, statement -> {
            statement.setString(1, stream);
            statement.setLong(2, fromRevision);
            statement.setInt(3, limit);
        });
    }

    public static List<RecordedEvent> readLog(DataSource dataSource, Upcasters upcasters, long afterPosition, int limit) {
        return query(dataSource, upcasters, "read the log after position " + afterPosition, READ_LOG_SQL, limit,
                statement -> {
                    statement.setLong(1, afterPosition);
                    statement.setInt(2, limit);
                });
    }

    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private static List<RecordedEvent> query(DataSource dataSource, Upcasters upcasters, String what, String sql,
            int limit, Parameters parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (statement.isWrapperFor(PGStatement.class)) {
                statement.unwrap(PGStatement.class).setPrepareThreshold(BINARY_FROM_FIRST_USE);
            }
            parameters.set(statement);
            List<RecordedEvent> events = new ArrayList<>(Math.min(limit, 1_024));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(upcast(EventRows.read(rows), upcasters));
                }
            }
            return events;
        } catch (SQLException failure) {
            throw new DatabaseException("the event store could not " + what, failure);
        }
    }

    private static RecordedEvent upcast(RecordedEvent event, Upcasters upcasters) {
        var envelope = upcasters.upcast(event.envelope());
        return envelope == event.envelope() ? event
                : new RecordedEvent(event.position(), event.stream(), event.revision(), event.recordedAt(), envelope);
    }
}
