package io.payrail.function;

/**
 * The trace of an invocation, taken from its trigger (the HTTP request's headers, the event's or
 * message's attributes, the schedule tick) and handed on to everything the handler publishes or
 * sends, so one business process can be followed across functions.
 *
 * @param traceId       the distributed trace the work belongs to
 * @param correlationId the id shared by every step of one business process
 * @param causationId   the id of the event, message, request or tick that caused this invocation
 * @param tenantId      the tenant the work is done for, or null for platform work
 */
public record Trace(String traceId, String correlationId, String causationId, String tenantId) {
    /** A trace that starts here: trace and correlation are both {@code id}, caused by {@code causationId}. */
    public static Trace start(String id, String causationId, String tenantId) {
        return new Trace(id, id, causationId, tenantId);
    }
}
