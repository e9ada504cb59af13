package io.payrail.function;

import io.payrail.bus.Delivery;
import io.payrail.bus.EventBus;
import io.payrail.bus.EventDocument;
import io.payrail.bus.Rule;
import io.payrail.bus.StartFrom;
import io.payrail.bus.Subscription;
import io.payrail.platform.Check;
import io.payrail.store.EventEnvelope;
import java.nio.charset.StandardCharsets;

/**
 * Runs rule-triggered functions through bus subscriptions: one subscription per function, named
 * after it, filtered by the rule's pattern, starting at the head of the log when first created (a
 * new function sees new events, as an EventBridge rule does). Bind before the bus starts; the bus
 * owns the subscriptions' lifecycle. Delivery is at least once; the function's idempotency key is
 * the event id, its payload the event as the rule matched it (EventBridge's document shape).
 */
public final class RuleFunctions implements TriggerBinder<Trigger.Rule> {
    private final EventBus bus;

    public RuleFunctions(EventBus bus) {
        this.bus = Check.notNull(bus, "bus");
    }

    @Override
    public AutoCloseable bind(FunctionDeclaration function, Trigger.Rule trigger, FunctionInvoker invoker) {
        bus.subscribe(Subscription.atLeastOnce(function.name(), delivery -> run(function, invoker, delivery))
                .withRule(Rule.parse(trigger.pattern()))
                .withStartFrom(StartFrom.HEAD));
        return () -> { };
    }

    private static void run(FunctionDeclaration function, FunctionInvoker invoker, Delivery delivery) {
        EventEnvelope event = delivery.envelope();
        String eventKey = "event:" + event.id();
        String traceId = event.traceId() != null ? event.traceId() : eventKey;
        Trace trace = new Trace(traceId, event.correlationId() != null ? event.correlationId() : traceId,
                event.id().toString(), event.tenantId());
        byte[] payload = EventDocument.of(event).toString().getBytes(StandardCharsets.UTF_8);
        InvocationResult result = invoker.invoke(function, new InvocationRequest(payload, eventKey, trace, CommitGuard.NONE));
        if (!(result instanceof InvocationResult.Succeeded)) {
            throw new FunctionInvocationException(function.name(), result);
        }
    }
}
