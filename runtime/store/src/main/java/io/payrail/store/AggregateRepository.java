package io.payrail.store;

import io.payrail.platform.Check;
import io.payrail.platform.DatabaseException;
import io.payrail.platform.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Loads aggregates by folding their stream through a {@link Reducer}, starting from the latest
 * snapshot, and writes a new snapshot once {@code snapshotEvery} events were folded past the old
 * one. Snapshots are keyed by stream and {@code kind}: change the kind when the reducer or the
 * state's shape changes, and old snapshots are ignored instead of trusted.
 */
public final class AggregateRepository<S> {
    public static final int SNAPSHOT_EVERY_DEFAULT = 100;
    public static final int SNAPSHOT_EVERY_MAX = 1_000_000;

    private static final String READ_SNAPSHOT_SQL =
            "SELECT revision, state::text FROM store_snapshot WHERE stream = ? AND kind = ?";
    private static final String WRITE_SNAPSHOT_SQL = """
            INSERT INTO store_snapshot (stream, kind, revision, state, taken_at) VALUES (?, ?, ?, ?::jsonb, ?)
            ON CONFLICT (stream, kind) DO UPDATE
            SET revision = excluded.revision, state = excluded.state, taken_at = excluded.taken_at
            WHERE store_snapshot.revision < excluded.revision""";

    private final EventStore store;
    private final DataSource dataSource;
    private final Clock clock;
    private final Reducer<S> reducer;
    private final Class<S> stateType;
    private final String kind;
    private final int snapshotEvery;

    public AggregateRepository(EventStore store, DataSource dataSource, Clock clock, Reducer<S> reducer,
            Class<S> stateType, String kind, int snapshotEvery) {
        this.store = Check.notNull(store, "store");
        this.dataSource = Check.notNull(dataSource, "dataSource");
        this.clock = Check.notNull(clock, "clock");
        this.reducer = Check.notNull(reducer, "reducer");
        this.stateType = Check.notNull(stateType, "stateType");
        this.kind = Check.notNull(kind, "kind");
        Check.argument(snapshotEvery >= 1 && snapshotEvery <= SNAPSHOT_EVERY_MAX,
                "snapshotEvery must be 1..%d, got %d", SNAPSHOT_EVERY_MAX, snapshotEvery);
        this.snapshotEvery = snapshotEvery;
    }

    /** The aggregate as of the latest event of its stream. */
    public Aggregate<S> load(String stream) {
        Check.notNull(stream, "stream");
        Aggregate<S> start = readSnapshot(stream).orElse(new Aggregate<>(stream, reducer.initial(), -1));
        Aggregate<S> loaded = Aggregates.foldFrom(store, reducer, start);
        if (loaded.revision() - start.revision() >= snapshotEvery) {
            writeSnapshot(loaded);
        }
        return loaded;
    }

    private Optional<Aggregate<S>> readSnapshot(String stream) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(READ_SNAPSHOT_SQL)) {
            statement.setString(1, stream);
            statement.setString(2, kind);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Aggregate<>(stream, Json.mapper().readValue(row.getString(2), stateType), row.getLong(1)));
            }
        } catch (SQLException failure) {
            throw new DatabaseException("could not read the snapshot of stream " + stream, failure);
        } catch (com.fasterxml.jackson.core.JsonProcessingException failure) {
            throw new IllegalStateException("the " + kind + " snapshot of stream " + stream + " does not fit "
                    + stateType.getSimpleName() + " (change the snapshot kind when the state changes shape): "
                    + failure.getOriginalMessage(), failure);
        }
    }

    private void writeSnapshot(Aggregate<S> aggregate) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(WRITE_SNAPSHOT_SQL)) {
            statement.setString(1, aggregate.stream());
            statement.setString(2, kind);
            statement.setLong(3, aggregate.revision());
            statement.setString(4, Json.mapper().writeValueAsString(aggregate.state()));
            statement.setObject(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            statement.executeUpdate();
        } catch (SQLException failure) {
            throw new DatabaseException("could not write the snapshot of stream " + aggregate.stream(), failure);
        } catch (com.fasterxml.jackson.core.JsonProcessingException failure) {
            throw new IllegalStateException("the state of stream " + aggregate.stream() + " cannot be written as JSON: "
                    + failure.getOriginalMessage(), failure);
        }
    }

    /** For tests and tools: the folded state without snapshots. */
    public Aggregate<S> loadWithoutSnapshot(String stream) {
        return Aggregates.foldFrom(store, reducer, new Aggregate<>(stream, reducer.initial(), -1));
    }

}
