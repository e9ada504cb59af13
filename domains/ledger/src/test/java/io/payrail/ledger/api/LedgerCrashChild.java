package io.payrail.ledger.api;

import io.payrail.platform.Database;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The process {@link LedgerCrashTests} kills: clients submit transfers between the given accounts and
 * print {@code ACK id debit credit amount} for each one only after the ledger acknowledged it.
 * Arguments: JDBC URL, then account ids.
 */
public final class LedgerCrashChild {
    static final int CLIENTS = 8;

    private LedgerCrashChild() {}

    public static void main(String[] arguments) throws Exception {
        var dataSource = Database.pool(arguments[0], CLIENTS + 2);
        List<UUID> accounts = new ArrayList<>();
        for (int index = 1; index < arguments.length; index++) {
            accounts.add(UUID.fromString(arguments[index]));
        }
        LedgerService service = LedgerService.open(dataSource, Clock.systemUTC(), "crash-child");
        PrintStream out = System.out;
        for (int client = 0; client < CLIENTS; client++) {
            SplittableRandom random = new SplittableRandom(client);
            Thread.ofVirtual().start(() -> {
                while (true) {
                    UUID debit = accounts.get(random.nextInt(accounts.size()));
                    UUID credit = accounts.get(random.nextInt(accounts.size()));
                    if (debit.equals(credit)) {
                        continue;
                    }
                    long amount = 1 + random.nextInt(9);
                    NewTransfer transfer = NewTransfer.of(UUID.randomUUID(), debit, credit, amount, 1, 1);
                    TransferOutcome outcome = service.createTransfers(List.of(transfer)).join().getFirst();
                    if (outcome.ok()) {
                        synchronized (out) {
                            out.println("ACK " + transfer.id() + " " + debit + " " + credit + " " + amount);
                            out.flush();
                        }
                    }
                }
            });
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
