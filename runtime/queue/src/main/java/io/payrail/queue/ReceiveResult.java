package io.payrail.queue;

import java.util.List;

/**
 * The answer of {@link Queues#deleteAndReceive}: the messages received, and one outcome per handle
 * deleted with them, in the order the handles were given.
 */
public record ReceiveResult(List<ReceivedMessage> messages, List<DeleteOutcome> deleteOutcomes) {
    public ReceiveResult {
        messages = List.copyOf(messages);
        deleteOutcomes = List.copyOf(deleteOutcomes);
    }
}
