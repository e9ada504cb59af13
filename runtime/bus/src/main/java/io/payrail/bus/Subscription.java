package io.payrail.bus;

import io.payrail.platform.Check;
import io.payrail.store.EventEnvelope;

/**
 * A named consumer of the log with its own durable cursor. Build one with {@link #atLeastOnce} or
 * {@link #inTransaction}, then refine it with the {@code with...} methods.
 *
 * @param name        unique name, lowercase letters, digits, '.', '_' and '-'
 * @param rule        only matching events are delivered (the cursor still moves past the others); null = all
 * @param startFrom   where the cursor starts when the subscription is first created
 * @param handler     what receives the events
 * @param resetHook   run when a replay opens a new epoch
 * @param parallelism 1 = strict log order; more = in parallel across partition keys, in order per key
 *                    (at-least-once handlers only: unit-of-work handlers share one transaction)
 * @param retry       attempts and backoff before an event is parked
 */
public record Subscription(String name, Rule rule, StartFrom startFrom, SubscriptionHandler handler,
        ResetHook resetHook, int parallelism, RetryPolicy retry) {
    public static final int NAME_CHARS_MAX = 100;
    public static final int PARALLELISM_MAX = 64;

    public Subscription {
        Check.notNull(name, "name");
        Check.argument(name.matches("[a-z0-9][a-z0-9._-]{0," + (NAME_CHARS_MAX - 1) + "}"),
                "subscription name must be 1..%d of a-z 0-9 . _ - starting with a letter or digit: '%s'",
                NAME_CHARS_MAX, name);
        Check.notNull(startFrom, "startFrom");
        Check.notNull(handler, "handler");
        Check.notNull(resetHook, "resetHook");
        Check.notNull(retry, "retry");
        Check.argument(parallelism >= 1 && parallelism <= PARALLELISM_MAX,
                "parallelism must be 1..%d, got %d", PARALLELISM_MAX, parallelism);
        Check.argument(parallelism == 1 || handler instanceof SubscriptionHandler.AtLeastOnce,
                "subscription %s: a unit-of-work handler is delivered in log order, parallelism must be 1, got %d",
                name, parallelism);
    }

    public static Subscription atLeastOnce(String name, EventHandler handler) {
        return new Subscription(name, null, StartFrom.BEGINNING, new SubscriptionHandler.AtLeastOnce(handler),
                ResetHook.NONE, 1, RetryPolicy.defaults());
    }

    public static Subscription inTransaction(String name, TransactionalEventHandler handler) {
        return new Subscription(name, null, StartFrom.BEGINNING, new SubscriptionHandler.InTransaction(handler),
                ResetHook.NONE, 1, RetryPolicy.defaults());
    }

    public Subscription withRule(Rule newRule) {
        return new Subscription(name, newRule, startFrom, handler, resetHook, parallelism, retry);
    }

    public Subscription withStartFrom(StartFrom newStartFrom) {
        return new Subscription(name, rule, newStartFrom, handler, resetHook, parallelism, retry);
    }

    public Subscription withResetHook(ResetHook newResetHook) {
        return new Subscription(name, rule, startFrom, handler, newResetHook, parallelism, retry);
    }

    public Subscription withParallelism(int newParallelism) {
        return new Subscription(name, rule, startFrom, handler, resetHook, newParallelism, retry);
    }

    public Subscription withRetry(RetryPolicy newRetry) {
        return new Subscription(name, rule, startFrom, handler, resetHook, parallelism, newRetry);
    }

    /** True when the event should reach the handler. */
    public boolean wants(EventEnvelope envelope) {
        return rule == null || rule.matches(envelope);
    }
}
