package io.payrail.ledger.api;

import static io.payrail.ledger.api.LedgerFixture.EUR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HotAccountTests {
    private static final int CLIENTS = 12;
    private static final int TRANSFERS_PER_CLIENT = 30;

    private final LedgerFixture fixture = new LedgerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void many_clients_through_one_clearing_account_lose_no_update() throws Exception {
        UUID bank = fixture.account(EUR, 0);
        UUID clearing = fixture.account(EUR, 0);
        List<UUID> customers = new ArrayList<>();
        for (int index = 0; index < CLIENTS; index++) {
            UUID customer = fixture.account(EUR, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS);
            fixture.move(bank, customer, 1_000_000);
            customers.add(customer);
        }
        AtomicLong intoClearing = new AtomicLong();
        AtomicLong outOfClearing = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            UUID customer = customers.get(client);
            int seed = client;
            clients.add(Thread.ofVirtual().start(() -> {
                for (int index = 0; index < TRANSFERS_PER_CLIENT; index++) {
                    long amount = 1 + (seed * 31L + index * 7L) % 97;
                    boolean in = index % 3 != 0;
                    TransferOutcome outcome = in ? fixture.move(customer, clearing, amount)
                            : fixture.move(clearing, customer, amount);
                    assertThat(outcome.result()).isEqualTo(CreateTransferResult.OK);
                    (in ? intoClearing : outOfClearing).addAndGet(amount);
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }

        assertThat(fixture.balances(clearing)).isEqualTo(new Balances(0, outOfClearing.get(), 0, intoClearing.get()));
        assertThat(fixture.ledger.journal(EUR).readAfter(CLIENTS, TransferJournal.READ_LIMIT_MAX))
                .hasSize(CLIENTS * TRANSFERS_PER_CLIENT);
        fixture.assertAuditPasses();
    }

    @Test
    void concurrent_spending_never_takes_an_account_below_zero() throws Exception {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS);
        UUID merchant = fixture.account(EUR, 0);
        fixture.move(bank, customer, 1_000);
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < 20; client++) {
            clients.add(Thread.ofVirtual().start(() -> {
                for (int index = 0; index < 10; index++) {
                    CreateTransferResult result = fixture.move(customer, merchant, 10).result();
                    (result == CreateTransferResult.OK ? accepted : refused).incrementAndGet();
                    assertThat(result).isIn(CreateTransferResult.OK, CreateTransferResult.EXCEEDS_CREDITS);
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }

        assertThat(accepted.get()).isEqualTo(100);
        assertThat(refused.get()).isEqualTo(100);
        assertThat(fixture.balances(customer)).isEqualTo(new Balances(0, 1_000, 0, 1_000));
        fixture.assertAuditPasses();
    }

    @Test
    void calls_that_overflow_one_batch_all_commit_in_submission_order() {
        UUID bank = fixture.account(EUR, 0);
        UUID customer = fixture.account(EUR, 0);
        int callSize = 3_000; // three such calls do not fit in one batch of 8,190 events
        List<CompletableFuture<List<TransferOutcome>>> calls = new ArrayList<>();
        for (int call = 0; call < 5; call++) {
            List<NewTransfer> transfers = new ArrayList<>();
            for (int index = 0; index < callSize; index++) {
                transfers.add(NewTransfer.of(UUID.randomUUID(), bank, customer, 1, EUR, 1));
            }
            calls.add(fixture.ledger.createTransfers(transfers));
        }

        long previous = 0;
        for (var call : calls) {
            // A call lost between batches would hang; the generous limit turns that into a failure.
            for (TransferOutcome outcome : call.orTimeout(60, TimeUnit.SECONDS).join()) {
                assertThat(outcome.result()).isEqualTo(CreateTransferResult.OK);
                assertThat(outcome.position()).isGreaterThan(previous);
                previous = outcome.position();
            }
        }
        assertThat(fixture.balances(customer)).isEqualTo(new Balances(0, 0, 0, 5L * callSize));
        fixture.assertAuditPasses();
    }
}
