package io.payrail.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.payrail.platform.Check;
import io.payrail.platform.IdGenerator;
import io.payrail.platform.Json;
import io.payrail.store.AppendResult;
import io.payrail.store.EventEnvelope;
import io.payrail.store.EventStore;
import io.payrail.store.ExpectedRevision;
import io.payrail.store.RecordedEvent;
import io.payrail.store.SchemaRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Backs {@code payrail events tail [--type T] [--from POSITION]} and
 * {@code payrail events inject --type T --data @file.json}.
 */
public final class EventsAdmin {
    /** The most log events one tail page reads (matching or not). */
    public static final int TAIL_PAGE_EVENTS_MAX = 500;
    /** The most pages one {@link #tail} call streams before returning. */
    public static final int TAIL_PAGES_MAX = 10_000;
    /** The largest data file {@code inject} reads. */
    public static final int INJECT_FILE_BYTES_MAX = 256 * 1024;
    /** The source of injected events, so they are easy to tell apart from real ones. */
    public static final String INJECT_SOURCE = "payrail/cli";
    /** The schema version injected events claim; the store checks the data against that version's schema. */
    public static final int INJECT_SCHEMA_VERSION = 1;

    private final EventStore store;
    private final SchemaRegistry schemas;
    private final Clock clock;
    private final IdGenerator ids;

    /** @param schemas the milestone schemas; inject refuses types the registry does not know */
    public EventsAdmin(EventStore store, SchemaRegistry schemas, Clock clock, IdGenerator ids) {
        this.store = Check.notNull(store, "store");
        this.schemas = Check.notNull(schemas, "schemas");
        this.clock = Check.notNull(clock, "clock");
        this.ids = Check.notNull(ids, "ids");
    }

    /** One bounded page of events after {@code afterPosition}, only of {@code type} when it is not null. */
    public TailPage page(long afterPosition, String type) {
        Check.argument(afterPosition >= 0, "--from must be a log position of at least 0, got %d", afterPosition);
        List<RecordedEvent> read = store.readLog(afterPosition, TAIL_PAGE_EVENTS_MAX);
        List<RecordedEvent> matching = new ArrayList<>(read.size());
        for (RecordedEvent event : read) {
            if (type == null || type.equals(event.envelope().type())) {
                matching.add(event);
            }
        }
        return new TailPage(matching, read.isEmpty() ? afterPosition : read.getLast().position());
    }

    /**
     * Streams one line per event until the head of the log (or {@code pagesMax} pages); returns the
     * position to continue from, so a follower calls it again after waiting.
     */
    public long tail(long afterPosition, String type, int pagesMax, PrintStream out) {
        Check.argument(pagesMax >= 1 && pagesMax <= TAIL_PAGES_MAX, "pagesMax must be 1..%d, got %d", TAIL_PAGES_MAX,
                pagesMax);
        long position = afterPosition;
        for (int page = 0; page < pagesMax; page++) {
            TailPage next = page(position, type);
            next.events().forEach(event -> out.println(line(event)));
            if (next.nextPosition() == position) {
                break;
            }
            position = next.nextPosition();
        }
        return position;
    }

    /** {@code position  recordedAt  type  subject  id  data} on one line. */
    public static String line(RecordedEvent event) {
        EventEnvelope envelope = event.envelope();
        return event.position() + "  " + event.recordedAt() + "  " + envelope.type() + "  "
                + (envelope.subject() == null ? "-" : envelope.subject()) + "  " + envelope.id() + "  " + envelope.data();
    }

    /** The outcome of an inject: the new event's id and log position. */
    public record Injected(UUID id, long position) {
        public String line() {
            return "injected event " + id + " at position " + position;
        }
    }

    /**
     * Appends one event of {@code type} whose data is read from {@code dataArgument} ("@file.json").
     * A missing or malformed file, an unknown type or a schema violation fails with a one-line
     * {@link IllegalArgumentException} and appends nothing.
     */
    public Injected inject(String type, String dataArgument) {
        Check.argument(type != null && !type.isBlank() && type.length() <= 200, "--type must be 1..200 characters");
        Check.argument(schemas.knows(type), "unknown event type '%s': no schema is registered for it", type);
        JsonNode data = readData(dataArgument);
        UUID id = ids.next();
        EventEnvelope event = new EventEnvelope(id, type, INJECT_SOURCE, null, clock.instant(), data,
                INJECT_SCHEMA_VERSION, null, null, null, null, Map.of());
        return switch (store.append("inject-" + id, ExpectedRevision.noStream(), List.of(event))) {
            case AppendResult.Appended appended -> new Injected(id, appended.lastPosition());
            case AppendResult.Rejected rejected -> throw new IllegalArgumentException(
                    "event refused: " + rejected.reason());
            case AppendResult.Conflict conflict -> throw new IllegalStateException(
                    "a fresh stream inject-" + id + " already exists at revision " + conflict.currentRevision());
        };
    }

    private static JsonNode readData(String dataArgument) {
        Check.argument(dataArgument != null && dataArgument.startsWith("@") && dataArgument.length() > 1,
                "--data must name a JSON file as @file.json, got '%s'", dataArgument);
        Path file = Path.of(dataArgument.substring(1));
        byte[] bytes;
        try {
            Check.argument(Files.size(file) <= INJECT_FILE_BYTES_MAX, "%s is larger than %d bytes", file,
                    INJECT_FILE_BYTES_MAX);
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("cannot read " + file + ": " + unreadable.getMessage());
        }
        try {
            return Json.mapper().readTree(bytes);
        } catch (JsonProcessingException malformed) {
            throw new IllegalArgumentException(file + " is not well-formed JSON: "
                    + malformed.getOriginalMessage().replaceAll("\\s+", " ") + location(malformed));
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("cannot read " + file + ": " + unreadable.getMessage());
        }
    }

    private static String location(JsonProcessingException malformed) {
        return malformed.getLocation() == null ? ""
                : " (line " + malformed.getLocation().getLineNr() + ", column " + malformed.getLocation().getColumnNr() + ")";
    }
}
