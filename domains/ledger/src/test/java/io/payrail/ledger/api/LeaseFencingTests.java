package io.payrail.ledger.api;

import static io.payrail.ledger.api.LedgerFixture.EUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeaseFencingTests {
    private final LedgerFixture fixture = new LedgerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void a_writer_whose_lease_epoch_moved_on_cannot_commit() throws Exception {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, 0);
        fixture.move(bank, customer, 100);
        execute("UPDATE lease SET epoch = epoch + 1, holder = 'node-b' WHERE name = 'ledger-1'");
        NewTransfer stale = NewTransfer.of(UUID.randomUUID(), bank, customer, 5, EUR, 1);

        assertThatThrownBy(() -> fixture.transfer(stale))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("epoch");

        assertThat(fixture.ledger.transfer(stale.id())).isEmpty();
        assertThat(fixture.balances(customer).creditsPosted()).isEqualTo(100);
        fixture.assertAuditPasses();
    }

    @Test
    void another_node_takes_over_a_lapsed_lease_and_the_old_writer_is_fenced_off() throws Exception {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, 0);
        NewTransfer first = NewTransfer.of(UUID.randomUUID(), bank, customer, 100, EUR, 1);
        fixture.transfer(first);
        try (LedgerService other = LedgerService.open(fixture.database.dataSource(), fixture.clock, "node-b")) {
            assertThatThrownBy(() -> other.createTransfers(java.util.List.of(first)).join())
                    .hasCauseInstanceOf(LedgerUnavailableException.class).hasMessageContaining("another node");

            // node-a stalls past its lease: the lease lapses without node-a noticing.
            try (Connection connection = fixture.database.dataSource().getConnection();
                    var statement = connection.prepareStatement("UPDATE lease SET expires_at = ? WHERE name = 'ledger-1'")) {
                statement.setTimestamp(1, java.sql.Timestamp.from(fixture.clock.instant().minusSeconds(60)));
                statement.executeUpdate();
            }

            assertThat(other.createTransfers(java.util.List.of(first)).join().getFirst().result())
                    .isEqualTo(CreateTransferResult.EXISTS);
            assertThat(other.createTransfers(java.util.List.of(NewTransfer.of(UUID.randomUUID(), bank, customer, 1,
                    EUR, 1))).join().getFirst().creditAccountBalances()).isEqualTo(new Balances(0, 0, 0, 101));
            assertThatThrownBy(() -> fixture.move(bank, customer, 7)).hasCauseInstanceOf(LedgerUnavailableException.class);
        }
        assertThat(fixture.balances(customer).creditsPosted()).isEqualTo(101);
        fixture.assertAuditPasses();
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = fixture.database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
