package io.payrail.queue;

/** Standard: at-least-once, best-effort order, fair across tenants. FIFO: ordered per message group. */
public enum QueueType {
    STANDARD,
    FIFO
}
