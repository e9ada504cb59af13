package io.payrail.store.bench;

import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The floor bench's rows: a stream picked at random, the stream's next revision (distinct, so the
 * {@code (stream, revision)} constraint is paid as in the store, in whatever order the commits
 * land), a fresh event id and a payload from the set built beforehand.
 */
final class FloorRows {
    /** Every column the floor writes, in order; {@code position} comes from the table's default. */
    static final String COLUMNS = "stream, revision, event_id, type, source, subject, time, schema_version, trace_id, "
            + "causation_id, correlation_id, tenant_id, metadata, data, recorded_at";
    static final String TYPE = BenchEvents.TYPE;
    static final String SOURCE = "payrail/bench";
    static final String TENANT = "tenant-1";
    static final String TIME = "2027-01-15T08:00:00Z";

    private final String[] payloads;
    private final AtomicLongArray revisions;

    FloorRows(String[] payloads, int streams) {
        this.payloads = payloads;
        this.revisions = new AtomicLongArray(streams);
    }

    /** One row's varying values. */
    record Row(String stream, long revision, UUID eventId, String data) {}

    Row next(SplittableRandom random) {
        int stream = random.nextInt(revisions.length());
        return new Row("bench-" + stream, revisions.getAndIncrement(stream), new UUID(random.nextLong(), random.nextLong()),
                payloads[random.nextInt(payloads.length)]);
    }

    /** The row as a line of {@code COPY ... FROM STDIN} text format. */
    void appendCopyLine(StringBuilder lines, Row row) {
        lines.append(copyText(row.stream())).append('\t').append(row.revision()).append('\t').append(row.eventId())
                .append('\t').append(TYPE).append('\t').append(SOURCE).append("\t\\N\t").append(TIME).append("\t1\t\\N\t\\N\t\\N\t")
                .append(TENANT).append("\t{}\t").append(copyText(row.data())).append('\t').append(TIME).append('\n');
    }

    /** COPY's text format: backslash, tab, newline and carriage return are escaped. */
    static String copyText(String value) {
        StringBuilder escaped = null;
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            String replacement = switch (character) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(value.length() + 16).append(value, 0, index);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(character);
                }
            }
        }
        return escaped == null ? value : escaped.toString();
    }
}
