package io.payrail.function;

/** How an invocation ended: business outcomes of running a function, as values. */
public sealed interface InvocationResult {
    /** The handler returned within its timeout and its transaction committed. */
    record Succeeded(byte[] output, int attempts) implements InvocationResult {}

    /** Every attempt failed; {@code reason} and {@code message} describe the last one. */
    record Failed(FailureReason reason, int attempts, String message) implements InvocationResult {}

    /** The input broke a declared limit; the handler never ran. */
    record Rejected(RejectionReason reason, String message) implements InvocationResult {}

    /** No concurrency slot came free in time; the handler never ran, the caller may try later. */
    record Throttled(String functionName, int reservedConcurrency) implements InvocationResult {}

    /** The commit guard said another owner has this input now; the attempt was rolled back. */
    record Superseded(int attempts) implements InvocationResult {}

    enum FailureReason {
        /** The attempt ran past its timeout: interrupted, its transaction rolled back. */
        TIMED_OUT,
        /** The handler threw. */
        HANDLER_FAILED,
        /** The database failed (no connection, commit failed). */
        DATABASE_FAILED,
        /** The caller was interrupted while waiting for the attempt. */
        CANCELLED
    }

    enum RejectionReason {
        PAYLOAD_TOO_LARGE,
        UNKNOWN_FUNCTION
    }
}
