package io.payrail.queue;

/**
 * Statements run by group commit and the calls they answered, per kind of call, plus the lookups
 * of ready tenants (the expensive part of a fair receive) since the {@link Queues} was made, and the
 * messages deleted by acknowledgements that rode on receives ({@link Queues#deleteAndReceive}) and the
 * vacuums of the queue table the process started.
 */
public record GroupCommitCounts(long insertStatements, long sendCalls, long receiveStatements, long receiveCalls,
        long deleteStatements, long deleteCalls, long tenantLookups, long deletesOnReceives, long vacuums) {
    public String describe() {
        return ("sends %d in %d inserts, receives %d in %d statements (deleting %d messages), deletes %d in %d statements, "
                + "%d tenant lookups, %d vacuums").formatted(sendCalls, insertStatements, receiveCalls, receiveStatements, deletesOnReceives,
                        deleteCalls, deleteStatements, tenantLookups, vacuums);
    }
}
