package io.payrail.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.ledger.api.AccountOutcome;
import io.payrail.ledger.api.Balances;
import io.payrail.ledger.api.CreateAccountResult;
import io.payrail.ledger.api.CreateTransferResult;
import io.payrail.ledger.api.NewAccount;
import io.payrail.ledger.api.NewTransfer;
import io.payrail.ledger.api.TransferOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The state machine refuses a tenant's caller the accounts of other tenants, exactly as missing ones. */
class TenantScopeTests {
    private static final int LEDGER = 1;
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private final LedgerStateMachine machine = new LedgerStateMachine(LEDGER, "EUR");
    private final UUID acmeBank = open("acme");
    private final UUID acmeCustomer = open("acme");
    private final UUID globexCustomer = open("globex");

    private UUID open(String tenant) {
        UUID id = UUID.randomUUID();
        List<AccountOutcome> outcomes = machine.createAccounts(List.of(NewAccount.of(id, tenant, LEDGER, 1, 0)), NOW,
                Map.of());
        assertThat(outcomes).extracting(AccountOutcome::result).containsExactly(CreateAccountResult.OK);
        return id;
    }

    private CreateTransferResult send(String tenant, NewTransfer transfer) {
        return machine.createTransfers(List.of(transfer), NOW, Map.of(), tenant).getFirst().result();
    }

    private static NewTransfer move(UUID debit, UUID credit) {
        return NewTransfer.of(UUID.randomUUID(), debit, credit, 100, LEDGER, 1);
    }

    @Test
    void another_tenants_debit_account_answers_like_a_missing_one_and_moves_nothing() {
        assertThat(send("globex", move(acmeCustomer, globexCustomer)))
                .isEqualTo(CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND)
                .isEqualTo(send("globex", move(UUID.randomUUID(), globexCustomer)));
        assertThat(machine.account(acmeCustomer).balances()).isEqualTo(Balances.ZERO);
        assertThat(machine.account(globexCustomer).balances()).isEqualTo(Balances.ZERO);
    }

    @Test
    void another_tenants_credit_account_answers_like_a_missing_one() {
        assertThat(send("globex", move(globexCustomer, acmeCustomer)))
                .isEqualTo(CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND)
                .isEqualTo(send("globex", move(globexCustomer, UUID.randomUUID())));
        assertThat(machine.account(globexCustomer).balances()).isEqualTo(Balances.ZERO);
    }

    @Test
    void the_refused_id_is_burnt_as_for_a_missing_account_so_a_resend_cannot_succeed_later() {
        NewTransfer theft = move(acmeCustomer, globexCustomer);
        assertThat(send("globex", theft)).isEqualTo(CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND);
        assertThat(send("globex", theft)).isEqualTo(CreateTransferResult.ID_ALREADY_FAILED);
        assertThat(send("acme", move(acmeCustomer, acmeBank))).isEqualTo(CreateTransferResult.OK);
    }

    @Test
    void the_owner_and_a_trusted_caller_move_money_between_the_owners_accounts() {
        assertThat(send("acme", move(acmeBank, acmeCustomer))).isEqualTo(CreateTransferResult.OK);
        assertThat(send(LedgerStateMachine.ANY_TENANT, move(acmeCustomer, globexCustomer)))
                .isEqualTo(CreateTransferResult.OK);
        assertThat(machine.account(acmeBank).balances().debitsPosted()).isEqualTo(100);
        assertThat(machine.account(globexCustomer).balances().creditsPosted()).isEqualTo(100);
    }

    @Test
    void a_linked_chain_touching_another_tenants_account_fails_whole() {
        UUID globexBank = open("globex");
        NewTransfer first = move(globexBank, globexCustomer).linked();
        NewTransfer second = move(acmeCustomer, globexCustomer);
        List<TransferOutcome> outcomes = machine.createTransfers(List.of(first, second), NOW, Map.of(), "globex");
        assertThat(outcomes).extracting(TransferOutcome::result).containsExactly(
                CreateTransferResult.LINKED_EVENT_FAILED, CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND);
        assertThat(machine.account(globexCustomer).balances()).isEqualTo(Balances.ZERO);
        assertThat(machine.account(globexBank).balances()).isEqualTo(Balances.ZERO);
    }

    @Test
    void another_tenants_hold_can_be_neither_posted_nor_voided_and_stays_pending_for_its_owner() {
        UUID hold = UUID.randomUUID();
        assertThat(send("acme", NewTransfer.pending(hold, acmeBank, acmeCustomer, 500, LEDGER, 1, 0)))
                .isEqualTo(CreateTransferResult.OK);
        assertThat(send("globex", NewTransfer.post(UUID.randomUUID(), hold, 0)))
                .isEqualTo(CreateTransferResult.PENDING_TRANSFER_NOT_FOUND)
                .isEqualTo(send("globex", NewTransfer.post(UUID.randomUUID(), UUID.randomUUID(), 0)));
        // Even a request that does not match the hold answers not found: nothing is compared first.
        assertThat(send("globex", NewTransfer.post(UUID.randomUUID(), hold, 1_000_000)))
                .isEqualTo(CreateTransferResult.PENDING_TRANSFER_NOT_FOUND);
        assertThat(send("globex", NewTransfer.voidPending(UUID.randomUUID(), hold)))
                .isEqualTo(CreateTransferResult.PENDING_TRANSFER_NOT_FOUND);
        assertThat(machine.account(acmeCustomer).balances().creditsPending()).isEqualTo(500);
        assertThat(send("acme", NewTransfer.post(UUID.randomUUID(), hold, 0))).isEqualTo(CreateTransferResult.OK);
        assertThat(machine.account(acmeCustomer).balances().creditsPosted()).isEqualTo(500);
    }

    @Test
    void a_hold_between_two_tenants_is_resolvable_by_neither_tenant_alone() {
        UUID hold = UUID.randomUUID();
        assertThat(send(LedgerStateMachine.ANY_TENANT,
                NewTransfer.pending(hold, acmeBank, globexCustomer, 300, LEDGER, 1, 0))).isEqualTo(CreateTransferResult.OK);
        assertThat(send("acme", NewTransfer.voidPending(UUID.randomUUID(), hold)))
                .isEqualTo(CreateTransferResult.PENDING_TRANSFER_NOT_FOUND);
        assertThat(send("globex", NewTransfer.voidPending(UUID.randomUUID(), hold)))
                .isEqualTo(CreateTransferResult.PENDING_TRANSFER_NOT_FOUND);
        assertThat(send(LedgerStateMachine.ANY_TENANT, NewTransfer.voidPending(UUID.randomUUID(), hold)))
                .isEqualTo(CreateTransferResult.OK);
        assertThat(machine.account(globexCustomer).balances()).isEqualTo(Balances.ZERO);
    }
}
