package io.payrail.ledger.api;

import static io.payrail.ledger.api.AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS;
import static io.payrail.ledger.api.AccountFlags.HISTORY;
import static io.payrail.ledger.api.LedgerFixture.EUR;
import static io.payrail.ledger.api.LedgerFixture.USD;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LedgerServiceTests {
    private final LedgerFixture fixture = new LedgerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void a_transfer_moves_money_and_reports_both_balances_right_after_it() {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, DEBITS_MUST_NOT_EXCEED_CREDITS);

        TransferOutcome outcome = fixture.move(bank, customer, 12_50);

        assertThat(outcome.result()).isEqualTo(CreateTransferResult.OK);
        assertThat(outcome.debitAccountBalances()).isEqualTo(new Balances(0, 12_50, 0, 0));
        assertThat(outcome.creditAccountBalances()).isEqualTo(new Balances(0, 0, 0, 12_50));
        Account read = fixture.ledger.account(customer).orElseThrow();
        assertThat(read.currency()).isEqualTo("EUR");
        assertThat(read.available()).isEqualTo(12_50);
        assertThat(fixture.ledger.transfer(outcome.id()).orElseThrow().amount()).isEqualTo(12_50);
        fixture.assertAuditPasses();
    }

    @Test
    void the_same_transfer_sent_again_answers_exists_and_takes_effect_once() {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, 0);
        NewTransfer transfer = NewTransfer.of(UUID.randomUUID(), bank, customer, 700, EUR, 1);

        assertThat(fixture.transfer(transfer).result()).isEqualTo(CreateTransferResult.OK);
        assertThat(fixture.transfer(transfer).result()).isEqualTo(CreateTransferResult.EXISTS);
        NewTransfer changed = new NewTransfer(transfer.id(), bank, customer, 701, null, EUR, 1, 0, 0, null);
        assertThat(fixture.transfer(changed).result()).isEqualTo(CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT);
        assertThat(fixture.transfer(transfer.withMetadata("x")).result())
                .isEqualTo(CreateTransferResult.EXISTS_WITH_DIFFERENT_METADATA);

        assertThat(fixture.balances(customer).creditsPosted()).isEqualTo(700);
    }

    @Test
    void bad_input_gets_an_exact_result_and_changes_nothing() {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, DEBITS_MUST_NOT_EXCEED_CREDITS);
        UUID dollars = fixture.account(USD, 0);
        UUID unknown = UUID.randomUUID();
        fixture.move(bank, customer, 100);

        List<TransferOutcome> outcomes = fixture.ledger.createTransfers(List.of(
                NewTransfer.of(UUID.randomUUID(), bank, customer, 0, EUR, 1),
                NewTransfer.of(UUID.randomUUID(), bank, customer, -5, EUR, 1),
                NewTransfer.of(UUID.randomUUID(), unknown, customer, 5, EUR, 1),
                NewTransfer.of(UUID.randomUUID(), bank, unknown, 5, EUR, 1),
                NewTransfer.of(UUID.randomUUID(), bank, bank, 5, EUR, 1),
                NewTransfer.of(UUID.randomUUID(), bank, dollars, 5, EUR, 1),
                NewTransfer.of(UUID.randomUUID(), customer, bank, 101, EUR, 1),
                NewTransfer.of(UUID.randomUUID(), bank, customer, Long.MAX_VALUE, EUR, 1),
                NewTransfer.of(UUID.randomUUID(), bank, customer, 5, EUR, 0),
                new NewTransfer(UUID.randomUUID(), bank, customer, 5, null, EUR, 1, 1 << 12, 0, null))).join();

        assertThat(outcomes).extracting(TransferOutcome::result).containsExactly(
                CreateTransferResult.AMOUNT_MUST_NOT_BE_ZERO,
                CreateTransferResult.AMOUNT_MUST_NOT_BE_NEGATIVE,
                CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND,
                CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND,
                CreateTransferResult.ACCOUNTS_MUST_BE_DIFFERENT,
                CreateTransferResult.LEDGER_MISMATCH,
                CreateTransferResult.EXCEEDS_CREDITS,
                CreateTransferResult.OVERFLOWS_DEBITS_POSTED,
                CreateTransferResult.CODE_MUST_NOT_BE_ZERO,
                CreateTransferResult.RESERVED_FLAG);
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.debitAccountBalances()).isNull());
        assertThat(fixture.balances(customer)).isEqualTo(new Balances(0, 0, 0, 100));
        assertThat(fixture.balances(bank)).isEqualTo(new Balances(0, 100, 0, 0));
        fixture.assertAuditPasses();
    }

    @Test
    void a_transfer_rejected_for_lack_of_funds_burns_its_id() {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, DEBITS_MUST_NOT_EXCEED_CREDITS);
        NewTransfer spend = NewTransfer.of(UUID.randomUUID(), customer, bank, 50, EUR, 1);

        assertThat(fixture.transfer(spend).result()).isEqualTo(CreateTransferResult.EXCEEDS_CREDITS);
        fixture.move(bank, customer, 100);

        assertThat(fixture.transfer(spend).result()).isEqualTo(CreateTransferResult.ID_ALREADY_FAILED);
        assertThat(fixture.balances(customer).debitsPosted()).isZero();
    }

    @Test
    void a_hold_reduces_what_is_available_until_it_is_posted_in_part() {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, DEBITS_MUST_NOT_EXCEED_CREDITS);
        UUID merchant = fixture.account(EUR, 0);
        fixture.move(bank, customer, 1_000);
        UUID hold = UUID.randomUUID();

        assertThat(fixture.transfer(NewTransfer.pending(hold, customer, merchant, 800, EUR, 1, 0)).result())
                .isEqualTo(CreateTransferResult.OK);
        assertThat(fixture.ledger.account(customer).orElseThrow().available()).isEqualTo(200);
        assertThat(fixture.move(customer, merchant, 300).result()).isEqualTo(CreateTransferResult.EXCEEDS_CREDITS);
        assertThat(fixture.transfer(NewTransfer.post(UUID.randomUUID(), hold, 900)).result())
                .isEqualTo(CreateTransferResult.EXCEEDS_PENDING_TRANSFER_AMOUNT);
        assertThat(fixture.transfer(NewTransfer.post(UUID.randomUUID(), hold, 600)).result())
                .isEqualTo(CreateTransferResult.OK);

        assertThat(fixture.balances(customer)).isEqualTo(new Balances(0, 600, 0, 1_000));
        assertThat(fixture.ledger.account(customer).orElseThrow().available()).isEqualTo(400);
        assertThat(fixture.transfer(NewTransfer.voidPending(UUID.randomUUID(), hold)).result())
                .isEqualTo(CreateTransferResult.PENDING_TRANSFER_ALREADY_POSTED);
        fixture.assertAuditPasses();
    }

    @Test
    void a_hold_past_its_timeout_is_voided_by_the_ledger_and_can_no_longer_be_posted() throws Exception {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, 0);
        UUID hold = UUID.randomUUID();
        fixture.transfer(NewTransfer.pending(hold, bank, customer, 500, EUR, 1, 30));

        fixture.clock.advance(Duration.ofSeconds(31));
        TransferOutcome late = fixture.transfer(NewTransfer.post(UUID.randomUUID(), hold, 0));

        assertThat(late.result()).isEqualTo(CreateTransferResult.PENDING_TRANSFER_EXPIRED);
        assertThat(fixture.balances(customer)).isEqualTo(Balances.ZERO);
        List<Transfer> journal = fixture.ledger.journal(EUR).readAfter(0, 10);
        assertThat(journal).hasSize(2);
        assertThat(journal.get(1).has(TransferFlags.EXPIRED)).isTrue();
        assertThat(journal.get(1).pendingId()).isEqualTo(hold);
        fixture.assertAuditPasses();
    }

    @Test
    void a_linked_chain_with_one_failing_transfer_commits_nothing() {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, DEBITS_MUST_NOT_EXCEED_CREDITS);
        UUID merchant = fixture.account(EUR, 0);

        List<TransferOutcome> outcomes = fixture.ledger.createTransfers(List.of(
                NewTransfer.of(UUID.randomUUID(), bank, customer, 100, EUR, 1).linked(),
                NewTransfer.of(UUID.randomUUID(), customer, merchant, 150, EUR, 1))).join();

        assertThat(outcomes).extracting(TransferOutcome::result).containsExactly(
                CreateTransferResult.LINKED_EVENT_FAILED, CreateTransferResult.EXCEEDS_CREDITS);
        assertThat(fixture.balances(customer)).isEqualTo(Balances.ZERO);
        assertThat(fixture.ledger.journal(EUR).readAfter(0, 10)).isEmpty();
    }

    @Test
    void a_journal_entry_with_several_legs_on_both_sides_meets_in_the_clearing_account() {
        UUID first = fixture.account(EUR, 0);
        UUID second = fixture.account(EUR, 0);
        UUID third = fixture.account(EUR, 0);
        UUID fourth = fixture.account(EUR, 0);
        UUID clearing = fixture.account(EUR, 0);
        List<NewTransfer> entry = JournalEntry.builder(UUID.randomUUID(), EUR, 7)
                .debit(first, 70).debit(second, 30).credit(third, 60).credit(fourth, 40).through(clearing).build();

        assertThat(fixture.ledger.createTransfers(entry).join()).allMatch(TransferOutcome::ok);
        assertThat(fixture.ledger.createTransfers(entry).join()).extracting(TransferOutcome::result)
                .containsOnly(CreateTransferResult.EXISTS);

        assertThat(fixture.balances(clearing)).isEqualTo(new Balances(0, 100, 0, 100));
        assertThat(fixture.balances(third).creditsPosted()).isEqualTo(60);
        assertThat(fixture.balances(second).debitsPosted()).isEqualTo(30);
        fixture.assertAuditPasses();
    }

    @Test
    void entries_come_in_bounded_pages_and_history_gives_balances_at_a_point_in_time() {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, HISTORY);
        for (int index = 1; index <= 5; index++) {
            fixture.move(bank, customer, index);
            fixture.clock.advance(Duration.ofMinutes(1));
        }

        EntryPage first = fixture.ledger.entries(customer, 0, 3);
        EntryPage second = fixture.ledger.entries(customer, first.nextCursor(), 3);

        assertThat(first.more()).isTrue();
        assertThat(second.more()).isFalse();
        assertThat(first.entries()).extracting(entry -> entry.transfer().amount()).containsExactly(1L, 2L, 3L);
        assertThat(second.entries()).extracting(entry -> entry.transfer().amount()).containsExactly(4L, 5L);
        assertThat(first.entries().get(2).balancesAfter()).isEqualTo(new Balances(0, 0, 0, 6));
        assertThat(fixture.ledger.balancesAt(customer, java.time.Instant.parse("2026-03-01T09:02:30Z")))
                .contains(new Balances(0, 0, 0, 6));
        assertThat(fixture.ledger.balancesAt(customer, java.time.Instant.parse("2026-03-01T08:00:00Z")))
                .contains(Balances.ZERO);
        assertThat(fixture.ledger.balancesAt(bank, java.time.Instant.parse("2026-03-01T09:02:30Z"))).isEmpty();
    }

    @Test
    void accounts_are_idempotent_and_ledgers_have_one_iso_currency() {
        UUID id = UUID.randomUUID();
        NewAccount account = NewAccount.of(id, "tenant-1", EUR, 10, 0);

        assertThat(fixture.ledger.createAccounts(List.of(account, account,
                NewAccount.of(id, "tenant-1", EUR, 11, 0), NewAccount.of(id, "tenant-1", USD, 10, 0),
                NewAccount.of(UUID.randomUUID(), "tenant-1", 99, 10, 0),
                NewAccount.of(UUID.randomUUID(), " ", EUR, 10, 0))).join())
                .extracting(AccountOutcome::result).containsExactly(
                        CreateAccountResult.OK, CreateAccountResult.EXISTS,
                        CreateAccountResult.EXISTS_WITH_DIFFERENT_CODE, CreateAccountResult.EXISTS_WITH_DIFFERENT_LEDGER,
                        CreateAccountResult.LEDGER_NOT_FOUND, CreateAccountResult.TENANT_MUST_NOT_BE_BLANK);
        assertThat(fixture.ledger.registerLedger(EUR, "USD")).isEqualTo(RegisterLedgerResult.EXISTS_WITH_DIFFERENT_CURRENCY);
        assertThat(fixture.ledger.registerLedger(3, "XYZ")).isEqualTo(RegisterLedgerResult.CURRENCY_NOT_ISO_4217);
    }

    @Test
    void a_new_writer_reloads_committed_state_and_still_answers_exists() {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, 0);
        NewTransfer transfer = NewTransfer.of(UUID.randomUUID(), bank, customer, 42, EUR, 1);
        fixture.transfer(transfer);
        fixture.ledger.close();

        fixture.ledger = LedgerService.open(fixture.database.dataSource(), fixture.clock, "node-b");

        assertThat(fixture.transfer(transfer).result()).isEqualTo(CreateTransferResult.EXISTS);
        assertThat(fixture.move(customer, bank, 2).creditAccountBalances()).isEqualTo(new Balances(0, 42, 0, 2));
    }
}
