package io.payrail.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.payrail.platform.Check;
import io.payrail.platform.Json;
import io.payrail.store.AppendResult;
import io.payrail.store.EventEnvelope;
import io.payrail.store.EventStore;
import io.payrail.store.ExpectedRevision;
import io.payrail.store.SchemaRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every check of an append that needs no database, done in the caller's thread before the append
 * joins a group commit: programmer errors throw, broken rules return {@link AppendResult.Rejected}.
 */
public final class AppendValidator {
    /** The longest stream name; longer names are a programmer error. */
    public static final int STREAM_NAME_LENGTH_MAX = 500;

    private static final Instant TIME_SUPPORTED_MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant TIME_SUPPORTED_MAX = Instant.parse("9999-12-31T23:59:59Z");

    private final SchemaRegistry schemas;
    private final int payloadLimitBytes;

    public AppendValidator(SchemaRegistry schemas, int payloadLimitBytes) {
        this.schemas = Check.notNull(schemas, "schemas");
        this.payloadLimitBytes = payloadLimitBytes;
    }

    /** Either the prepared append or the reason it is rejected. */
    public sealed interface Outcome {}

    public record Ready(PreparedAppend append) implements Outcome {}

    public record Refused(AppendResult.Rejected rejection) implements Outcome {}

    public Outcome check(String stream, ExpectedRevision expected, List<EventEnvelope> events) {
        checkArguments(stream, expected, events);
        List<String> data = new ArrayList<>(events.size());
        List<String> metadata = new ArrayList<>(events.size());
        for (int index = 0; index < events.size(); index++) {
            EventEnvelope event = events.get(index);
            String dataJson = write(event.data());
            String metadataJson = event.metadata().isEmpty() ? null : write(event.metadata());
            Optional<String> problem = problem(event, dataJson, metadataJson);
            if (problem.isPresent()) {
                return new Refused(new AppendResult.Rejected("event " + (index + 1) + " of " + events.size()
                        + " (id " + event.id() + ", type " + event.type() + ") on stream " + stream + ": " + problem.get()));
            }
            data.add(dataJson);
            metadata.add(metadataJson);
        }
        return new Ready(new PreparedAppend(stream, expected, events, data, metadata));
    }

    private static void checkArguments(String stream, ExpectedRevision expected, List<EventEnvelope> events) {
        Check.notNull(stream, "stream");
        Check.notNull(expected, "expected");
        Check.notNull(events, "events");
        Check.argument(!stream.isBlank() && stream.length() <= STREAM_NAME_LENGTH_MAX,
                "stream name must be 1..%d characters and not blank, got '%s'", STREAM_NAME_LENGTH_MAX, stream);
        Check.argument(stream.indexOf('\0') < 0, "stream name must not contain the NUL character: '%s'", stream);
        Check.argument(!events.isEmpty() && events.size() <= EventStore.APPEND_EVENTS_MAX,
                "an append takes 1..%d events, got %d", EventStore.APPEND_EVENTS_MAX, events.size());
        for (int index = 0; index < events.size(); index++) {
            Check.notNull(events.get(index), "event " + (index + 1) + " of " + events.size());
        }
        if (expected instanceof ExpectedRevision.Exactly(long revision)) {
            Check.argument(revision >= 0, "an exact expected revision must be at least 0, got %d (use noStream())", revision);
        }
    }

    private Optional<String> problem(EventEnvelope event, String dataJson, String metadataJson) {
        long characters = dataJson.length() + (metadataJson == null ? 0 : metadataJson.length());
        // A UTF-16 character takes at most 3 bytes in UTF-8 (a surrogate pair, two characters, 4), so
        // payloads far under the limit are not counted byte by byte.
        long bytes = characters * 3 <= payloadLimitBytes ? characters
                : utf8Length(dataJson) + (metadataJson == null ? 0 : utf8Length(metadataJson));
        if (bytes > payloadLimitBytes) {
            return Optional.of("payload is " + bytes + " bytes, over the limit of " + payloadLimitBytes + " bytes");
        }
        // PostgreSQL text and jsonb cannot hold the NUL character; catching it here keeps one bad
        // event from failing the other appends of its group commit.
        if (dataJson.contains("\\u0000") || (metadataJson != null && metadataJson.contains("\\u0000"))) {
            return Optional.of("payload contains the NUL character (\\u0000), which the store cannot hold");
        }
        if (hasNul(event.type()) || hasNul(event.source()) || hasNul(event.subject()) || hasNul(event.traceId())
                || hasNul(event.causationId()) || hasNul(event.correlationId()) || hasNul(event.tenantId())) {
            return Optional.of("an attribute contains the NUL character, which the store cannot hold");
        }
        if (event.time().isBefore(TIME_SUPPORTED_MIN) || event.time().isAfter(TIME_SUPPORTED_MAX)) {
            return Optional.of("time " + event.time() + " is outside the years 1 to 9999 the store can hold");
        }
        return schemas.problem(event);
    }

    /** The length of {@code text} in UTF-8, counted without encoding it (no copy of every payload). */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character < 0x80) {
                bytes += 1;
            } else if (character < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(character) && index + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(index + 1))) {
                bytes += 4;
                index++;
            } else if (Character.isSurrogate(character)) {
                bytes += 1; // a lone surrogate is encoded as '?'
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static boolean hasNul(String value) {
        return value != null && value.indexOf('\0') >= 0;
    }

    private static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException failure) {
            throw new IllegalArgumentException("event data cannot be written as JSON: " + failure.getOriginalMessage(), failure);
        }
    }
}
