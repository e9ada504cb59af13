package io.payrail.ledger.bench;

// Backs the comparison figure of `payrail bench ledger ... --baseline` (if the lead wires it).

import io.payrail.platform.Check;
import io.payrail.platform.Database;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The yardstick: a plain PostgreSQL ledger as usually written, one transaction per transfer that locks
 * both account rows ({@code SELECT ... FOR UPDATE} in id order), checks the balance, updates both rows
 * and inserts the transfer. Same workers, accounts, durability and indexes as {@link LedgerBench}, in
 * scratch tables dropped afterwards, so the ratio between the two is measured under the same load.
 */
public final class PlainLedgerBaseline {
    private static final String CREATE = """
            DROP TABLE IF EXISTS bench_plain_transfer, bench_plain_account;
            CREATE TABLE bench_plain_account (id uuid PRIMARY KEY, debits bigint NOT NULL, credits bigint NOT NULL);
            CREATE TABLE bench_plain_transfer (id uuid PRIMARY KEY, debit_account_id uuid NOT NULL,
                credit_account_id uuid NOT NULL, amount bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            CREATE INDEX ON bench_plain_transfer (debit_account_id);
            CREATE INDEX ON bench_plain_transfer (credit_account_id);
            """;

    private PlainLedgerBaseline() {}

    public static LinkedHashMap<String, String> run(Database database, LedgerBench.Options options, PrintStream progress) {
        DataSource dataSource = database.dataSource();
        LinkedHashMap<String, String> results = new LinkedHashMap<>();
        results.put("synchronous_commit", database.setting("synchronous_commit"));
        List<UUID> accounts = new ArrayList<>();
        try {
            execute(dataSource, CREATE);
            for (int index = 0; index < options.accounts(); index++) {
                UUID id = UUID.randomUUID();
                accounts.add(id);
                execute(dataSource, "INSERT INTO bench_plain_account VALUES ('" + id + "', 0, 1000000000000)");
            }
            AtomicLong succeeded = new AtomicLong();
            long deadline = System.nanoTime() + options.durationSeconds() * 1_000_000_000L;
            long started = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int worker = 0; worker < options.workers(); worker++) {
                SplittableRandom random = new SplittableRandom(worker);
                workers.add(Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < deadline) {
                        if (transfer(dataSource, accounts, options.clearing(), random)) {
                            succeeded.incrementAndGet();
                        }
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.printf("plain ledger: %s transfers in %.1f s%n", succeeded.get(), seconds);
            results.put("plain_transfers_per_second", String.valueOf(Math.round(succeeded.get() / seconds)));
            return results;
        } catch (SQLException failure) {
            throw new IllegalStateException("plain ledger baseline failed: " + failure.getMessage(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("plain ledger baseline interrupted", interrupted);
        } finally {
            try {
                execute(dataSource, "DROP TABLE IF EXISTS bench_plain_transfer, bench_plain_account");
            } catch (SQLException failure) {
                progress.println("could not drop the baseline's scratch tables: " + failure.getMessage());
            }
        }
    }

    /** One transfer; with {@code clearing}, the first account plays the clearing account on one side. */
    private static boolean transfer(DataSource dataSource, List<UUID> accounts, boolean clearing,
            SplittableRandom random) {
        UUID debit = accounts.get(random.nextInt(accounts.size()));
        UUID credit = debit;
        while (credit.equals(debit)) {
            credit = accounts.get(random.nextInt(accounts.size()));
        }
        if (clearing) {
            UUID hot = accounts.getFirst();
            UUID other = debit.equals(hot) ? credit : debit;
            boolean into = random.nextBoolean();
            debit = into ? other : hot;
            credit = into ? hot : other;
        }
        long amount = 1 + random.nextInt(100);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT id, credits - debits FROM bench_plain_account WHERE id IN (?, ?) ORDER BY id FOR UPDATE")) {
                lock.setObject(1, debit);
                lock.setObject(2, credit);
                long available = 0;
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getObject(1, UUID.class).equals(debit)) {
                            available = rows.getLong(2);
                        }
                    }
                }
                Check.that(available >= amount, "baseline accounts are funded for the whole run");
            }
            update(connection, "UPDATE bench_plain_account SET debits = debits + ? WHERE id = ?", amount, debit);
            update(connection, "UPDATE bench_plain_account SET credits = credits + ? WHERE id = ?", amount, credit);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bench_plain_transfer (id, debit_account_id, credit_account_id, amount) VALUES (?, ?, ?, ?)")) {
                insert.setObject(1, new UUID(random.nextLong(), random.nextLong()));
                insert.setObject(2, debit);
                insert.setObject(3, credit);
                insert.setLong(4, amount);
                insert.executeUpdate();
            }
            connection.commit();
            return true;
        } catch (SQLException failure) {
            return false;
        }
    }

    private static void update(Connection connection, String sql, long amount, UUID account) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, amount);
            statement.setObject(2, account);
            statement.executeUpdate();
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
