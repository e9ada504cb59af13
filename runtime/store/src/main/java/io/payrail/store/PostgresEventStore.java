package io.payrail.store;

import io.payrail.platform.Check;
import io.payrail.platform.DatabaseException;
import io.payrail.store.internal.AppendValidator;
import io.payrail.store.internal.EventReader;
import io.payrail.store.internal.GroupCommitAppender;
import io.payrail.store.internal.LogWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * The event store on PostgreSQL (migrations: module {@code store}). Appends without a caller
 * transaction go through a group commit; appends inside a caller's transaction commit with the
 * caller's own writes. Every appending transaction notifies {@link #NOTIFY_CHANNEL} with the last
 * position it wrote, delivered when it commits, so subscribers wake without polling.
 */
public final class PostgresEventStore implements EventStore, AutoCloseable {
    /** The LISTEN/NOTIFY channel every appending transaction notifies with its last position. */
    public static final String NOTIFY_CHANNEL = "payrail_log";

    /** The migrations of the store live under {@code db/migration/store}. */
    public static final String MIGRATION_MODULE = "store";

    private static final String POSITION_BEFORE_SQL =
            "SELECT min(position) - 1 FROM store_event WHERE recorded_at >= ?";
    private static final String HEAD_SQL = "SELECT position FROM store_log_head WHERE id = 1";

    private static final Instant TIME_SUPPORTED_MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant TIME_SUPPORTED_MAX = Instant.parse("9999-12-31T23:59:59Z");

    private final DataSource dataSource;
    private final Clock clock;
    private final Upcasters upcasters;
    private final AppendValidator validator;
    private final LogWriter writer = new LogWriter(NOTIFY_CHANNEL);
    private final GroupCommitAppender appender;

    public PostgresEventStore(DataSource dataSource, Clock clock, StoreOptions options, SchemaRegistry schemas, Upcasters upcasters) {
        this.dataSource = Check.notNull(dataSource, "dataSource");
        this.clock = Check.notNull(clock, "clock");
        Check.notNull(options, "options");
        this.upcasters = Check.notNull(upcasters, "upcasters");
        this.validator = new AppendValidator(Check.notNull(schemas, "schemas"), options.payloadLimitBytes());
        this.appender = new GroupCommitAppender(dataSource, clock, writer, options.groupCommitLanes(),
                options.groupCommitEventsMax(), options.appendQueueMax());
    }

    /** A store with default options, no schemas (every type is a domain event) and no upcasters. */
    public PostgresEventStore(DataSource dataSource, Clock clock) {
        this(dataSource, clock, StoreOptions.defaults(), SchemaRegistry.lenient(), Upcasters.none());
    }

    @Override
    public AppendResult append(String stream, ExpectedRevision expected, List<EventEnvelope> events) {
        return switch (validator.check(stream, expected, events)) {
            case AppendValidator.Refused(AppendResult.Rejected rejection) -> rejection;
            case AppendValidator.Ready(var append) -> appender.append(append);
        };
    }

    @Override
    public AppendResult append(Connection transaction, String stream, ExpectedRevision expected, List<EventEnvelope> events) {
        Check.notNull(transaction, "transaction");
        checkUnitOfWork(transaction);
        return switch (validator.check(stream, expected, events)) {
            case AppendValidator.Refused(AppendResult.Rejected rejection) -> rejection;
            case AppendValidator.Ready(var append) -> {
                try {
                    yield writer.write(transaction, List.of(append), clock.instant()).getFirst();
                } catch (SQLException failure) {
                    throw new DatabaseException("the event store could not append to stream " + stream
                            + " in the caller's transaction", failure);
                }
            }
        };
    }

    private static void checkUnitOfWork(Connection transaction) {
        try {
            Check.argument(!transaction.getAutoCommit(),
                    "append(transaction, ...) needs a connection in a transaction (auto-commit off)");
            Check.argument(transaction.getTransactionIsolation() == Connection.TRANSACTION_READ_COMMITTED,
                    "append(transaction, ...) needs READ COMMITTED isolation: an older snapshot would not see "
                            + "the revisions committed before the log lock was granted");
        } catch (SQLException failure) {
            throw new DatabaseException("the caller's transaction is not usable", failure);
        }
    }

    @Override
    public List<RecordedEvent> readStream(String stream, long fromRevision, ReadDirection direction, int limit) {
        Check.notNull(stream, "stream");
        Check.notNull(direction, "direction");
        Check.argument(fromRevision >= 0, "fromRevision must be at least 0, got %d", fromRevision);
        return EventReader.readStream(dataSource, upcasters, stream, fromRevision, direction, boundedLimit(limit));
    }

    @Override
    public List<RecordedEvent> readLog(long afterPosition, int limit) {
        Check.argument(afterPosition >= 0, "afterPosition must be at least 0, got %d", afterPosition);
        return EventReader.readLog(dataSource, upcasters, afterPosition, boundedLimit(limit));
    }

    @Override
    public long positionBefore(Instant time) {
        Check.notNull(time, "time");
        // Times outside what a timestamp column holds are before or after every event.
        if (time.isBefore(TIME_SUPPORTED_MIN)) {
            return 0;
        }
        if (time.isAfter(TIME_SUPPORTED_MAX)) {
            return headPosition();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(POSITION_BEFORE_SQL)) {
            statement.setObject(1, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                long position = result.getLong(1);
                return result.wasNull() ? headPosition() : position;
            }
        } catch (SQLException failure) {
            throw new DatabaseException("the event store could not find the position before " + time, failure);
        }
    }

    @Override
    public long headPosition() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(HEAD_SQL)) {
            Check.that(result.next(), "store_log_head has no row: were the store's migrations applied?");
            return result.getLong(1);
        } catch (SQLException failure) {
            throw new DatabaseException("the event store could not read the head of the log", failure);
        }
    }

    /** How the group commit has batched since the store started. */
    public GroupCommitStats groupCommitStats() {
        var counts = appender.counts();
        return new GroupCommitStats(counts.commits(), counts.appends(), counts.commitsFromKnownRevisions());
    }

    /** Stops the group-commit lanes after the appends already queued are committed. */
    @Override
    public void close() {
        appender.close();
    }

    private static int boundedLimit(int limit) {
        Check.argument(limit >= 1, "a read limit must be at least 1, got %d", limit);
        return Math.min(limit, READ_LIMIT_MAX);
    }
}
