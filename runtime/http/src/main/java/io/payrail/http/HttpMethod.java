package io.payrail.http;

/** The HTTP methods a route can be declared for. */
public enum HttpMethod {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE;

    /** The method named by {@code name} (as sent on the wire), or null when the gateway does not route it. */
    public static HttpMethod parseOrNull(String name) {
        return switch (name) {
            case "GET" -> GET;
            case "POST" -> POST;
            case "PUT" -> PUT;
            case "PATCH" -> PATCH;
            case "DELETE" -> DELETE;
            default -> null;
        };
    }

    /** Methods whose requests carry a body the gateway reads. */
    public boolean hasBody() {
        return this == POST || this == PUT || this == PATCH;
    }
}
