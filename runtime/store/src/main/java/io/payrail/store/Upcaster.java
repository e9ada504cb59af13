package io.payrail.store;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns the payload of one schema version of a type into the next version's. Must be pure. */
@FunctionalInterface
public interface Upcaster {
    JsonNode upcast(JsonNode olderData);
}
