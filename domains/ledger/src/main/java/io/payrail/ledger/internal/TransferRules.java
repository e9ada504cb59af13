package io.payrail.ledger.internal;

import static io.payrail.ledger.api.CreateTransferResult.*;

import io.payrail.ledger.api.AccountFlags;
import io.payrail.ledger.api.CreateTransferResult;
import io.payrail.ledger.api.NewTransfer;
import io.payrail.ledger.api.TransferFlags;
import io.payrail.ledger.api.TransferOutcome;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The rules for one transfer, checked in a fixed order so the same input always gives the same code:
 * identity, idempotency, shape of the request, accounts, then balances (overflow before limits).
 * Balances only change after every check passed.
 */
final class TransferRules {
    private static final UUID NIL = new UUID(0, 0);

    private final LedgerStateMachine machine;

    TransferRules(LedgerStateMachine machine) {
        this.machine = machine;
    }

    TransferOutcome apply(NewTransfer request, Instant time, Map<UUID, Integer> foreignAccountLedgers, String tenant) {
        if (request.id() == null || NIL.equals(request.id())) {
            return TransferOutcome.failed(request.id(), ID_MUST_NOT_BE_ZERO);
        }
        if ((request.flags() & ~TransferFlags.CLIENT_FLAGS) != 0) {
            return TransferOutcome.failed(request.id(), RESERVED_FLAG);
        }
        TransferRecord existing = machine.transfers.get(request.id());
        if (existing != null) {
            return TransferOutcome.failed(request.id(), compareWithExisting(request, existing));
        }
        if (machine.failedIds.containsKey(request.id())) {
            return TransferOutcome.failed(request.id(), ID_ALREADY_FAILED);
        }
        boolean resolves = request.has(TransferFlags.POST_PENDING_TRANSFER)
                || request.has(TransferFlags.VOID_PENDING_TRANSFER);
        return resolves ? resolvePending(request, time, tenant) : applyRegular(request, time, foreignAccountLedgers, tenant);
    }

    private static CreateTransferResult compareWithExisting(NewTransfer request, TransferRecord existing) {
        boolean resolves = existing.resolvesPending();
        if (request.flags() != existing.flags()) {
            return EXISTS_WITH_DIFFERENT_FLAGS;
        }
        if (!Objects.equals(request.pendingId(), existing.pendingId())) {
            return EXISTS_WITH_DIFFERENT_PENDING_ID;
        }
        if (request.timeoutSeconds() != existing.timeoutSeconds()) {
            return EXISTS_WITH_DIFFERENT_TIMEOUT;
        }
        if ((!resolves || request.debitAccountId() != null)
                && !Objects.equals(request.debitAccountId(), existing.debitAccountId())) {
            return EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if ((!resolves || request.creditAccountId() != null)
                && !Objects.equals(request.creditAccountId(), existing.creditAccountId())) {
            return EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        if (request.amount() != existing.requestedAmount()) {
            return EXISTS_WITH_DIFFERENT_AMOUNT;
        }
        if (!Objects.equals(request.metadata(), existing.metadata())) {
            return EXISTS_WITH_DIFFERENT_METADATA;
        }
        if ((!resolves || request.ledger() != 0) && request.ledger() != existing.ledger()) {
            return EXISTS_WITH_DIFFERENT_LEDGER;
        }
        if ((!resolves || request.code() != 0) && request.code() != existing.code()) {
            return EXISTS_WITH_DIFFERENT_CODE;
        }
        return EXISTS;
    }

    /** The account when the tenant may use it (any tenant for a trusted caller), otherwise null. */
    private static AccountState visible(AccountState account, String tenant) {
        return account == null || tenant == null || tenant.equals(account.tenant)
                ? account : null;
    }

    private CreateTransferResult validateRegular(NewTransfer request) {
        boolean pending = request.has(TransferFlags.PENDING);
        if (request.debitAccountId() == null || NIL.equals(request.debitAccountId())) {
            return DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
        }
        if (request.creditAccountId() == null || NIL.equals(request.creditAccountId())) {
            return CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
        }
        if (request.debitAccountId().equals(request.creditAccountId())) {
            return ACCOUNTS_MUST_BE_DIFFERENT;
        }
        if (request.pendingId() != null) {
            return PENDING_ID_MUST_BE_ZERO;
        }
        if (request.timeoutSeconds() < 0) {
            return TIMEOUT_MUST_NOT_BE_NEGATIVE;
        }
        if (!pending && request.timeoutSeconds() != 0) {
            return TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        }
        if (request.timeoutSeconds() > NewTransfer.TIMEOUT_SECONDS_MAX) {
            return OVERFLOWS_TIMEOUT;
        }
        if (request.amount() < 0) {
            return AMOUNT_MUST_NOT_BE_NEGATIVE;
        }
        if (request.amount() == 0) {
            return AMOUNT_MUST_NOT_BE_ZERO;
        }
        if (request.ledger() == 0) {
            return LEDGER_MUST_NOT_BE_ZERO;
        }
        if (request.code() == 0) {
            return CODE_MUST_NOT_BE_ZERO;
        }
        if (request.metadata() != null && request.metadata().length() > NewTransfer.METADATA_LENGTH_MAX) {
            return METADATA_TOO_LONG;
        }
        return OK;
    }

    private TransferOutcome applyRegular(NewTransfer request, Instant time, Map<UUID, Integer> foreign, String tenant) {
        CreateTransferResult invalid = validateRegular(request);
        if (invalid != OK) {
            return TransferOutcome.failed(request.id(), invalid);
        }
        // Another tenant's account is treated as missing, so the answer is the same as for an unknown id.
        AccountState debit = visible(machine.accounts.get(request.debitAccountId()), tenant);
        AccountState credit = visible(machine.accounts.get(request.creditAccountId()), tenant);
        if (debit == null && !foreign.containsKey(request.debitAccountId())) {
            return TransferOutcome.failed(request.id(), DEBIT_ACCOUNT_NOT_FOUND);
        }
        if (credit == null && !foreign.containsKey(request.creditAccountId())) {
            return TransferOutcome.failed(request.id(), CREDIT_ACCOUNT_NOT_FOUND);
        }
        if (debit == null || credit == null || request.ledger() != machine.ledger) {
            return TransferOutcome.failed(request.id(), LEDGER_MISMATCH);
        }
        long amount = balancedAmount(request, debit, credit);
        return post(request, time, debit, credit, amount);
    }

    private static long balancedAmount(NewTransfer request, AccountState debit, AccountState credit) {
        long amount = request.amount();
        if (request.has(TransferFlags.BALANCING_DEBIT)) {
            amount = Math.min(amount, headroom(debit.creditsPosted, debit.debitsPosted, debit.debitsPending));
        }
        if (request.has(TransferFlags.BALANCING_CREDIT)) {
            amount = Math.min(amount, headroom(credit.debitsPosted, credit.creditsPosted, credit.creditsPending));
        }
        return amount;
    }

    /** {@code limit - used - held}, never below zero; written so no intermediate value overflows. */
    private static long headroom(long limit, long used, long held) {
        if (limit <= used) {
            return 0;
        }
        return Math.max(0, (limit - used) - held);
    }

    private TransferOutcome post(NewTransfer request, Instant time, AccountState debit, AccountState credit,
            long amount) {
        boolean pending = request.has(TransferFlags.PENDING);
        long debitsPending = debit.debitsPending;
        long debitsPosted = debit.debitsPosted;
        long creditsPending = credit.creditsPending;
        long creditsPosted = credit.creditsPosted;
        if (pending) {
            debitsPending = addOrMinus(debitsPending, amount);
            creditsPending = addOrMinus(creditsPending, amount);
            if (debitsPending < 0) {
                return TransferOutcome.failed(request.id(), OVERFLOWS_DEBITS_PENDING);
            }
            if (creditsPending < 0) {
                return TransferOutcome.failed(request.id(), OVERFLOWS_CREDITS_PENDING);
            }
        } else {
            debitsPosted = addOrMinus(debitsPosted, amount);
            creditsPosted = addOrMinus(creditsPosted, amount);
            if (debitsPosted < 0) {
                return TransferOutcome.failed(request.id(), OVERFLOWS_DEBITS_POSTED);
            }
            if (creditsPosted < 0) {
                return TransferOutcome.failed(request.id(), OVERFLOWS_CREDITS_POSTED);
            }
        }
        if (addOrMinus(debitsPending, debitsPosted) < 0) {
            return TransferOutcome.failed(request.id(), OVERFLOWS_DEBITS);
        }
        if (addOrMinus(creditsPending, creditsPosted) < 0) {
            return TransferOutcome.failed(request.id(), OVERFLOWS_CREDITS);
        }
        if (AccountFlags.has(debit.flags, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
                && debitsPending + debitsPosted > debit.creditsPosted) {
            return TransferOutcome.failed(request.id(), EXCEEDS_CREDITS);
        }
        if (AccountFlags.has(credit.flags, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)
                && creditsPending + creditsPosted > credit.debitsPosted) {
            return TransferOutcome.failed(request.id(), EXCEEDS_DEBITS);
        }
        machine.setBalances(debit, debitsPending, debitsPosted, debit.creditsPending, debit.creditsPosted);
        machine.setBalances(credit, credit.debitsPending, credit.debitsPosted, creditsPending, creditsPosted);
        TransferRecord transfer = new TransferRecord(request.id(), machine.ledger, machine.nextPosition++,
                debit.id, credit.id, amount, request.amount(), null, request.code(), request.flags(),
                request.timeoutSeconds(), request.metadata(), time, debit.balances(), credit.balances());
        machine.record(transfer);
        return new TransferOutcome(request.id(), OK, transfer.debitBalancesAfter(), transfer.creditBalancesAfter(),
                transfer.position());
    }

    /** Adds two non-negative amounts; -1 stands for an overflow (the checked sum would not fit a long). */
    private static long addOrMinus(long left, long right) {
        try {
            return Math.addExact(left, right);
        } catch (ArithmeticException overflow) {
            return -1;
        }
    }

    private CreateTransferResult validateResolution(NewTransfer request) {
        boolean post = request.has(TransferFlags.POST_PENDING_TRANSFER);
        boolean voiding = request.has(TransferFlags.VOID_PENDING_TRANSFER);
        int exclusive = TransferFlags.PENDING | TransferFlags.BALANCING_DEBIT | TransferFlags.BALANCING_CREDIT;
        if ((post && voiding) || (request.flags() & exclusive) != 0) {
            return FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (request.pendingId() == null || NIL.equals(request.pendingId())) {
            return PENDING_ID_MUST_NOT_BE_ZERO;
        }
        if (request.pendingId().equals(request.id())) {
            return PENDING_ID_MUST_BE_DIFFERENT;
        }
        if (request.timeoutSeconds() != 0) {
            return TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        }
        if (request.amount() < 0) {
            return AMOUNT_MUST_NOT_BE_NEGATIVE;
        }
        if (request.metadata() != null && request.metadata().length() > NewTransfer.METADATA_LENGTH_MAX) {
            return METADATA_TOO_LONG;
        }
        return OK;
    }

    private static CreateTransferResult matchPending(NewTransfer request, TransferRecord hold) {
        if (request.debitAccountId() != null && !request.debitAccountId().equals(hold.debitAccountId())) {
            return PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID;
        }
        if (request.creditAccountId() != null && !request.creditAccountId().equals(hold.creditAccountId())) {
            return PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID;
        }
        if (request.ledger() != 0 && request.ledger() != hold.ledger()) {
            return PENDING_TRANSFER_HAS_DIFFERENT_LEDGER;
        }
        if (request.code() != 0 && request.code() != hold.code()) {
            return PENDING_TRANSFER_HAS_DIFFERENT_CODE;
        }
        boolean post = request.has(TransferFlags.POST_PENDING_TRANSFER);
        if (post && request.amount() > hold.amount()) {
            return EXCEEDS_PENDING_TRANSFER_AMOUNT;
        }
        if (!post && request.amount() != 0 && request.amount() != hold.amount()) {
            return PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT;
        }
        return OK;
    }

    private TransferOutcome resolvePending(NewTransfer request, Instant time, String tenant) {
        CreateTransferResult invalid = validateResolution(request);
        if (invalid != OK) {
            return TransferOutcome.failed(request.id(), invalid);
        }
        TransferRecord named = machine.transfers.get(request.pendingId());
        // Checked before anything is compared with the pending transfer, so another tenant's transfer
        // answers exactly as an unknown id.
        if (named != null && !(visible(machine.accounts.get(named.debitAccountId()), tenant) != null
                && visible(machine.accounts.get(named.creditAccountId()), tenant) != null)) {
            return TransferOutcome.failed(request.id(), PENDING_TRANSFER_NOT_FOUND);
        }
        PendingState pending = machine.pendings.get(request.pendingId());
        if (pending == null) {
            return TransferOutcome.failed(request.id(), named != null
                    ? PENDING_TRANSFER_NOT_PENDING : PENDING_TRANSFER_NOT_FOUND);
        }
        TransferRecord hold = pending.transfer;
        CreateTransferResult mismatch = matchPending(request, hold);
        if (mismatch != OK) {
            return TransferOutcome.failed(request.id(), mismatch);
        }
        switch (pending.status) {
            case POSTED -> {
                return TransferOutcome.failed(request.id(), PENDING_TRANSFER_ALREADY_POSTED);
            }
            case VOIDED -> {
                return TransferOutcome.failed(request.id(), PENDING_TRANSFER_ALREADY_VOIDED);
            }
            case EXPIRED -> {
                return TransferOutcome.failed(request.id(), PENDING_TRANSFER_EXPIRED);
            }
            case PENDING -> {
                if (pending.expiredAt(time)) {
                    return TransferOutcome.failed(request.id(), PENDING_TRANSFER_EXPIRED);
                }
            }
        }
        return settle(request, time, pending);
    }

    private TransferOutcome settle(NewTransfer request, Instant time, PendingState pending) {
        TransferRecord hold = pending.transfer;
        boolean post = request.has(TransferFlags.POST_PENDING_TRANSFER);
        long amount = post ? (request.amount() == 0 ? hold.amount() : request.amount()) : hold.amount();
        AccountState debit = machine.accounts.get(hold.debitAccountId());
        AccountState credit = machine.accounts.get(hold.creditAccountId());
        long debitsPosted = post ? addOrMinus(debit.debitsPosted, amount) : debit.debitsPosted;
        long creditsPosted = post ? addOrMinus(credit.creditsPosted, amount) : credit.creditsPosted;
        if (debitsPosted < 0) {
            return TransferOutcome.failed(request.id(), OVERFLOWS_DEBITS_POSTED);
        }
        if (creditsPosted < 0) {
            return TransferOutcome.failed(request.id(), OVERFLOWS_CREDITS_POSTED);
        }
        machine.setBalances(debit, debit.debitsPending - hold.amount(), debitsPosted, debit.creditsPending,
                debit.creditsPosted);
        machine.setBalances(credit, credit.debitsPending, credit.debitsPosted, credit.creditsPending - hold.amount(),
                creditsPosted);
        int code = request.code() == 0 ? hold.code() : request.code();
        TransferRecord transfer = new TransferRecord(request.id(), hold.ledger(), machine.nextPosition++,
                hold.debitAccountId(), hold.creditAccountId(), amount, request.amount(), hold.id(), code,
                request.flags(), 0, request.metadata(), time, debit.balances(), credit.balances());
        machine.record(transfer);
        return new TransferOutcome(request.id(), OK, transfer.debitBalancesAfter(), transfer.creditBalancesAfter(),
                transfer.position());
    }
}
