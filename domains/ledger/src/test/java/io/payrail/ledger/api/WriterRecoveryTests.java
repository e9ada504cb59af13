package io.payrail.ledger.api;

import static io.payrail.ledger.api.LedgerFixture.EUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriterRecoveryTests {
    private static final long POISONED_AMOUNT = 13;

    private final LedgerFixture fixture = new LedgerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void a_failed_commit_leaves_nothing_behind_in_memory_or_in_the_database() throws Exception {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS);
        fixture.move(bank, customer, 100);
        execute("CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.amount = " + POISONED_AMOUNT + " THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$");
        execute("CREATE TRIGGER poison BEFORE INSERT ON ledger_transfer FOR EACH ROW EXECUTE FUNCTION poison()");
        NewTransfer doomed = NewTransfer.of(UUID.randomUUID(), customer, bank, POISONED_AMOUNT, EUR, 1);

        assertThatThrownBy(() -> fixture.transfer(doomed)).hasCauseInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("disk full");

        // Had memory kept the failed debit, 88 would exceed the customer's credits.
        TransferOutcome next = fixture.move(customer, bank, 88);
        assertThat(next.result()).isEqualTo(CreateTransferResult.OK);
        assertThat(next.debitAccountBalances()).isEqualTo(new Balances(0, 88, 0, 100));
        execute("DROP TRIGGER poison ON ledger_transfer");
        fixture.move(bank, customer, 1);
        assertThat(fixture.transfer(doomed).result()).as("the failed id was not burnt").isEqualTo(CreateTransferResult.OK);
        assertThat(fixture.balances(customer)).isEqualTo(new Balances(0, 88 + POISONED_AMOUNT, 0, 101));
        fixture.assertAuditPasses();
    }

    @Test
    void a_closed_service_refuses_new_calls_instead_of_starting_a_writer() {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, 0);
        fixture.ledger.close();

        assertThatThrownBy(() -> fixture.move(bank, customer, 1)).hasCauseInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void an_unbalanced_journal_entry_is_refused_with_the_totals_in_the_message() {
        assertThatThrownBy(() -> JournalEntry.builder(UUID.randomUUID(), EUR, 1)
                .debit(UUID.randomUUID(), 100).credit(UUID.randomUUID(), 60).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("debits 100, credits 60");
    }

    @Test
    void a_journal_entry_with_many_legs_on_both_sides_needs_a_clearing_account() {
        assertThatThrownBy(() -> JournalEntry.builder(UUID.randomUUID(), EUR, 1)
                .debit(UUID.randomUUID(), 50).debit(UUID.randomUUID(), 50)
                .credit(UUID.randomUUID(), 60).credit(UUID.randomUUID(), 40).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("through()");
        List<NewTransfer> direct = JournalEntry.builder(UUID.randomUUID(), EUR, 1)
                .debit(UUID.randomUUID(), 100).credit(UUID.randomUUID(), 60).credit(UUID.randomUUID(), 40).build();
        assertThat(direct).hasSize(2);
        assertThat(direct.get(0).has(TransferFlags.LINKED)).isTrue();
        assertThat(direct.get(1).has(TransferFlags.LINKED)).isFalse();
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = fixture.database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
