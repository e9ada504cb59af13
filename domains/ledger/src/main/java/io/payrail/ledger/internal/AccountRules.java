package io.payrail.ledger.internal;

import static io.payrail.ledger.api.CreateAccountResult.*;

import io.payrail.ledger.api.AccountFlags;
import io.payrail.ledger.api.Balances;
import io.payrail.ledger.api.CreateAccountResult;
import io.payrail.ledger.api.NewAccount;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The rules for opening one account; accounts start at zero and their identity never changes. */
final class AccountRules {
    private static final UUID NIL = new UUID(0, 0);

    private AccountRules() {}

    static CreateAccountResult create(LedgerStateMachine machine, NewAccount request, Instant time,
            Map<UUID, AccountState> foreignAccounts) {
        if (request.id() == null || NIL.equals(request.id())) {
            return ID_MUST_NOT_BE_ZERO;
        }
        if ((request.flags() & ~AccountFlags.ALL) != 0) {
            return RESERVED_FLAG;
        }
        if (AccountFlags.has(request.flags(), AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
                && AccountFlags.has(request.flags(), AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)) {
            return FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        AccountState existing = machine.accounts.get(request.id());
        if (existing == null) {
            existing = foreignAccounts.get(request.id());
        }
        if (existing != null) {
            return compareWithExisting(request, existing);
        }
        CreateAccountResult invalid = validate(machine, request);
        if (invalid != OK) {
            return invalid;
        }
        AccountState account = new AccountState(request.id(), request.tenant(), request.ledger(), request.code(),
                request.flags(), request.metadata(), request.externalReference(), time, Balances.ZERO);
        machine.accounts.put(account.id, account);
        machine.effects.createdAccounts.add(account);
        return OK;
    }

    private static CreateAccountResult validate(LedgerStateMachine machine, NewAccount request) {
        if (request.tenant() == null || request.tenant().isBlank()) {
            return TENANT_MUST_NOT_BE_BLANK;
        }
        if (request.tenant().length() > NewAccount.TENANT_LENGTH_MAX) {
            return TENANT_TOO_LONG;
        }
        if (request.ledger() == 0) {
            return LEDGER_MUST_NOT_BE_ZERO;
        }
        if (request.ledger() != machine.ledger) {
            return LEDGER_NOT_FOUND;
        }
        if (request.code() == 0) {
            return CODE_MUST_NOT_BE_ZERO;
        }
        if (request.metadata() != null && request.metadata().length() > NewAccount.METADATA_LENGTH_MAX) {
            return METADATA_TOO_LONG;
        }
        if (request.externalReference() != null
                && request.externalReference().length() > NewAccount.EXTERNAL_REFERENCE_LENGTH_MAX) {
            return EXTERNAL_REFERENCE_TOO_LONG;
        }
        return OK;
    }

    private static CreateAccountResult compareWithExisting(NewAccount request, AccountState existing) {
        // The tenant is compared first: another tenant probing an id must learn nothing of the account.
        if (!Objects.equals(request.tenant(), existing.tenant)) {
            return EXISTS_WITH_DIFFERENT_TENANT;
        }
        if (request.flags() != existing.flags) {
            return EXISTS_WITH_DIFFERENT_FLAGS;
        }
        if (request.ledger() != existing.ledger) {
            return EXISTS_WITH_DIFFERENT_LEDGER;
        }
        if (request.code() != existing.code) {
            return EXISTS_WITH_DIFFERENT_CODE;
        }
        if (!Objects.equals(request.metadata(), existing.metadata)) {
            return EXISTS_WITH_DIFFERENT_METADATA;
        }
        if (!Objects.equals(request.externalReference(), existing.externalReference)) {
            return EXISTS_WITH_DIFFERENT_EXTERNAL_REFERENCE;
        }
        return EXISTS;
    }
}
