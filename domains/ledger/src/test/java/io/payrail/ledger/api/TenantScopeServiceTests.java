package io.payrail.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link LedgerService#createTransfers(String, List)}: the writer keeps each tenant to its own accounts. */
class TenantScopeServiceTests {
    private static final String ACME = "tenant-1";
    private static final String GLOBEX = "tenant-2";

    private final LedgerFixture fixture = new LedgerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private UUID open(String tenant, int ledger) {
        UUID id = UUID.randomUUID();
        assertThat(fixture.ledger.createAccounts(List.of(NewAccount.of(id, tenant, ledger, 10, 0))).join())
                .extracting(AccountOutcome::result).containsExactly(CreateAccountResult.OK);
        return id;
    }

    private CreateTransferResult send(String tenant, NewTransfer transfer) {
        return fixture.ledger.createTransfers(tenant, List.of(transfer)).join().getFirst().result();
    }

    @Test
    void another_tenant_cannot_move_money_from_an_account_and_learns_only_that_it_is_not_found() {
        UUID acme = open(ACME, LedgerFixture.EUR);
        UUID globex = open(GLOBEX, LedgerFixture.EUR);
        assertThat(fixture.move(fixture.account(LedgerFixture.EUR, 0), acme, 1_000).ok()).isTrue();
        UUID theft = UUID.randomUUID();
        assertThat(send(GLOBEX, NewTransfer.of(theft, acme, globex, 500, LedgerFixture.EUR, 1)))
                .isEqualTo(CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND)
                .isEqualTo(send(GLOBEX, NewTransfer.of(UUID.randomUUID(), UUID.randomUUID(), globex, 500,
                        LedgerFixture.EUR, 1)));
        assertThat(send(GLOBEX, NewTransfer.of(UUID.randomUUID(), globex, acme, 500, LedgerFixture.EUR, 1)))
                .isEqualTo(CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND);
        assertThat(fixture.balances(acme).creditsPosted()).isEqualTo(1_000);
        assertThat(fixture.balances(acme).debitsPosted()).isZero();
        assertThat(fixture.balances(globex)).isEqualTo(Balances.ZERO);
        assertThat(fixture.ledger.transfer(theft)).isEmpty();
        // Burnt like any transfer refused for a missing account: the refusal is final after a restart too.
        fixture.ledger.close();
        fixture.ledger = LedgerService.open(fixture.database.dataSource(), fixture.clock, "node-a");
        assertThat(send(GLOBEX, NewTransfer.of(theft, acme, globex, 500, LedgerFixture.EUR, 1)))
                .isEqualTo(CreateTransferResult.ID_ALREADY_FAILED);
        fixture.assertAuditPasses();
    }

    @Test
    void the_owner_moves_money_between_its_own_accounts() {
        UUID first = open(ACME, LedgerFixture.EUR);
        UUID second = open(ACME, LedgerFixture.EUR);
        assertThat(send(ACME, NewTransfer.of(UUID.randomUUID(), first, second, 700, LedgerFixture.EUR, 1)))
                .isEqualTo(CreateTransferResult.OK);
        assertThat(fixture.balances(second).creditsPosted()).isEqualTo(700);
    }

    @Test
    void another_tenants_hold_answers_pending_transfer_not_found_and_stays_pending() {
        UUID bank = open(ACME, LedgerFixture.EUR);
        UUID customer = open(ACME, LedgerFixture.EUR);
        UUID hold = UUID.randomUUID();
        assertThat(send(ACME, NewTransfer.pending(hold, bank, customer, 400, LedgerFixture.EUR, 1, 0)))
                .isEqualTo(CreateTransferResult.OK);
        assertThat(send(GLOBEX, NewTransfer.voidPending(UUID.randomUUID(), hold)))
                .isEqualTo(CreateTransferResult.PENDING_TRANSFER_NOT_FOUND);
        assertThat(fixture.balances(customer).creditsPending()).isEqualTo(400);
        assertThat(send(ACME, NewTransfer.post(UUID.randomUUID(), hold, 0))).isEqualTo(CreateTransferResult.OK);
        assertThat(fixture.balances(customer).creditsPosted()).isEqualTo(400);
    }

    @Test
    void another_tenants_account_on_another_ledger_answers_not_found_rather_than_ledger_mismatch() {
        UUID mine = open(GLOBEX, LedgerFixture.EUR);
        UUID ownUsd = open(GLOBEX, LedgerFixture.USD);
        UUID theirUsd = open(ACME, LedgerFixture.USD);
        assertThat(send(GLOBEX, NewTransfer.of(UUID.randomUUID(), mine, ownUsd, 1, LedgerFixture.EUR, 1)))
                .isEqualTo(CreateTransferResult.LEDGER_MISMATCH);
        assertThat(send(GLOBEX, NewTransfer.of(UUID.randomUUID(), mine, theirUsd, 1, LedgerFixture.EUR, 1)))
                .isEqualTo(CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND);
    }

    @Test
    void a_blank_or_missing_tenant_is_a_programmer_error_naming_the_value() {
        List<NewTransfer> none = List.of();
        assertThatThrownBy(() -> fixture.ledger.createTransfers(" ", none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant must be");
        assertThatThrownBy(() -> fixture.ledger.createTransfers((String) null, none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    }
}
