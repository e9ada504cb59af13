package io.payrail.queue;

/** Processes one message. Returning deletes it; throwing reports a failed attempt (retry or dead letter). */
@FunctionalInterface
public interface MessageHandler {
    void handle(ReceivedMessage message) throws Exception;
}
