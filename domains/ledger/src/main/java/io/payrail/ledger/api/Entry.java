package io.payrail.ledger.api;

/**
 * One transfer seen from one account: the side it touched and, for an account with the
 * {@code history} flag, the account's balances right after it (for other accounts it may be null: the
 * journal keeps their balances only on their last transfer of each batch).
 */
public record Entry(Transfer transfer, Side side, Balances balancesAfter) {
    public enum Side { DEBIT, CREDIT }
}
