package io.payrail.queue;

import java.sql.Connection;

/**
 * Processes one message inside the transaction that deletes it: the handler's writes and the delete
 * commit together, so a message whose effects committed is never processed again, and a message
 * redelivered meanwhile (a stale receipt) rolls the handler's writes back.
 */
@FunctionalInterface
public interface TransactionalMessageHandler {
    void handle(Connection transaction, ReceivedMessage message) throws Exception;
}
