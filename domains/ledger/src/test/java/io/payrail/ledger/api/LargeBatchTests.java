package io.payrail.ledger.api;

import static io.payrail.ledger.api.AccountFlags.HISTORY;
import static io.payrail.ledger.api.LedgerFixture.EUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call large enough for its journal rows to be copied (binary COPY) rather than inserted: every column
 * (nulls, metadata, pending ids, balances kept for history accounts) reads back as written.
 */
class LargeBatchTests {
    private static final int TRANSFERS = 600;

    private final LedgerFixture fixture = new LedgerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void a_large_call_is_written_whole_and_reads_back_exactly() {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, HISTORY);
        List<NewTransfer> call = new ArrayList<>();
        for (int index = 1; index <= TRANSFERS - 2; index++) {
            NewTransfer transfer = NewTransfer.of(UUID.randomUUID(), bank, customer, index, EUR, 7);
            call.add(index % 3 == 0 ? transfer.withMetadata("order-" + index + " é") : transfer);
        }
        UUID hold = UUID.randomUUID();
        call.add(NewTransfer.pending(hold, customer, bank, 50, EUR, 8, 3_600));
        UUID post = UUID.randomUUID();
        call.add(NewTransfer.post(post, hold, 20));

        List<TransferOutcome> outcomes = fixture.ledger.createTransfers(call).join();

        assertThat(outcomes).allMatch(TransferOutcome::ok);
        long credited = (long) (TRANSFERS - 2) * (TRANSFERS - 1) / 2;
        assertThat(fixture.balances(customer)).isEqualTo(new Balances(0, 20, 0, credited));
        Transfer third = fixture.ledger.transfer(call.get(2).id()).orElseThrow();
        assertThat(third.metadata()).isEqualTo("order-3 é");
        assertThat(third.code()).isEqualTo(7);
        assertThat(third.position()).isEqualTo(outcomes.get(2).position());
        assertThat(third.timestamp()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        Transfer posted = fixture.ledger.transfer(post).orElseThrow();
        assertThat(posted.pendingId()).isEqualTo(hold);
        assertThat(posted.amount()).isEqualTo(20);
        assertThat(fixture.ledger.transfer(hold).orElseThrow().timeoutSeconds()).isEqualTo(3_600);

        EntryPage entries = fixture.ledger.entries(customer, 0, EntryPage.PAGE_SIZE_MAX);
        assertThat(entries.entries()).hasSize(TRANSFERS);
        assertThat(entries.entries().get(1).balancesAfter()).isEqualTo(new Balances(0, 0, 0, 3));
        assertThat(entries.entries().getLast().balancesAfter()).isEqualTo(new Balances(0, 20, 0, credited));
        // An account without history keeps its balances only on its last row of the batch, where reads take them.
        List<Entry> bankEntries = fixture.ledger.entries(bank, 0, EntryPage.PAGE_SIZE_MAX).entries();
        assertThat(bankEntries.getFirst().balancesAfter()).isNull();
        assertThat(bankEntries.getLast().balancesAfter()).isEqualTo(fixture.balances(bank))
                .isEqualTo(new Balances(0, credited, 0, 20));
        assertThat(fixture.ledger.balancesAt(customer, Instant.parse("2026-03-01T09:00:00Z")))
                .contains(new Balances(0, 20, 0, credited));
        fixture.assertAuditPasses();
    }

    @Test
    void a_large_call_sent_again_after_a_restart_answers_exists_for_every_transfer() {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, 0);
        List<NewTransfer> call = new ArrayList<>();
        for (int index = 0; index < TRANSFERS; index++) {
            call.add(NewTransfer.of(UUID.randomUUID(), bank, customer, 1, EUR, 1));
        }
        assertThat(fixture.ledger.createTransfers(call).join()).allMatch(TransferOutcome::ok);
        fixture.ledger.close();
        fixture.ledger = LedgerService.open(fixture.database.dataSource(), fixture.clock, "node-a");

        assertThat(fixture.ledger.createTransfers(call).join()).extracting(TransferOutcome::result)
                .containsOnly(CreateTransferResult.EXISTS);
        assertThat(fixture.balances(customer).creditsPosted()).isEqualTo(TRANSFERS);
        fixture.assertAuditPasses();
    }

    @Test
    void a_large_call_whose_copy_fails_midway_leaves_no_row_and_no_balance_behind() throws Exception {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, 0);
        execute("CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.amount = 77777 THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$");
        execute("CREATE TRIGGER poison BEFORE INSERT ON ledger_transfer FOR EACH ROW EXECUTE FUNCTION poison()");
        List<NewTransfer> call = new ArrayList<>();
        for (int index = 0; index < TRANSFERS; index++) {
            call.add(NewTransfer.of(UUID.randomUUID(), bank, customer, index == TRANSFERS / 2 ? 77777 : 1, EUR, 1));
        }

        assertThatThrownBy(() -> fixture.ledger.createTransfers(call).join())
                .hasCauseInstanceOf(LedgerUnavailableException.class).hasMessageContaining("disk full");

        assertThat(fixture.ledger.transfer(call.getFirst().id())).isEmpty();
        assertThat(fixture.balances(customer)).isEqualTo(Balances.ZERO);
        execute("DROP TRIGGER poison ON ledger_transfer");
        assertThat(fixture.ledger.createTransfers(call).join()).allMatch(TransferOutcome::ok);
        assertThat(fixture.balances(customer).creditsPosted()).isEqualTo(TRANSFERS - 1 + 77777);
        fixture.assertAuditPasses();
    }

    @Test
    void a_fenced_out_writer_copies_nothing() throws Exception {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, 0);
        execute("UPDATE lease SET epoch = epoch + 1, holder = 'node-b' WHERE name = 'ledger-1'");
        List<NewTransfer> call = new ArrayList<>();
        for (int index = 0; index < TRANSFERS; index++) {
            call.add(NewTransfer.of(UUID.randomUUID(), bank, customer, 1, EUR, 1));
        }

        assertThatThrownBy(() -> fixture.ledger.createTransfers(call).join())
                .hasCauseInstanceOf(LedgerUnavailableException.class).hasMessageContaining("epoch");

        assertThat(fixture.ledger.transfer(call.getFirst().id())).isEmpty();
        assertThat(fixture.balances(customer)).isEqualTo(Balances.ZERO);
        fixture.assertAuditPasses();
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = fixture.database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
