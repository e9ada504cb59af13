package io.payrail.ledger.internal;

import io.payrail.ledger.api.AccountFlags;
import io.payrail.ledger.api.Balances;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which journal rows of a batch keep an account's balances: the account's last row in the batch (so its
 * latest row always has its current balances, which is where reads take them from, see migration V3),
 * and every row of an account with the {@code history} flag (for point-in-time reads). Other rows keep
 * none: a batch of thousands of transfers over a few accounts then writes a few balance arrays, not two
 * per row.
 */
final class KeptBalances {
    private final Balances[] debit;
    private final Balances[] credit;

    private KeptBalances(int size) {
        debit = new Balances[size];
        credit = new Balances[size];
    }

    static KeptBalances of(List<TransferRecord> transfers, Map<UUID, AccountState> accounts) {
        KeptBalances kept = new KeptBalances(transfers.size());
        Set<UUID> seen = new HashSet<>();
        for (int index = transfers.size() - 1; index >= 0; index--) {
            TransferRecord transfer = transfers.get(index);
            if (seen.add(transfer.debitAccountId()) || keepsHistory(accounts.get(transfer.debitAccountId()))) {
                kept.debit[index] = transfer.debitBalancesAfter();
            }
            if (seen.add(transfer.creditAccountId()) || keepsHistory(accounts.get(transfer.creditAccountId()))) {
                kept.credit[index] = transfer.creditBalancesAfter();
            }
        }
        return kept;
    }

    /** The debit account's balances to keep with row {@code index}, or null. */
    Balances debit(int index) {
        return debit[index];
    }

    Balances credit(int index) {
        return credit[index];
    }

    private static boolean keepsHistory(AccountState account) {
        return account != null && AccountFlags.has(account.flags(), AccountFlags.HISTORY);
    }
}
