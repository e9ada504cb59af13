package io.payrail.http;

import io.payrail.platform.Check;

/**
 * How the gateway guards one route.
 *
 * @param requiredRole the least role an API key needs, or null for a public route (no key at all)
 * @param maxPayloadBytes the largest request body accepted; larger ones get 413
 * @param idempotent whether the route requires an {@code Idempotency-Key} and stores its response
 * @param effectsInTransaction the handler's only effects are its writes through
 *     {@link RequestContext#connection()}: the gateway may then claim the idempotency key lazily, when the
 *     handler first asks for its transaction, or, if it never does, together with storing the response
 *     (one round trip instead of two). A duplicate request may then run such a handler's pure code again,
 *     never its writes; its answer is discarded for the stored one. Routes whose handlers act through
 *     anything else (another service's own transactions, a partner call) must leave it false.
 */
public record RouteOptions(Role requiredRole, int maxPayloadBytes, boolean idempotent, boolean effectsInTransaction) {
    /** The body limit when a route names none: enough for any JSON command Payrail takes. */
    public static final int PAYLOAD_BYTES_DEFAULT = 64 * 1024;
    /** No route may accept more than this in one request; bulk data goes through files. */
    public static final int PAYLOAD_BYTES_MAX = 4 * 1024 * 1024;

    /** Options whose handler may have effects outside the request's transaction (the safe default). */
    public RouteOptions(Role requiredRole, int maxPayloadBytes, boolean idempotent) {
        this(requiredRole, maxPayloadBytes, idempotent, false);
    }

    public RouteOptions {
        Check.argument(maxPayloadBytes >= 0 && maxPayloadBytes <= PAYLOAD_BYTES_MAX,
                "maxPayloadBytes must be within 0..%d, got %d", PAYLOAD_BYTES_MAX, maxPayloadBytes);
        Check.argument(!idempotent || requiredRole != null,
                "an idempotent route needs an API key role: keys are scoped per tenant");
    }

    /** Defaults by method: writes need a writer and are idempotent when they are POSTs; reads need a reader. */
    public static RouteOptions defaultsFor(HttpMethod method) {
        return switch (method) {
            case GET -> new RouteOptions(Role.READER, PAYLOAD_BYTES_DEFAULT, false);
            case POST -> new RouteOptions(Role.WRITER, PAYLOAD_BYTES_DEFAULT, true);
            case PUT, PATCH, DELETE -> new RouteOptions(Role.WRITER, PAYLOAD_BYTES_DEFAULT, false);
        };
    }

    public boolean isPublic() {
        return requiredRole == null;
    }
}
