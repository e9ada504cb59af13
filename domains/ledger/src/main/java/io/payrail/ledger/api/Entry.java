package io.payrail.ledger.api;

/**
 * One transfer seen from one account: the side it touched and, for an account with the
 * {@code history} flag, the account's balances right after it (null otherwise).
 */
public record Entry(Transfer transfer, Side side, Balances balancesAfter) {
    public enum Side { DEBIT, CREDIT }
}
