package io.payrail.bus;

import java.sql.Connection;

/**
 * Called when a replay opens a new epoch, before any event of that epoch is delivered, in a
 * transaction that also records that the reset was done (so it runs once per epoch, even across
 * crashes). Typical use: create a fresh read-model table for the new epoch.
 */
@FunctionalInterface
public interface ResetHook {
    ResetHook NONE = (transaction, epoch) -> {};

    void reset(Connection transaction, long newEpoch) throws Exception;
}
