package io.payrail.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.ledger.api.Balances;
import io.payrail.ledger.api.TransferFlags;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Recomputes every account's balances from the journal and checks the books balance. */
final class LedgerInvariants {
    private LedgerInvariants() {}

    static void assertBalanced(Collection<AccountState> accounts, List<BatchEffects> history) {
        Map<UUID, long[]> sums = new HashMap<>();
        Map<UUID, TransferRecord> holds = new HashMap<>();
        for (BatchEffects effects : history) {
            for (TransferRecord transfer : effects.transfers()) {
                long[] debit = sums.computeIfAbsent(transfer.debitAccountId(), id -> new long[4]);
                long[] credit = sums.computeIfAbsent(transfer.creditAccountId(), id -> new long[4]);
                if (transfer.has(TransferFlags.PENDING)) {
                    holds.put(transfer.id(), transfer);
                    debit[0] += transfer.amount();
                    credit[2] += transfer.amount();
                } else if (transfer.resolvesPending()) {
                    long held = holds.get(transfer.pendingId()).amount();
                    debit[0] -= held;
                    credit[2] -= held;
                    if (transfer.has(TransferFlags.POST_PENDING_TRANSFER)) {
                        debit[1] += transfer.amount();
                        credit[3] += transfer.amount();
                    }
                } else {
                    debit[1] += transfer.amount();
                    credit[3] += transfer.amount();
                }
            }
        }
        BigInteger[] totals = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
        for (AccountState account : accounts) {
            long[] sum = sums.getOrDefault(account.id(), new long[4]);
            Balances balances = account.balances();
            assertThat(balances).as("account %s equals the sum of its entries", account.id())
                    .isEqualTo(new Balances(sum[0], sum[1], sum[2], sum[3]));
            totals[0] = totals[0].add(BigInteger.valueOf(balances.debitsPending()));
            totals[1] = totals[1].add(BigInteger.valueOf(balances.debitsPosted()));
            totals[2] = totals[2].add(BigInteger.valueOf(balances.creditsPending()));
            totals[3] = totals[3].add(BigInteger.valueOf(balances.creditsPosted()));
        }
        assertThat(totals[1]).as("debits posted equal credits posted").isEqualTo(totals[3]);
        assertThat(totals[0]).as("debits pending equal credits pending").isEqualTo(totals[2]);
    }
}
