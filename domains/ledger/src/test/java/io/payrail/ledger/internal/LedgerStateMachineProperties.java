package io.payrail.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.ledger.api.AccountFlags;
import io.payrail.ledger.api.Balances;
import io.payrail.ledger.api.CreateTransferResult;
import io.payrail.ledger.api.NewAccount;
import io.payrail.ledger.api.NewTransfer;
import io.payrail.ledger.api.TransferOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class LedgerStateMachineProperties {
    private static final int LEDGER = 1;
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final int[] ACCOUNT_FLAGS = {0, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS,
        AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS | AccountFlags.HISTORY, AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS};

    @Property(tries = 300)
    void the_state_machine_agrees_with_the_model_and_keeps_the_books_balanced_after_every_call(
            @ForAll long seed, @ForAll @IntRange(min = 5, max = 120) int calls) {
        LedgerStateMachine machine = new LedgerStateMachine(LEDGER, "EUR");
        LedgerModel model = new LedgerModel(LEDGER);
        RandomTransfers generator = new RandomTransfers(seed, LEDGER);
        List<BatchEffects> history = new ArrayList<>();
        long nowSecond = 0;
        for (int flags : ACCOUNT_FLAGS) {
            openAccount(machine, model, generator, flags, nowSecond);
        }
        history.add(machine.takeEffects());
        for (int call = 0; call < calls; call++) {
            nowSecond += generator.random.nextInt(3);
            if (generator.random.nextInt(25) == 0) {
                openAccount(machine, model, generator, ACCOUNT_FLAGS[generator.random.nextInt(4)], nowSecond);
            }
            List<NewTransfer> requests = generator.nextCall();
            Instant now = EPOCH.plusSeconds(nowSecond);
            machine.expire(now);
            model.expire(nowSecond);
            List<TransferOutcome> outcomes = machine.createTransfers(requests, now, Map.of());
            List<CreateTransferResult> expected = model.createTransfers(requests, nowSecond);
            assertThat(outcomes).extracting(TransferOutcome::result).as("seed %s call %s: %s", seed, call, requests)
                    .containsExactlyElementsOf(expected);
            expected.forEach(result -> net.jqwik.api.statistics.Statistics.label("results").collect(result));
            history.add(machine.takeEffects());
            assertAgrees(machine, model);
            LedgerInvariants.assertBalanced(machine.accounts().values(), history);
        }
        assertRestoredMachineAnswersTheSame(machine, history, generator.sent, EPOCH.plusSeconds(nowSecond));
    }

    private static void openAccount(LedgerStateMachine machine, LedgerModel model, RandomTransfers generator,
            int flags, long nowSecond) {
        UUID id = generator.newId();
        machine.createAccounts(List.of(NewAccount.of(id, "tenant", LEDGER, 1, flags)), EPOCH.plusSeconds(nowSecond),
                Map.of());
        model.openAccount(id, flags);
        generator.accounts.add(id);
    }

    private static void assertAgrees(LedgerStateMachine machine, LedgerModel model) {
        for (UUID id : model.balances.keySet()) {
            Balances balances = machine.account(id).balances();
            assertThat(new long[] {balances.debitsPending(), balances.debitsPosted(), balances.creditsPending(),
                balances.creditsPosted()}).as("account %s", id)
                    .containsExactly(model.balance(id, 0), model.balance(id, 1), model.balance(id, 2),
                            model.balance(id, 3));
        }
    }

    /** A writer taking over rebuilds the machine from rows; it must answer every retry as the original does. */
    private static void assertRestoredMachineAnswersTheSame(LedgerStateMachine original, List<BatchEffects> history,
            List<NewTransfer> sent, Instant now) {
        LedgerStateMachine restored = new LedgerStateMachine(LEDGER, "EUR");
        for (AccountState account : original.accounts().values()) {
            restored.restoreAccount(new AccountState(account.id, account.tenant, account.ledger, account.code,
                    account.flags, account.metadata, account.externalReference, account.createdAt,
                    account.balances()));
        }
        for (BatchEffects effects : history) {
            effects.transfers().forEach(restored::restoreTransfer);
            effects.failedTransfers().forEach(failure -> restored.restoreFailure(failure.id(), failure.result()));
        }
        assertThat(restored.nextPosition()).isEqualTo(original.nextPosition());
        for (NewTransfer request : sent) {
            List<NewTransfer> retry = List.of(request.withFlags(request.flags() & ~io.payrail.ledger.api.TransferFlags.LINKED));
            assertThat(restored.createTransfers(retry, now, Map.of()))
                    .extracting(TransferOutcome::result)
                    .containsExactlyElementsOf(original.createTransfers(retry, now, Map.of()).stream()
                            .map(TransferOutcome::result).toList());
        }
    }
}
