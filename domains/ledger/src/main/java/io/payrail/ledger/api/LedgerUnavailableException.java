package io.payrail.ledger.api;

/**
 * An operating condition, not a business outcome: the ledger could not commit the call (database
 * down, lease lost, writer overloaded or stopping) or another node writes this ledger. Nothing of the
 * call is half-applied; retrying with the same transfer ids is always safe and answers {@code exists}
 * for whatever did commit.
 */
public final class LedgerUnavailableException extends RuntimeException {
    public LedgerUnavailableException(String message) {
        super(message);
    }

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
