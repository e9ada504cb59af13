package io.payrail.function;

import com.fasterxml.jackson.databind.JsonNode;
import io.payrail.platform.Json;
import java.io.IOException;
import java.sql.Connection;
import java.time.Instant;

/**
 * What a handler is given for one attempt.
 *
 * @param functionName   the function being run
 * @param transaction    the attempt's transaction (auto-commit off); the invoker commits or rolls back
 * @param trace          the trace to put on every event and message the handler produces
 * @param payload        the input, at most the function's {@code maxPayloadBytes}
 * @param idempotencyKey the key that is the same for every delivery of one input (a tick id, a
 *                       message id, an event id, a request's idempotency key)
 * @param attempt        the attempt number, from 1
 * @param deadline       when the attempt times out, by the invoker's clock
 */
public record FunctionContext(
        String functionName,
        Connection transaction,
        Trace trace,
        byte[] payload,
        String idempotencyKey,
        int attempt,
        Instant deadline) {

    /** The payload parsed as JSON; a payload that is not JSON fails the attempt with a clear message. */
    public JsonNode json() throws IOException {
        return Json.mapper().readTree(payload);
    }
}
