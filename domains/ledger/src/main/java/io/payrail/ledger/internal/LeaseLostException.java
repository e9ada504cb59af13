package io.payrail.ledger.internal;

/** The writer's lease epoch is no longer the current one: another node owns the ledger now. */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(String message) {
        super(message);
    }
}
