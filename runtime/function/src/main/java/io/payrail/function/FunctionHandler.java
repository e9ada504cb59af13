package io.payrail.function;

/**
 * The code of a function. It does its work on {@link FunctionContext#transaction()}: what it writes
 * there (its own rows, the events it appends, the messages it sends through a database-backed queue)
 * commits only when it returns within its timeout, and is rolled back otherwise.
 */
@FunctionalInterface
public interface FunctionHandler {
    /**
     * Handles one input; returns the output (the HTTP response body for an HTTP function, ignored
     * elsewhere), possibly empty. Throwing fails the attempt, which is then retried by policy.
     */
    byte[] handle(FunctionContext context) throws Exception;
}
