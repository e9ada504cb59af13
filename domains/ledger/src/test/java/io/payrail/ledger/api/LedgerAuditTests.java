package io.payrail.ledger.api;

import static io.payrail.ledger.api.LedgerFixture.EUR;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LedgerAuditTests {
    private final LedgerFixture fixture = new LedgerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void the_audit_reports_a_balance_that_no_longer_matches_its_entries() throws Exception {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, 0);
        fixture.move(bank, customer, 100);
        fixture.assertAuditPasses();
        try (Connection connection = fixture.database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            // The current balances are those kept with the account's latest journal row.
            statement.execute("UPDATE ledger_transfer SET credit_balances = '{0,0,0,150}' WHERE credit_account_id = '"
                    + customer + "'");
        }

        AuditReport report = LedgerAudit.run(fixture.database.dataSource());

        assertThat(report.ok()).isFalse();
        assertThat(report.breaks()).anyMatch(line -> line.contains("debits posted 100 <> credits posted 150"));
        assertThat(report.breaks()).anyMatch(line -> line.contains("account " + customer));
        assertThat(report.format()).contains("audit FAILED");
    }

    @Test
    void an_account_whose_latest_entry_predates_balances_in_the_journal_reads_the_balances_of_its_row()
            throws Exception {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, 0);
        fixture.move(bank, customer, 100);
        fixture.move(bank, customer, 20);
        // As the rows were before migration V3: balances in ledger_account, none in the journal.
        execute("UPDATE ledger_transfer SET debit_balances = NULL, credit_balances = NULL");
        execute("UPDATE ledger_account SET credits_posted = 120 WHERE id = '" + customer + "'");
        execute("UPDATE ledger_account SET debits_posted = 120 WHERE id = '" + bank + "'");

        assertThat(fixture.balances(customer)).isEqualTo(new Balances(0, 0, 0, 120));
        fixture.assertAuditPasses();
        // The next transfer keeps its balances in the journal, which then win over the stale row.
        fixture.move(customer, bank, 5);
        execute("UPDATE ledger_account SET credits_posted = 0 WHERE id = '" + customer + "'");
        assertThat(fixture.balances(customer)).isEqualTo(new Balances(0, 5, 0, 120));
        assertThat(fixture.balances(bank)).isEqualTo(new Balances(0, 120, 0, 5));
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = fixture.database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
