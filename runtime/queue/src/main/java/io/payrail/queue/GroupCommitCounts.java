package io.payrail.queue;

/**
 * Statements run by group commit and the calls they answered, per kind of call, plus the lookups
 * of ready tenants (the expensive part of a fair receive) since the {@link Queues} was made.
 */
public record GroupCommitCounts(long insertStatements, long sendCalls, long receiveStatements, long receiveCalls,
        long deleteStatements, long deleteCalls, long tenantLookups) {
    public String describe() {
        return "sends %d in %d inserts, receives %d in %d statements, deletes %d in %d statements, %d tenant lookups"
                .formatted(sendCalls, insertStatements, receiveCalls, receiveStatements, deleteCalls, deleteStatements,
                        tenantLookups);
    }
}
