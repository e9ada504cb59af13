package io.payrail.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.payrail.platform.Check;
import io.payrail.platform.Json;

/** Turns JSON text from outside (a CLI argument, an HTTP body) into event data, with a clear message when it is not JSON. */
public final class EventData {
    /** The longest JSON text parsed here; the store's payload limit applies again on append. */
    public static final int TEXT_LENGTH_MAX = StoreOptions.PAYLOAD_LIMIT_BYTES_MAX;

    private EventData() {}

    /** Parses a JSON object; fails with IllegalArgumentException naming the line, column and problem. */
    public static JsonNode parse(String json) {
        Check.notNull(json, "json");
        Check.argument(json.length() <= TEXT_LENGTH_MAX, "event data is %d characters, over the limit of %d", json.length(), TEXT_LENGTH_MAX);
        JsonNode data;
        try {
            data = Json.mapper().readTree(json);
        } catch (JsonProcessingException failure) {
            var location = failure.getLocation();
            throw new IllegalArgumentException("event data is not well-formed JSON"
                    + (location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr())
                    + ": " + failure.getOriginalMessage(), failure);
        }
        Check.argument(data != null && data.isObject(), "event data must be a JSON object, got %s",
                data == null || data.isMissingNode() ? "nothing" : data.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        return data;
    }
}
