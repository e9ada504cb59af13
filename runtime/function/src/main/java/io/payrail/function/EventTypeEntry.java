package io.payrail.function;

import java.util.List;
import java.util.Optional;

/**
 * One event type as the catalog shows it: its schema and who publishes and consumes it, taken
 * from the functions' declarations.
 *
 * @param schema      the schema's description, empty when none is declared or registered
 * @param publishers  names of the functions that declare they publish it, sorted
 * @param subscribers names of the functions that declare they consume it, sorted
 */
public record EventTypeEntry(String type, Optional<String> schema, List<String> publishers, List<String> subscribers) {
    public EventTypeEntry {
        publishers = List.copyOf(publishers);
        subscribers = List.copyOf(subscribers);
    }
}
