package io.payrail.ledger.api;

import java.util.UUID;

/**
 * One transfer's result, in the order of the request. When the result is {@code ok}, the balances are
 * the debit and credit accounts' balances right after this transfer and {@code position} is its place
 * in the ledger's transfer journal; otherwise both balances are null and the position is zero.
 */
public record TransferOutcome(UUID id, CreateTransferResult result, Balances debitAccountBalances,
        Balances creditAccountBalances, long position) {

    public static TransferOutcome failed(UUID id, CreateTransferResult result) {
        return new TransferOutcome(id, result, null, null, 0);
    }

    public boolean ok() {
        return result == CreateTransferResult.OK;
    }
}
