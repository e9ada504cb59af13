package io.payrail.function;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A last check inside the attempt's transaction, after the handler returned and before commit. When
 * it answers false the transaction is rolled back and the invocation ends as superseded (someone
 * else owns this input now), without retry.
 */
@FunctionalInterface
public interface CommitGuard {
    CommitGuard NONE = transaction -> true;

    boolean confirm(Connection transaction) throws SQLException;
}
