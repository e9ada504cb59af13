package io.payrail.function;

import io.payrail.platform.Check;
import io.payrail.queue.ConsumerOptions;
import io.payrail.queue.DeleteOutcome;
import io.payrail.queue.QueueConsumer;
import io.payrail.queue.QueueLimits;
import io.payrail.queue.Queues;
import io.payrail.queue.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs queue-triggered functions through the queue module's consumer, with the consumer's maximum
 * concurrency set to the function's reserved concurrency (the cluster-wide slots still apply: each
 * node's consumer may take up to that many messages, the slots keep the sum within it).
 *
 * <p>The message is deleted inside the function's own transaction (the commit guard), so its
 * effects and the delete commit together; a message redelivered meanwhile rolls the attempt back.
 * A failed invocation is reported to the queue, whose retries and dead-letter queue take over.
 */
public final class QueueFunctions implements TriggerBinder<Trigger.Queue> {
    /** Added to a function's worst-case duration to get the visibility timeout of its messages. */
    public static final Duration VISIBILITY_MARGIN = Duration.ofSeconds(30);

    private final Queues queues;

    public QueueFunctions(Queues queues) {
        this.queues = Check.notNull(queues, "queues");
    }

    @Override
    public AutoCloseable bind(FunctionDeclaration function, Trigger.Queue trigger, FunctionInvoker invoker) {
        Duration visibility = function.limits().worstCaseDuration().plus(VISIBILITY_MARGIN);
        Check.argument(visibility.compareTo(QueueLimits.VISIBILITY_TIMEOUT_MAX) <= 0,
                "function %s: timeout times attempts (%s) exceeds the queue's visibility timeout limit %s",
                function.name(), visibility, QueueLimits.VISIBILITY_TIMEOUT_MAX);
        ConsumerOptions options = ConsumerOptions.of(trigger.name(), function.limits().reservedConcurrency())
                .withVisibilityTimeout(visibility);
        return QueueConsumer.start(queues, options, message -> run(function, invoker, message));
    }

    private void run(FunctionDeclaration function, FunctionInvoker invoker, ReceivedMessage message) {
        String messageKey = "message:" + message.queue() + ":" + message.messageId();
        String traceId = message.trace().traceId() != null ? message.trace().traceId() : messageKey;
        Trace trace = new Trace(traceId,
                message.trace().correlationId() != null ? message.trace().correlationId() : traceId,
                messageKey, message.tenantId());
        InvocationRequest request = new InvocationRequest(message.body().getBytes(StandardCharsets.UTF_8), messageKey, trace,
                transaction -> queues.delete(transaction, message.receiptHandle()) == DeleteOutcome.DELETED);
        InvocationResult result = invoker.invoke(function, request);
        if (!(result instanceof InvocationResult.Succeeded || result instanceof InvocationResult.Superseded)) {
            throw new FunctionInvocationException(function.name(), result);
        }
    }
}
