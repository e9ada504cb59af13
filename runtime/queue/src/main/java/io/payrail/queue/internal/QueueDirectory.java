package io.payrail.queue.internal;

import io.payrail.platform.Check;
import io.payrail.platform.DatabaseException;
import io.payrail.queue.QueueDefinition;
import io.payrail.queue.QueueType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Reads and writes queue definitions, with a short-lived cache: a send or receive must not pay a
 * query to turn a name into an id. Name, id and type never change; other settings that the cache
 * serves (the backoff) may lag a reconfiguration on another node by {@link #REFRESH_NANOS}.
 */
public final class QueueDirectory {
    static final long REFRESH_NANOS = Duration.ofSeconds(10).toNanos();
    private static final String SELECT = """
            SELECT q.id, q.name, q.fifo, q.visibility_timeout_millis, q.max_receive_count, d.name,
                   q.retention_millis, q.deduplication_window_millis, q.backoff_base_millis, q.backoff_max_millis
            FROM queue_definition q LEFT JOIN queue_definition d ON d.id = q.dead_letter_queue_id
            """;

    private record Cached(QueueRecord queue, long loadedNanos) {}

    private final DataSource dataSource;
    private final Map<String, Cached> byName = new ConcurrentHashMap<>();
    private final Map<Integer, Cached> byId = new ConcurrentHashMap<>();

    public QueueDirectory(DataSource dataSource) {
        this.dataSource = Check.notNull(dataSource, "dataSource");
    }

    /** The named queue; an unknown name is bad input. */
    public QueueRecord require(String name) {
        Cached cached = byName.get(name);
        if (cached != null && System.nanoTime() - cached.loadedNanos() < REFRESH_NANOS) {
            return cached.queue();
        }
        QueueRecord queue = load("WHERE q.name = ?", name);
        Check.argument(queue != null, "queue '%s' does not exist", name);
        return queue;
    }

    public QueueRecord require(int id) {
        Cached cached = byId.get(id);
        if (cached != null && System.nanoTime() - cached.loadedNanos() < REFRESH_NANOS) {
            return cached.queue();
        }
        QueueRecord queue = load("WHERE q.id = ?", id);
        Check.that(queue != null, "queue id %d is referenced but has no definition", id);
        return queue;
    }

    public List<QueueRecord> all() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SELECT + " ORDER BY q.name");
                ResultSet rows = statement.executeQuery()) {
            List<QueueRecord> queues = new ArrayList<>();
            while (rows.next()) {
                queues.add(remember(read(rows)));
            }
            return queues;
        } catch (SQLException failure) {
            throw new DatabaseException("could not list queues", failure);
        }
    }

    /** Creates the queue or reconfigures it; the type of an existing queue cannot change. */
    public QueueRecord define(QueueDefinition definition) {
        QueueRecord existing = load("WHERE q.name = ?", definition.name());
        Check.argument(existing == null || existing.definition().type() == definition.type(),
                "queue '%s' is %s and cannot become %s", definition.name(), existing == null ? null : existing.definition().type(),
                definition.type());
        Integer deadLetterId = null;
        if (definition.deadLetterQueue() != null) {
            QueueRecord deadLetter = load("WHERE q.name = ?", definition.deadLetterQueue());
            Check.argument(deadLetter != null, "dead-letter queue '%s' of queue '%s' does not exist; define it first",
                    definition.deadLetterQueue(), definition.name());
            Check.argument(deadLetter.definition().type() == definition.type(),
                    "dead-letter queue '%s' is %s but queue '%s' is %s; they must be of the same type",
                    deadLetter.name(), deadLetter.definition().type(), definition.name(), definition.type());
            deadLetterId = deadLetter.id();
        }
        write(definition, deadLetterId);
        QueueRecord stored = load("WHERE q.name = ?", definition.name());
        Check.that(stored != null && stored.definition().equals(definition), "stored %s differs from %s", stored, definition);
        return stored;
    }

    private void write(QueueDefinition definition, Integer deadLetterId) {
        String sql = """
                INSERT INTO queue_definition (name, fifo, visibility_timeout_millis, max_receive_count, dead_letter_queue_id,
                    retention_millis, deduplication_window_millis, backoff_base_millis, backoff_max_millis)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET visibility_timeout_millis = EXCLUDED.visibility_timeout_millis,
                    max_receive_count = EXCLUDED.max_receive_count, dead_letter_queue_id = EXCLUDED.dead_letter_queue_id,
                    retention_millis = EXCLUDED.retention_millis,
                    deduplication_window_millis = EXCLUDED.deduplication_window_millis,
                    backoff_base_millis = EXCLUDED.backoff_base_millis, backoff_max_millis = EXCLUDED.backoff_max_millis
                """;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            Sql.bind(statement, definition.name(), definition.type() == QueueType.FIFO,
                    definition.visibilityTimeout().toMillis(), definition.maxReceiveCount(), deadLetterId,
                    definition.retention().toMillis(), definition.deduplicationWindow().toMillis(),
                    definition.backoffBase().toMillis(), definition.backoffMax().toMillis());
            if (deadLetterId == null) {
                statement.setNull(5, java.sql.Types.INTEGER);
            }
            statement.executeUpdate();
        } catch (SQLException failure) {
            throw new DatabaseException("could not define queue " + definition.name(), failure);
        }
    }

    private QueueRecord load(String where, Object key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = Sql.bind(connection.prepareStatement(SELECT + where), key);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? remember(read(rows)) : null;
        } catch (SQLException failure) {
            throw new DatabaseException("could not read queue " + key, failure);
        }
    }

    private QueueRecord remember(QueueRecord queue) {
        Cached cached = new Cached(queue, System.nanoTime());
        byName.put(queue.name(), cached);
        byId.put(queue.id(), cached);
        return queue;
    }

    private static QueueRecord read(ResultSet rows) throws SQLException {
        QueueDefinition definition = new QueueDefinition(rows.getString(2),
                rows.getBoolean(3) ? QueueType.FIFO : QueueType.STANDARD, Duration.ofMillis(rows.getLong(4)),
                rows.getInt(5), rows.getString(6), Duration.ofMillis(rows.getLong(7)), Duration.ofMillis(rows.getLong(8)),
                Duration.ofMillis(rows.getLong(9)), Duration.ofMillis(rows.getLong(10)));
        return new QueueRecord(rows.getInt(1), definition);
    }
}
