package io.payrail.ledger.internal;

import io.payrail.ledger.api.NewTransfer;
import io.payrail.ledger.api.TransferFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded generator of transfer calls over a few accounts: ordinary, pending with timeouts, posts and
 * voids (full, partial, excessive), linked chains (closed and open), duplicates and near-duplicates,
 * balancing transfers, amounts near {@code Long.MAX_VALUE}, and bad input.
 */
final class RandomTransfers {
    final Random random;
    final int ledger;
    final List<UUID> accounts = new ArrayList<>();
    final List<NewTransfer> sent = new ArrayList<>();
    final List<UUID> pendingIds = new ArrayList<>();
    /** Whether some transfers name another ledger (a call is routed by its first transfer's ledger). */
    boolean mismatchedLedgers = true;
    /** The ledger posts and voids name (0: take it from the pending transfer). */
    int resolutionLedger;

    RandomTransfers(long seed, int ledger) {
        this.random = new Random(seed);
        this.ledger = ledger;
    }

    UUID newId() {
        return new UUID(random.nextLong(), random.nextLong() | 1);
    }

    List<NewTransfer> nextCall() {
        int size = 1 + random.nextInt(5);
        List<NewTransfer> call = new ArrayList<>();
        for (int index = 0; index < size; index++) {
            call.add(nextTransfer());
        }
        if (random.nextInt(6) == 0) {
            int from = random.nextInt(call.size());
            boolean closed = random.nextInt(5) != 0;
            for (int index = from; index < call.size() - (closed ? 1 : 0); index++) {
                call.set(index, call.get(index).linked());
            }
        }
        sent.addAll(call);
        return call;
    }

    private NewTransfer nextTransfer() {
        int kind = random.nextInt(100);
        if (kind < 8 && !sent.isEmpty()) {
            NewTransfer earlier = sent.get(random.nextInt(sent.size()));
            return earlier.withFlags(earlier.flags() & ~TransferFlags.LINKED);
        }
        if (kind < 14 && !sent.isEmpty()) {
            NewTransfer earlier = sent.get(random.nextInt(sent.size()));
            return new NewTransfer(earlier.id(), earlier.debitAccountId(), earlier.creditAccountId(),
                    earlier.amount() + 1, earlier.pendingId(), earlier.ledger(), earlier.code(),
                    earlier.flags() & ~TransferFlags.LINKED, earlier.timeoutSeconds(), earlier.metadata());
        }
        if (kind < 30 && !pendingIds.isEmpty()) {
            return resolution();
        }
        UUID debit = pickAccount();
        UUID credit = random.nextInt(25) == 0 ? debit : pickAccount();
        long amount = amount();
        int transferLedger = mismatchedLedgers && random.nextInt(40) == 0 ? ledger + 1 : ledger;
        if (kind < 45) {
            UUID id = newId();
            pendingIds.add(id);
            return NewTransfer.pending(id, debit, credit, amount, transferLedger, 1, random.nextInt(4));
        }
        int flags = 0;
        if (kind < 52) {
            flags |= random.nextBoolean() ? TransferFlags.BALANCING_DEBIT : TransferFlags.BALANCING_CREDIT;
        }
        long timeout = random.nextInt(40) == 0 ? 5 : 0;
        return new NewTransfer(newId(), debit, credit, amount, null, transferLedger, 1 + random.nextInt(2), flags,
                timeout, null);
    }

    private NewTransfer resolution() {
        UUID pendingId = pendingIds.get(random.nextInt(pendingIds.size()));
        boolean post = random.nextBoolean();
        if (post) {
            long amount = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 1 + random.nextInt(50);
                case 2 -> 1_000_000;
                default -> -1;
            };
            return NewTransfer.post(newId(), pendingId, amount).withLedger(resolutionLedger);
        }
        NewTransfer voiding = NewTransfer.voidPending(newId(), pendingId).withLedger(resolutionLedger);
        return random.nextInt(8) == 0 ? new NewTransfer(voiding.id(), null, null, 7, pendingId, voiding.ledger(), 0,
                voiding.flags(), 0, null) : voiding;
    }

    private UUID pickAccount() {
        if (random.nextInt(30) == 0) {
            return newId();
        }
        return accounts.get(random.nextInt(accounts.size()));
    }

    private long amount() {
        return switch (random.nextInt(20)) {
            case 0 -> 0;
            case 1 -> -1 - random.nextInt(10);
            case 2 -> Long.MAX_VALUE - random.nextInt(3);
            case 3 -> Long.MAX_VALUE / 2;
            default -> 1 + random.nextInt(200);
        };
    }
}
