package io.payrail.bus;

import java.sql.Connection;

/**
 * A handler whose effects are written through the unit of work: {@code transaction} is the same
 * transaction in which the subscription's cursor moves past the event, so effects and cursor commit
 * together and each event's effect is applied exactly once. The handler must not commit, roll back
 * or close the connection. Throwing rolls back this event's effects and asks for a retry.
 */
@FunctionalInterface
public interface TransactionalEventHandler {
    void handle(Connection transaction, Delivery delivery) throws Exception;
}
