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
            statement.execute("UPDATE ledger_account SET credits_posted = 150 WHERE id = '" + customer + "'");
        }

        AuditReport report = LedgerAudit.run(fixture.database.dataSource());

        assertThat(report.ok()).isFalse();
        assertThat(report.breaks()).anyMatch(line -> line.contains("debits posted 100 <> credits posted 150"));
        assertThat(report.breaks()).anyMatch(line -> line.contains("account " + customer));
        assertThat(report.format()).contains("audit FAILED");
    }
}
