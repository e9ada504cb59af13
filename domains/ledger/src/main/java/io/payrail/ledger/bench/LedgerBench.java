package io.payrail.ledger.bench;

// Backs `payrail bench ledger --accounts A --workers W --duration S [--clearing] [--batch N]`.

import io.payrail.ledger.api.AccountFlags;
import io.payrail.ledger.api.AccountOutcome;
import io.payrail.ledger.api.AuditReport;
import io.payrail.ledger.api.CreateAccountResult;
import io.payrail.ledger.api.LedgerAudit;
import io.payrail.ledger.api.LedgerService;
import io.payrail.ledger.api.NewAccount;
import io.payrail.ledger.api.NewTransfer;
import io.payrail.ledger.api.TransferOutcome;
import io.payrail.platform.Check;
import io.payrail.platform.Database;
import io.payrail.platform.Migrations;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Closed-loop throughput: W in-process clients each submit one call (of {@code batch} transfers) at a
 * time between random pairs of A funded accounts (or, with {@code clearing}, between an account and one
 * clearing account) and wait until it is durable. Then an open-loop phase at half that rate measures
 * latency from each call's scheduled send time. Ends with the ledger audit.
 */
public final class LedgerBench {
    public static final int ACCOUNTS_MAX = 1_000_000;
    public static final int WORKERS_MAX = 10_000;
    static final long FUNDING_PER_ACCOUNT = 1_000_000_000_000L;

    /** Options with defaults: {@code new Options(50, 20, 10, false, 1)}. */
    public record Options(int accounts, int workers, int durationSeconds, boolean clearing, int batch) {
        public Options {
            Check.argument(accounts >= 2 && accounts <= ACCOUNTS_MAX, "--accounts must be 2..%s, got %s", ACCOUNTS_MAX,
                    accounts);
            Check.argument(workers >= 1 && workers <= WORKERS_MAX, "--workers must be 1..%s, got %s", WORKERS_MAX, workers);
            Check.argument(durationSeconds >= 1 && durationSeconds <= 3_600, "--duration must be 1..3600 seconds, got %s",
                    durationSeconds);
            Check.argument(batch >= 1 && batch <= 8_190, "--batch must be 1..8190, got %s", batch);
        }

        public static Options defaults() {
            return new Options(50, 20, 10, false, 1);
        }
    }

    private LedgerBench() {}

    public static LinkedHashMap<String, String> run(Database database, Options options, PrintStream progress) {
        DataSource dataSource = database.dataSource();
        Migrations.apply(dataSource, List.of("platform", "ledger"));
        LinkedHashMap<String, String> results = new LinkedHashMap<>();
        results.put("synchronous_commit", database.setting("synchronous_commit"));
        results.put("accounts", String.valueOf(options.accounts()));
        results.put("workers", String.valueOf(options.workers()));
        results.put("duration_seconds", String.valueOf(options.durationSeconds()));
        results.put("clearing", String.valueOf(options.clearing()));
        results.put("batch", String.valueOf(options.batch()));
        int ledger = freeLedger(dataSource);
        try (LedgerService service = LedgerService.open(dataSource, Clock.systemUTC(),
                "bench-" + ProcessHandle.current().pid())) {
            Check.that(service.registerLedger(ledger, "EUR").code() == 0, "could not register bench ledger %s", ledger);
            BenchAccounts accounts = BenchAccounts.open(service, ledger, options.accounts(), progress);
            progress.printf("ledger %s: %s accounts funded; running %s workers for %s s%n", ledger, options.accounts(),
                    options.workers(), options.durationSeconds());
            long walBefore = walPosition(dataSource);
            Throughput throughput = Throughput.measure(service, accounts, options, progress);
            long walBytes = walBytesSince(dataSource, walBefore);
            progress.println("writer: " + service.writerStatistics(ledger));
            results.put("transfers_ok", String.valueOf(throughput.succeeded()));
            results.put("transfers_failed", String.valueOf(throughput.failed()));
            results.put("transfers_per_second", String.valueOf(Math.round(throughput.perSecond())));
            results.put("wal_bytes_per_transfer",
                    String.valueOf(throughput.succeeded() == 0 ? 0 : walBytes / throughput.succeeded()));
            OpenLoopLatency.Result latency = OpenLoopLatency.measure(service, accounts, options,
                    Math.max(1, throughput.perSecond() / 2 / options.batch()), progress);
            results.put("latency_rate_calls_per_second", String.valueOf(Math.round(latency.ratePerSecond())));
            results.put("transfer_latency_ms_p50", String.format("%.2f", latency.p50Millis()));
            results.put("transfer_latency_ms_p99", String.format("%.2f", latency.p99Millis()));
        }
        AuditReport audit = LedgerAudit.run(dataSource);
        results.put("audit", audit.ok() ? "ok" : "FAILED (" + audit.breaks().size() + " breaks)");
        return results;
    }

    /** A ledger number no earlier run used, so runs never mix. */
    private static int freeLedger(DataSource dataSource) {
        return (int) queryLong(dataSource, "SELECT coalesce(max(ledger), 1000) + 1 FROM ledger_ledger");
    }

    private static long walPosition(DataSource dataSource) {
        return queryLong(dataSource, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
    }

    private static long walBytesSince(DataSource dataSource, long before) {
        return walPosition(dataSource) - before;
    }

    private static long queryLong(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException failure) {
            throw new IllegalStateException("bench query failed: " + failure.getMessage(), failure);
        }
    }

    /** The funded accounts and the clearing account of one run. */
    record BenchAccounts(int ledger, List<UUID> accounts, UUID clearing) {
        static BenchAccounts open(LedgerService service, int ledger, int count, PrintStream progress) {
            UUID funding = UUID.randomUUID();
            UUID clearing = UUID.randomUUID();
            List<NewAccount> requests = new ArrayList<>();
            requests.add(NewAccount.of(funding, "bench", ledger, 1, 0));
            requests.add(NewAccount.of(clearing, "bench", ledger, 2, 0));
            List<UUID> accounts = new ArrayList<>();
            for (int index = 0; index < count; index++) {
                UUID id = UUID.randomUUID();
                accounts.add(id);
                requests.add(NewAccount.of(id, "bench", ledger, 3, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS));
            }
            for (int from = 0; from < requests.size(); from += 8_190) {
                List<AccountOutcome> outcomes = service.createAccounts(
                        requests.subList(from, Math.min(requests.size(), from + 8_190))).join();
                Check.that(outcomes.stream().allMatch(outcome -> outcome.result() == CreateAccountResult.OK),
                        "bench accounts were not created: %s", outcomes.getFirst());
            }
            List<NewTransfer> fundingTransfers = new ArrayList<>();
            for (UUID account : accounts) {
                fundingTransfers.add(NewTransfer.of(UUID.randomUUID(), funding, account, FUNDING_PER_ACCOUNT, ledger, 1));
            }
            fundingTransfers.add(NewTransfer.of(UUID.randomUUID(), funding, clearing, FUNDING_PER_ACCOUNT, ledger, 1));
            for (int from = 0; from < fundingTransfers.size(); from += 8_190) {
                List<TransferOutcome> outcomes = service.createTransfers(
                        fundingTransfers.subList(from, Math.min(fundingTransfers.size(), from + 8_190))).join();
                Check.that(outcomes.stream().allMatch(TransferOutcome::ok), "bench funding failed: %s", outcomes.getFirst());
            }
            progress.printf("opened and funded %s accounts%n", count);
            return new BenchAccounts(ledger, List.copyOf(accounts), clearing);
        }

        /** One random transfer: between two accounts, or between one account and the clearing account. */
        NewTransfer next(SplittableRandom random, boolean throughClearing) {
            // Random 128-bit ids from the worker's own generator: UUID.randomUUID() would serialise all
            // workers on one SecureRandom and measure that instead of the ledger.
            UUID id = new UUID(random.nextLong(), random.nextLong());
            UUID first = accounts.get(random.nextInt(accounts.size()));
            long amount = 1 + random.nextInt(100);
            if (throughClearing) {
                return random.nextBoolean()
                        ? NewTransfer.of(id, first, clearing, amount, ledger, 10)
                        : NewTransfer.of(id, clearing, first, amount, ledger, 10);
            }
            UUID second = first;
            while (second.equals(first)) {
                second = accounts.get(random.nextInt(accounts.size()));
            }
            return NewTransfer.of(id, first, second, amount, ledger, 10);
        }

        List<NewTransfer> call(SplittableRandom random, Options options) {
            List<NewTransfer> call = new ArrayList<>(options.batch());
            for (int index = 0; index < options.batch(); index++) {
                call.add(next(random, options.clearing()));
            }
            return call;
        }
    }

    /** Closed-loop phase. */
    record Throughput(long succeeded, long failed, double perSecond) {
        static Throughput measure(LedgerService service, BenchAccounts accounts, Options options, PrintStream progress) {
            AtomicLong succeeded = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long deadline = System.nanoTime() + options.durationSeconds() * 1_000_000_000L;
            long started = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int worker = 0; worker < options.workers(); worker++) {
                SplittableRandom random = new SplittableRandom(worker * 7_919L + 17);
                workers.add(Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < deadline) {
                        for (TransferOutcome outcome : service.createTransfers(accounts.call(random, options)).join()) {
                            (outcome.ok() ? succeeded : failed).incrementAndGet();
                        }
                    }
                }));
            }
            for (Thread worker : workers) {
                try {
                    worker.join();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("bench interrupted", interrupted);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.printf("throughput phase: %s ok, %s failed in %.1f s%n", succeeded.get(), failed.get(), seconds);
            return new Throughput(succeeded.get(), failed.get(), succeeded.get() / seconds);
        }
    }
}
