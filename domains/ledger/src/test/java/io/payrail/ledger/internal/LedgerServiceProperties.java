package io.payrail.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.ledger.api.AccountFlags;
import io.payrail.ledger.api.AccountOutcome;
import io.payrail.ledger.api.AuditReport;
import io.payrail.ledger.api.Balances;
import io.payrail.ledger.api.CreateAccountResult;
import io.payrail.ledger.api.CreateTransferResult;
import io.payrail.ledger.api.LedgerAudit;
import io.payrail.ledger.api.LedgerService;
import io.payrail.platform.testing.MutableClock;
import io.payrail.ledger.api.NewAccount;
import io.payrail.ledger.api.NewTransfer;
import io.payrail.ledger.api.TransferOutcome;
import io.payrail.platform.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The same random histories as the pure properties, through the database-backed ledger (fewer, shorter). */
class LedgerServiceProperties {
    private static final int LEDGER = 1;
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 4)
    void the_database_backed_ledger_agrees_with_the_model_and_the_audit_passes(
            @ForAll long seed, @ForAll @IntRange(min = 10, max = 40) int calls) {
        try (TestDatabase database = TestDatabase.create("platform", "ledger")) {
            MutableClock clock = new MutableClock(EPOCH);
            LedgerModel model = new LedgerModel(LEDGER);
            RandomTransfers generator = new RandomTransfers(seed, LEDGER);
            generator.mismatchedLedgers = false;
            generator.resolutionLedger = LEDGER;
            try (LedgerService service = LedgerService.open(database.dataSource(), clock, "node-a")) {
                service.registerLedger(LEDGER, "EUR");
                int[] flags = {0, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS,
                    AccountFlags.HISTORY | AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS,
                    AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS};
                for (int accountFlags : flags) {
                    UUID id = generator.newId();
                    assertThat(service.createAccounts(List.of(NewAccount.of(id, "t", LEDGER, 1, accountFlags))).join())
                            .extracting(AccountOutcome::result).containsExactly(CreateAccountResult.OK);
                    model.openAccount(id, accountFlags);
                    generator.accounts.add(id);
                }
                long nowSecond = 0;
                for (int call = 0; call < calls; call++) {
                    int step = generator.random.nextInt(3);
                    nowSecond += step;
                    clock.advance(Duration.ofSeconds(step));
                    List<NewTransfer> requests = generator.nextCall();
                    model.expire(nowSecond);
                    List<CreateTransferResult> expected = model.createTransfers(requests, nowSecond);
                    assertThat(service.createTransfers(requests).join()).extracting(TransferOutcome::result)
                            .as("seed %s call %s", seed, call).containsExactlyElementsOf(expected);
                }
                for (UUID id : generator.accounts) {
                    assertThat(service.account(id).orElseThrow().balances()).as("account %s", id).isEqualTo(
                            new Balances(model.balance(id, 0), model.balance(id, 1), model.balance(id, 2),
                                    model.balance(id, 3)));
                }
            }
            AuditReport audit = LedgerAudit.run(database.dataSource());
            assertThat(audit.breaks()).as(audit.format()).isEmpty();
        }
    }
}
