package io.payrail.bus;

/**
 * An at-least-once handler: it may see an event again after a crash or a retry, so its effects must
 * be idempotent (keyed by the event id). Throwing asks for a retry.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(Delivery delivery) throws Exception;
}
