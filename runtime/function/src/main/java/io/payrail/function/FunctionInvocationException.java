package io.payrail.function;

/**
 * Thrown to a trigger's module (queue consumer, bus) when an invocation did not succeed, so that
 * module applies its own redelivery: the queue's visibility timeout and dead-letter queue, the
 * bus's retry and parking.
 */
public final class FunctionInvocationException extends RuntimeException {
    private final transient InvocationResult result;

    public FunctionInvocationException(String functionName, InvocationResult result) {
        super("function " + functionName + " did not succeed: " + result);
        this.result = result;
    }

    public InvocationResult result() {
        return result;
    }
}
