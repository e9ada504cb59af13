package io.payrail.platform;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work in one database transaction: committed when the work returns, rolled back when it
 * throws. This is the unit of work: a command's table writes and the events it appends share the
 * connection handed to the work, so they commit or vanish together.
 */
public final class Transactions {
    private final DataSource dataSource;

    public Transactions(DataSource dataSource) {
        this.dataSource = Check.notNull(dataSource, "dataSource");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error failure) {
                rollbackQuietly(connection, failure);
                throw failure;
            }
        } catch (SQLException failure) {
            throw new DatabaseException("transaction failed", failure);
        }
    }

    /** Runs read-only work with auto-commit on (one statement, one snapshot). */
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.apply(connection);
        } catch (SQLException failure) {
            throw new DatabaseException("read failed", failure);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }
}
