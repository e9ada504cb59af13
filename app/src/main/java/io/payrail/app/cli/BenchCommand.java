package io.payrail.app.cli;

import io.payrail.ach.bench.AchBench;
import io.payrail.bus.bench.BusBench;
import io.payrail.ledger.bench.LedgerBench;
import io.payrail.queue.bench.QueueBench;
import io.payrail.queue.bench.QueueBenchOptions;
import io.payrail.store.bench.AppendBench;
import io.payrail.store.bench.FloorBench;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code payrail bench ...}: figures as {@code key=value} lines on stdout; progress on stderr. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure Payrail on this machine.",
        subcommands = {BenchCommand.Events.class, BenchCommand.Floor.class, BenchCommand.Queue.class, BenchCommand.Ledger.class, BenchCommand.Ach.class,
            BenchCommand.Http.class, BenchCommand.Startup.class})
public final class BenchCommand {

    /** For the events bench's own server: shorter than a figure, so each figure spans a checkpoint. */
    static final String BENCH_CHECKPOINT_TIMEOUT = "30s";

    static void print(Map<String, String> figures) {
        figures.forEach((key, value) -> System.out.println(key + "=" + value));
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            description = "Event store appends (one at a time and in batches), subscription lag and replay.")
    static final class Events implements Callable<Integer> {
        @Option(names = "--writers", defaultValue = "16") int writers;
        @Option(names = "--batch", defaultValue = "100") int batch;
        @Option(names = "--streams", defaultValue = "10000") int streams;
        @Option(names = "--duration", defaultValue = "60", description = "Seconds per figure (default ${DEFAULT-VALUE}).") int duration;
        @Option(names = "--rate", defaultValue = "5000", description = "Open-loop rate for latency figures, events/s.") int rate;
        @Option(names = {"--events", "--replay-events"}, defaultValue = "1000000",
                description = "Events in the log when the replay runs (default ${DEFAULT-VALUE}).") int replayEvents;

        @Override
        public Integer call() throws InterruptedException {
            // Checkpoints every 30 s, spread as in production, so every 60 s figure spans two.
            try (BenchDatabase bench = BenchDatabase.open(writers + 8, Map.of("checkpoint_timeout", BENCH_CHECKPOINT_TIMEOUT))) {
                print(AppendBench.run(bench.database(), new AppendBench.Options(writers, batch, streams, duration, rate), System.err));
                BusBench.Options bus = BusBench.Options.defaults();
                print(BusBench.run(bench.database(), new BusBench.Options(duration, rate, replayEvents, bus.replaySecondsMax()), System.err));
                return 0;
            }
        }
    }

    @Command(name = "floor", mixinStandardHelpOptions = true,
            description = "What this machine's PostgreSQL can write with no event store in the way: the store's rows, durable commits, "
                    + "no ordering. The ceiling for 'bench events'.")
    static final class Floor implements Callable<Integer> {
        @Option(names = "--writers", defaultValue = "16") int writers;
        @Option(names = "--batch", defaultValue = "100") int batch;
        @Option(names = "--streams", defaultValue = "10000") int streams;
        @Option(names = "--duration", defaultValue = "60", description = "Seconds per figure (default ${DEFAULT-VALUE}).") int duration;

        @Override
        public Integer call() {
            FloorBench.Options options = new FloorBench.Options(writers, batch, streams, duration); // checked before a server starts
            // The same server settings as 'bench events', so the two sets of figures compare.
            try (BenchDatabase bench = BenchDatabase.open(writers + 4, Map.of("checkpoint_timeout", BENCH_CHECKPOINT_TIMEOUT))) {
                print(FloorBench.run(bench.database(), options, System.err));
                return 0;
            }
        }
    }

    @Command(name = "queue", mixinStandardHelpOptions = true, description = "Queue send, receive and delete, end to end.")
    static final class Queue implements Callable<Integer> {
        @Option(names = "--messages", defaultValue = "50000") int messages;
        @Option(names = "--consumers", defaultValue = "4") int consumers;
        @Option(names = "--batch", defaultValue = "10") int batch;
        @Option(names = "--producers", description = "Sending threads (default: as many as consumers).") Integer producers;

        @Override
        public Integer call() throws Exception {
            int senders = producers == null ? consumers : producers;
            try (BenchDatabase bench = BenchDatabase.open(consumers * 2 + senders + 16)) {
                QueueBenchOptions defaults = QueueBenchOptions.defaults();
                QueueBenchOptions options = new QueueBenchOptions(messages, consumers, batch, senders,
                        defaults.latencyRatePerSecond(), defaults.latencySeconds());
                print(QueueBench.run(bench.database(), options, System.err));
                return 0;
            }
        }
    }

    @Command(name = "ledger", mixinStandardHelpOptions = true, description = "Ledger transfers by concurrent in-process clients.")
    static final class Ledger implements Callable<Integer> {
        @Option(names = "--accounts", defaultValue = "50") int accounts;
        @Option(names = "--workers", defaultValue = "20") int workers;
        @Option(names = "--duration", defaultValue = "10", description = "Seconds (default ${DEFAULT-VALUE}).") int duration;
        @Option(names = "--clearing", description = "Every transfer debits or credits one clearing account.") boolean clearing;
        @Option(names = "--batch", defaultValue = "1", description = "Transfers per call (1..8190).") int batch;

        @Override
        public Integer call() {
            try (BenchDatabase bench = BenchDatabase.open(16)) {
                print(LedgerBench.run(bench.database(), new LedgerBench.Options(accounts, workers, duration, clearing, batch), System.err));
                return 0;
            }
        }
    }

    @Command(name = "http", mixinStandardHelpOptions = true,
            description = "Authenticated POSTs with a fresh Idempotency-Key each, from wrk on loopback, to a trivial route.")
    static final class Http implements Callable<Integer> {
        @Option(names = "--connections", defaultValue = "32",
                description = "wrk connections (default ${DEFAULT-VALUE}, the pool size: more only queue).") int connections;
        @Option(names = "--duration", defaultValue = "15", description = "Seconds (default ${DEFAULT-VALUE}).") int duration;

        @Override
        public Integer call() throws Exception {
            try (BenchDatabase bench = BenchDatabase.open(32)) {
                print(HttpBench.run(bench.database(), connections, duration));
                return 0;
            }
        }
    }

    @Command(name = "startup", mixinStandardHelpOptions = true,
            description = "Start 'payrail run' as a new process on an existing database; time until GET /ready answers 200.")
    static final class Startup implements Callable<Integer> {
        @Option(names = "--runs", defaultValue = "5", description = "Measured starts (default ${DEFAULT-VALUE}; one more runs first).") int runs;

        @Override
        public Integer call() throws Exception {
            try (BenchDatabase bench = BenchDatabase.open(4)) {
                print(StartupBench.run(bench, runs, System.err));
                return 0;
            }
        }
    }

    @Command(name = "ach", mixinStandardHelpOptions = true,
            description = "Write, then read and validate, a NACHA file of N entries in a JVM with a 64 MiB heap.")
    static final class Ach implements Callable<Integer> {
        /** The heap the target is stated for: large files must stream. */
        static final String HEAP = "-Xmx64m";

        @Option(names = "--entries", defaultValue = "500000") int entries;
        @Option(names = "--warmups", defaultValue = "3") int warmups;
        @Option(names = "--iterations", defaultValue = "3") int iterations;

        @Override
        public Integer call() throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add(HEAP);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(AchBench.class.getName());
            command.add(Integer.toString(entries));
            command.add(Integer.toString(warmups));
            command.add(Integer.toString(iterations));
            Process process = new ProcessBuilder(command).inheritIO().start();
            return process.waitFor() == 0 ? 0 : 1;
        }
    }
}
