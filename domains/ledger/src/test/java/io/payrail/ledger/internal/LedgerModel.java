package io.payrail.ledger.internal;

import static io.payrail.ledger.api.CreateTransferResult.*;

import io.payrail.ledger.api.AccountFlags;
import io.payrail.ledger.api.CreateTransferResult;
import io.payrail.ledger.api.NewTransfer;
import io.payrail.ledger.api.TransferFlags;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A deliberately naive ledger to check the state machine against: balances in BigInteger (so overflow is
 * a comparison, not a trick), chains by copying the whole model, expiry by scanning every hold.
 */
final class LedgerModel {
    static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    record Hold(UUID debit, UUID credit, long amount, int code, long expiresAtSecond) {}

    int ledger;
    Map<UUID, BigInteger[]> balances = new HashMap<>();
    Map<UUID, Integer> accountFlags = new HashMap<>();
    Map<UUID, NewTransfer> accepted = new HashMap<>();
    Map<UUID, Long> effectiveAmount = new HashMap<>();
    Map<UUID, Hold> holds = new HashMap<>();
    Map<UUID, String> holdStatus = new HashMap<>();
    Set<UUID> failed = new HashSet<>();

    LedgerModel(int ledger) {
        this.ledger = ledger;
    }

    LedgerModel copy() {
        LedgerModel copy = new LedgerModel(ledger);
        balances.forEach((id, values) -> copy.balances.put(id, values.clone()));
        copy.accountFlags.putAll(accountFlags);
        copy.accepted.putAll(accepted);
        copy.effectiveAmount.putAll(effectiveAmount);
        copy.holds.putAll(holds);
        copy.holdStatus.putAll(holdStatus);
        copy.failed.addAll(failed);
        return copy;
    }

    void openAccount(UUID id, int flags) {
        balances.put(id, new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO});
        accountFlags.put(id, flags);
    }

    /** Balance indexes: 0 debits pending, 1 debits posted, 2 credits pending, 3 credits posted. */
    long balance(UUID account, int index) {
        return balances.get(account)[index].longValueExact();
    }

    void expire(long nowSecond) {
        for (Map.Entry<UUID, Hold> entry : holds.entrySet()) {
            Hold hold = entry.getValue();
            if (holdStatus.get(entry.getKey()).equals("pending") && hold.expiresAtSecond() <= nowSecond) {
                holdStatus.put(entry.getKey(), "expired");
                release(hold);
            }
        }
    }

    private void release(Hold hold) {
        balances.get(hold.debit())[0] = balances.get(hold.debit())[0].subtract(BigInteger.valueOf(hold.amount()));
        balances.get(hold.credit())[2] = balances.get(hold.credit())[2].subtract(BigInteger.valueOf(hold.amount()));
    }

    List<CreateTransferResult> createTransfers(List<NewTransfer> requests, long nowSecond) {
        List<CreateTransferResult> results = new ArrayList<>();
        int index = 0;
        while (index < requests.size()) {
            int end = index;
            while (end < requests.size() - 1 && requests.get(end).has(TransferFlags.LINKED)) {
                end++;
            }
            List<NewTransfer> chain = requests.subList(index, end + 1);
            if (chain.size() == 1 && !chain.getFirst().has(TransferFlags.LINKED)) {
                CreateTransferResult result = apply(chain.getFirst(), nowSecond);
                burn(chain.getFirst(), result);
                results.add(result);
            } else {
                results.addAll(applyChain(chain, nowSecond));
            }
            index = end + 1;
        }
        return results;
    }

    private List<CreateTransferResult> applyChain(List<NewTransfer> chain, long nowSecond) {
        List<CreateTransferResult> results = new ArrayList<>();
        if (chain.getLast().has(TransferFlags.LINKED)) {
            for (int i = 0; i < chain.size(); i++) {
                results.add(i == chain.size() - 1 ? LINKED_EVENT_CHAIN_OPEN : LINKED_EVENT_FAILED);
            }
            return results;
        }
        LedgerModel before = copy();
        for (int i = 0; i < chain.size(); i++) {
            CreateTransferResult result = apply(chain.get(i), nowSecond);
            if (result != OK && result != EXISTS) {
                restoreFrom(before);
                burn(chain.get(i), result);
                results.clear();
                for (int j = 0; j < chain.size(); j++) {
                    results.add(j == i ? result : LINKED_EVENT_FAILED);
                }
                return results;
            }
            results.add(result);
        }
        return results;
    }

    private void restoreFrom(LedgerModel other) {
        balances = other.balances;
        accountFlags = other.accountFlags;
        accepted = other.accepted;
        effectiveAmount = other.effectiveAmount;
        holds = other.holds;
        holdStatus = other.holdStatus;
        failed = other.failed;
    }

    private void burn(NewTransfer request, CreateTransferResult result) {
        if (result.transientFailure()) {
            failed.add(request.id());
        }
    }

    CreateTransferResult apply(NewTransfer t, long nowSecond) {
        if (accepted.containsKey(t.id())) {
            return exists(t, accepted.get(t.id()));
        }
        if (failed.contains(t.id())) {
            return ID_ALREADY_FAILED;
        }
        if (t.has(TransferFlags.POST_PENDING_TRANSFER) || t.has(TransferFlags.VOID_PENDING_TRANSFER)) {
            return resolve(t, nowSecond);
        }
        if (t.debitAccountId().equals(t.creditAccountId())) {
            return ACCOUNTS_MUST_BE_DIFFERENT;
        }
        if (!t.has(TransferFlags.PENDING) && t.timeoutSeconds() != 0) {
            return TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        }
        if (t.amount() < 0) {
            return AMOUNT_MUST_NOT_BE_NEGATIVE;
        }
        if (t.amount() == 0) {
            return AMOUNT_MUST_NOT_BE_ZERO;
        }
        if (!balances.containsKey(t.debitAccountId())) {
            return DEBIT_ACCOUNT_NOT_FOUND;
        }
        if (!balances.containsKey(t.creditAccountId())) {
            return CREDIT_ACCOUNT_NOT_FOUND;
        }
        if (t.ledger() != ledger) {
            return LEDGER_MISMATCH;
        }
        BigInteger[] debit = balances.get(t.debitAccountId());
        BigInteger[] credit = balances.get(t.creditAccountId());
        BigInteger amount = BigInteger.valueOf(t.amount());
        if (t.has(TransferFlags.BALANCING_DEBIT)) {
            amount = amount.min(debit[3].subtract(debit[1]).subtract(debit[0]).max(BigInteger.ZERO));
        }
        if (t.has(TransferFlags.BALANCING_CREDIT)) {
            amount = amount.min(credit[1].subtract(credit[3]).subtract(credit[2]).max(BigInteger.ZERO));
        }
        boolean pending = t.has(TransferFlags.PENDING);
        int debitIndex = pending ? 0 : 1;
        int creditIndex = pending ? 2 : 3;
        BigInteger newDebit = debit[debitIndex].add(amount);
        BigInteger newCredit = credit[creditIndex].add(amount);
        if (newDebit.compareTo(LONG_MAX) > 0) {
            return pending ? OVERFLOWS_DEBITS_PENDING : OVERFLOWS_DEBITS_POSTED;
        }
        if (newCredit.compareTo(LONG_MAX) > 0) {
            return pending ? OVERFLOWS_CREDITS_PENDING : OVERFLOWS_CREDITS_POSTED;
        }
        BigInteger debitTotal = debit[0].add(debit[1]).add(amount);
        BigInteger creditTotal = credit[2].add(credit[3]).add(amount);
        if (debitTotal.compareTo(LONG_MAX) > 0) {
            return OVERFLOWS_DEBITS;
        }
        if (creditTotal.compareTo(LONG_MAX) > 0) {
            return OVERFLOWS_CREDITS;
        }
        if (AccountFlags.has(accountFlags.get(t.debitAccountId()), AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
                && debitTotal.compareTo(debit[3]) > 0) {
            return EXCEEDS_CREDITS;
        }
        if (AccountFlags.has(accountFlags.get(t.creditAccountId()), AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)
                && creditTotal.compareTo(credit[1]) > 0) {
            return EXCEEDS_DEBITS;
        }
        debit[debitIndex] = newDebit;
        credit[creditIndex] = newCredit;
        accepted.put(t.id(), t);
        effectiveAmount.put(t.id(), amount.longValueExact());
        if (pending) {
            long expiresAt = t.timeoutSeconds() == 0 ? Long.MAX_VALUE : nowSecond + t.timeoutSeconds();
            holds.put(t.id(), new Hold(t.debitAccountId(), t.creditAccountId(), amount.longValueExact(), t.code(),
                    expiresAt));
            holdStatus.put(t.id(), "pending");
        }
        return OK;
    }

    private CreateTransferResult resolve(NewTransfer t, long nowSecond) {
        boolean post = t.has(TransferFlags.POST_PENDING_TRANSFER);
        if (t.pendingId().equals(t.id())) {
            return PENDING_ID_MUST_BE_DIFFERENT;
        }
        if (t.amount() < 0) {
            return AMOUNT_MUST_NOT_BE_NEGATIVE;
        }
        Hold hold = holds.get(t.pendingId());
        if (hold == null) {
            return accepted.containsKey(t.pendingId()) ? PENDING_TRANSFER_NOT_PENDING : PENDING_TRANSFER_NOT_FOUND;
        }
        if (post && t.amount() > hold.amount()) {
            return EXCEEDS_PENDING_TRANSFER_AMOUNT;
        }
        if (!post && t.amount() != 0 && t.amount() != hold.amount()) {
            return PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT;
        }
        String status = holdStatus.get(t.pendingId());
        switch (status) {
            case "posted" -> { return PENDING_TRANSFER_ALREADY_POSTED; }
            case "voided" -> { return PENDING_TRANSFER_ALREADY_VOIDED; }
            case "expired" -> { return PENDING_TRANSFER_EXPIRED; }
            default -> { }
        }
        if (hold.expiresAtSecond() <= nowSecond) {
            return PENDING_TRANSFER_EXPIRED;
        }
        long amount = post ? (t.amount() == 0 ? hold.amount() : t.amount()) : hold.amount();
        BigInteger[] debit = balances.get(hold.debit());
        BigInteger[] credit = balances.get(hold.credit());
        if (post && debit[1].add(BigInteger.valueOf(amount)).compareTo(LONG_MAX) > 0) {
            return OVERFLOWS_DEBITS_POSTED;
        }
        if (post && credit[3].add(BigInteger.valueOf(amount)).compareTo(LONG_MAX) > 0) {
            return OVERFLOWS_CREDITS_POSTED;
        }
        release(hold);
        if (post) {
            debit[1] = debit[1].add(BigInteger.valueOf(amount));
            credit[3] = credit[3].add(BigInteger.valueOf(amount));
        }
        holdStatus.put(t.pendingId(), post ? "posted" : "voided");
        accepted.put(t.id(), t);
        return OK;
    }

    private static CreateTransferResult exists(NewTransfer t, NewTransfer e) {
        if (t.flags() != e.flags()) {
            return EXISTS_WITH_DIFFERENT_FLAGS;
        }
        if (!Objects.equals(t.pendingId(), e.pendingId())) {
            return EXISTS_WITH_DIFFERENT_PENDING_ID;
        }
        if (t.timeoutSeconds() != e.timeoutSeconds()) {
            return EXISTS_WITH_DIFFERENT_TIMEOUT;
        }
        if (!Objects.equals(t.debitAccountId(), e.debitAccountId())) {
            return EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if (!Objects.equals(t.creditAccountId(), e.creditAccountId())) {
            return EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        if (t.amount() != e.amount()) {
            return EXISTS_WITH_DIFFERENT_AMOUNT;
        }
        if (!Objects.equals(t.metadata(), e.metadata())) {
            return EXISTS_WITH_DIFFERENT_METADATA;
        }
        if (t.ledger() != e.ledger()) {
            return EXISTS_WITH_DIFFERENT_LEDGER;
        }
        return t.code() != e.code() ? EXISTS_WITH_DIFFERENT_CODE : EXISTS;
    }
}
