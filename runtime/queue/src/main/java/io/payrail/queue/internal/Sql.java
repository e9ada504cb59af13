package io.payrail.queue.internal;

import io.payrail.platform.Check;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Small JDBC helpers shared by the statement classes. */
public final class Sql {
    /** The channel every send notifies, with the queue name as payload. */
    public static final String NOTIFY_CHANNEL = "payrail_queue";

    private Sql() {}

    /** Binds {@code values} to parameters 1..n; a null binds as an untyped null. */
    public static PreparedStatement bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int index = 0; index < values.length; index++) {
            if (values[index] == null) {
                statement.setNull(index + 1, Types.VARCHAR);
            } else {
                statement.setObject(index + 1, values[index]);
            }
        }
        return statement;
    }

    /**
     * Put before a statement on {@code queue_message} (same prepared statement, so one round trip and,
     * in auto-commit, one implicit transaction that the settings end with): the planner may then reach
     * the table only through index conditions and ordered index scans. A queue's table statistics
     * are a snapshot of a moment: a vacuum that ran while the queue was empty records zero rows per
     * page, and from then on the planner takes a backlog of any size for one row and chooses a
     * bitmap scan and a sort of a tenant's whole backlog, or a join that loops over every row
     * (measured: 20 ms per tenant and 1.6 s per receive on a 99,000 backlog). With these off, the
     * plan no longer depends on the statistics. {@code set_config(..., true)} rather than {@code SET
     * LOCAL}, which warns outside an explicit transaction block. On a caller's explicit transaction
     * (tests) the settings last until that transaction ends; the queue runs these statements in
     * auto-commit only.
     */
    public static final String INDEX_PLANS_ONLY = "SELECT set_config('enable_seqscan', 'off', true), "
            + "set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true), "
            + "set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true);\n";

    /**
     * A condition true of every message, for statements that select a queue's messages without
     * naming a tenant: tenant ids are never null, and in the "C" collation every text is at least
     * {@code ''}. {@code queue_message_tenant} is a partial index ({@code tenant_id IS NOT NULL},
     * migration V2) so that lookups by id never walk it, and a strict condition on {@code tenant_id}
     * is what lets the planner use it (PostgreSQL 17 drops an explicit {@code IS NOT NULL} on a NOT
     * NULL column before it matches partial indexes).
     */
    public static String everyTenant(String alias) {
        return alias + ".tenant_id >= ''";
    }

    /** Runs a statement prefixed by {@link #INDEX_PLANS_ONLY} and returns its own rows. */
    public static ResultSet queryAfterSettings(PreparedStatement statement) throws SQLException {
        boolean rows = statement.execute();
        // The first result is the settings' row; the statement's rows come next.
        Check.that(rows, "the plan settings returned no row");
        Check.that(statement.getMoreResults(), "the statement after the plan settings returned no rows");
        return statement.getResultSet();
    }

    public static Array textArray(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    public static Array bigintArray(Connection connection, Long[] values) throws SQLException {
        return connection.createArrayOf("bigint", values);
    }

    public static Array integerArray(Connection connection, Integer[] values) throws SQLException {
        return connection.createArrayOf("integer", values);
    }
}
