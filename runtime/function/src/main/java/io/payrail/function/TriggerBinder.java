package io.payrail.function;

/**
 * Connects functions with one kind of trigger to the module that produces their inputs (the queue
 * consumer, the bus, the HTTP gateway). The seam that keeps this module's core free of them.
 */
@FunctionalInterface
public interface TriggerBinder<T extends Trigger> {
    /** Starts delivering {@code trigger}'s inputs to {@code function}; closing stops it. */
    AutoCloseable bind(FunctionDeclaration function, T trigger, FunctionInvoker invoker);
}
