package io.payrail.platform;

import java.sql.SQLException;

/** An operating failure of the database (unreachable, I/O): retried or reported, never a business outcome. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    /** The SQLSTATE of the underlying failure, or null. */
    public String sqlState() {
        return getCause() instanceof SQLException sql ? sql.getSQLState() : null;
    }
}
