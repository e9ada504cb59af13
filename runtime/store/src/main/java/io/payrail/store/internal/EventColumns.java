package io.payrail.store.internal;

import io.payrail.store.EventEnvelope;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The events a statement inserts, as one array per column: the shape {@code unnest} takes. Each
 * event names its stream by index (into the statement's stream array) and its place after the
 * stream's revision before the batch ({@code offset}: 0 for the first event of the stream).
 */
final class EventColumns {
    private final List<Integer> streams = new ArrayList<>();
    private final List<Long> offsets = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private final List<String> subjects = new ArrayList<>();
    private final List<String> times = new ArrayList<>();
    private final List<Integer> versions = new ArrayList<>();
    private final List<String> traces = new ArrayList<>();
    private final List<String> causations = new ArrayList<>();
    private final List<String> correlations = new ArrayList<>();
    private final List<String> tenants = new ArrayList<>();
    private final List<String> metadata = new ArrayList<>();
    private final List<String> data = new ArrayList<>();

    int count() {
        return streams.size();
    }

    void add(PreparedAppend append, int stream, long firstOffset) {
        for (int index = 0; index < append.size(); index++) {
            EventEnvelope event = append.events().get(index);
            streams.add(stream + 1); // unnest ... WITH ORDINALITY numbers streams from 1
            offsets.add(firstOffset + index);
            ids.add(event.id().toString());
            types.add(event.type());
            sources.add(event.source());
            subjects.add(event.subject());
            times.add(event.time().toString());
            versions.add(event.schemaVersion());
            traces.add(event.traceId());
            causations.add(event.causationId());
            correlations.add(event.correlationId());
            tenants.add(event.tenantId());
            metadata.add(append.metadataJson().get(index));
            data.add(append.dataJson().get(index));
        }
    }

    /** The columns in the order of the insert statement's {@code unnest}. */
    List<Array> columns(Connection connection) throws SQLException {
        List<Array> columns = new ArrayList<>(List.of(connection.createArrayOf("int4", streams.toArray(Integer[]::new)),
                connection.createArrayOf("int8", offsets.toArray(Long[]::new))));
        columns.addAll(payloadColumns(connection));
        return columns;
    }

    /** The columns from the event id on: everything but the stream and its offset. */
    List<Array> payloadColumns(Connection connection) throws SQLException {
        return List.of(text(connection, ids), text(connection, types), text(connection, sources), text(connection, subjects),
                text(connection, times), connection.createArrayOf("int4", versions.toArray(Integer[]::new)),
                text(connection, traces), text(connection, causations), text(connection, correlations),
                text(connection, tenants), text(connection, metadata), text(connection, data));
    }

    /**
     * A {@code String[]} (not an {@code Object[]}) lets pgjdbc send the array in PostgreSQL's binary
     * form: no quoting of every JSON quote on the client and no array-literal parsing on the server.
     */
    static Array text(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(String[]::new));
    }
}
