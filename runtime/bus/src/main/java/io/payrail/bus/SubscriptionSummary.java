package io.payrail.bus;

/**
 * One line of {@code payrail subscriptions list}.
 *
 * @param lagEvents events in the log after the cursor (head position minus cursor position: the
 *                  store's positions have no gaps)
 * @param state     {@code replaying} (a replay is catching up), {@code running} (a node holds the
 *                  subscription's lock) or {@code stopped} (no node processes it now)
 */
public record SubscriptionSummary(String name, long position, long lagEvents, long epoch, long parkedCount,
        String state) {}
