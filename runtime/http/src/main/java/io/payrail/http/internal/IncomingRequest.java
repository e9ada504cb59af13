package io.payrail.http.internal;

/** The parts of an HTTP request the pipeline reads; the Jetty handler adapts its request to this. */
public interface IncomingRequest {
    String method();

    /** The decoded path, without the query. */
    String path();

    /** The raw query string, or null. */
    String query();

    /** A header's value, or null. */
    String header(String name);

    /**
     * Reads the whole body if it has at most {@code maxBytes}; returns null when it is larger
     * (without reading more than {@code maxBytes + 1} bytes).
     */
    byte[] readBody(int maxBytes);
}
