package io.payrail.queue.internal;

import io.payrail.queue.QueueDefinition;
import io.payrail.queue.QueueType;

/** A stored queue: its database id and its definition. */
public record QueueRecord(int id, QueueDefinition definition) {
    public String name() {
        return definition.name();
    }

    public boolean fifo() {
        return definition.type() == QueueType.FIFO;
    }
}
