package io.payrail.ledger.api;

import io.payrail.platform.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A migrated test database, a ledger service on it, EUR on ledger 1 and USD on ledger 2. */
final class LedgerFixture implements AutoCloseable {
    static final int EUR = 1;
    static final int USD = 2;

    final TestDatabase database = TestDatabase.create("platform", "ledger");
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    LedgerService ledger = LedgerService.open(database.dataSource(), clock, "node-a");

    LedgerFixture() {
        assertThat(ledger.registerLedger(EUR, "EUR")).isEqualTo(RegisterLedgerResult.OK);
        assertThat(ledger.registerLedger(USD, "USD")).isEqualTo(RegisterLedgerResult.OK);
    }

    UUID account(int ledgerNumber, int flags) {
        UUID id = UUID.randomUUID();
        List<AccountOutcome> outcomes = ledger.createAccounts(List.of(NewAccount.of(id, "tenant-1", ledgerNumber, 10,
                flags))).join();
        assertThat(outcomes).extracting(AccountOutcome::result).containsExactly(CreateAccountResult.OK);
        return id;
    }

    TransferOutcome transfer(NewTransfer transfer) {
        return ledger.createTransfers(List.of(transfer)).join().getFirst();
    }

    TransferOutcome move(UUID debit, UUID credit, long amount) {
        return transfer(NewTransfer.of(UUID.randomUUID(), debit, credit, amount, EUR, 1));
    }

    Balances balances(UUID account) {
        return ledger.account(account).orElseThrow().balances();
    }

    void assertAuditPasses() {
        AuditReport report = LedgerAudit.run(database.dataSource());
        assertThat(report.breaks()).as(report.format()).isEmpty();
    }

    @Override
    public void close() {
        ledger.close();
        database.close();
    }
}
