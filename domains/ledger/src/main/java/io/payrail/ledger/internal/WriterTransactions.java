package io.payrail.ledger.internal;

import io.payrail.ledger.api.LedgerUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Connections for the writer and the reads: database errors become {@link LedgerUnavailableException}. */
final class WriterTransactions {
    private WriterTransactions() {}

    /** Work on a connection. */
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException failure) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    failure.addSuppressed(rollbackFailure);
                }
                throw failure;
            }
        } catch (SQLException failure) {
            throw new LedgerUnavailableException("ledger database error: " + failure.getMessage(), failure);
        }
    }


    static <T> T autoCommit(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.apply(connection);
        } catch (SQLException failure) {
            throw new LedgerUnavailableException("ledger database error: " + failure.getMessage(), failure);
        }
    }
}
