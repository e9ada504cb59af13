package io.payrail.queue;

/** The outcome of one send: a new message, or a duplicate of one sent within the deduplication window. */
public sealed interface SendResult {
    long messageId();

    record Sent(long messageId) implements SendResult {}

    /** Nothing was sent; {@code messageId} is the message the deduplication id first sent. */
    record Duplicate(long messageId) implements SendResult {}
}
