package io.payrail.ach.bench;

// Backs `payrail bench ach [--entries N] [--batch-size B] [--warmups W] [--iterations I]`.

import io.payrail.ach.AchProblem;
import io.payrail.ach.AchReader;
import io.payrail.ach.AchWriter;
import io.payrail.ach.FileHeader;
import io.payrail.ach.ReaderOptions;
import io.payrail.ach.StandardBatchHeader;
import io.payrail.ach.StandardEntry;
import io.payrail.ach.WriterOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * Times writing a NACHA file of N entries and then reading and validating it (strict profile, all problems
 * collected), after warm-up iterations. The file goes to a temporary path that is deleted afterwards. The best
 * measured iteration is reported, since warm-up and other processes on a shared machine only add time; the CPU
 * time of the thread doing the work is reported too (it excludes the garbage collector's threads).
 */
public final class AchBench {
    /** Keeps a run within a few seconds of disk and heap: a NACHA file holds at most 99,999,999 records anyway. */
    public static final int ENTRIES_MAX = 5_000_000;
    public static final int ITERATIONS_MAX = 100;
    /** CPU time of the benchmark thread is reported beside wall time: a shared machine inflates only the latter. */
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    public record Options(int entries, int batchSize, int warmups, int iterations) {
        public Options {
            if (entries < 1 || entries > ENTRIES_MAX) {
                throw new IllegalArgumentException("entries=" + entries + " must be 1.." + ENTRIES_MAX);
            }
            if (batchSize < 1 || batchSize > 9_999_999) {
                throw new IllegalArgumentException("batchSize=" + batchSize + " must be 1..9999999");
            }
            if (warmups < 0 || iterations < 1 || warmups + iterations > ITERATIONS_MAX) {
                throw new IllegalArgumentException("warmups=" + warmups + " iterations=" + iterations
                        + ": need iterations >= 1 and warmups + iterations <= " + ITERATIONS_MAX);
            }
        }

        public static Options defaults() {
            return new Options(500_000, 10_000, 3, 3);
        }
    }

    private AchBench() {
    }

    public static LinkedHashMap<String, String> run(Options options, PrintStream progress) {
        Path file = null;
        try {
            file = Files.createTempFile("payrail-ach-bench", ".ach");
            double bestWrite = Double.MAX_VALUE;
            double bestRead = Double.MAX_VALUE;
            double bestWriteCpu = Double.MAX_VALUE;
            double bestReadCpu = Double.MAX_VALUE;
            long errors = 0;
            for (int iteration = 0; iteration < options.warmups() + options.iterations(); iteration++) {
                boolean warmup = iteration < options.warmups();
                long writeCpuStarted = THREADS.getCurrentThreadCpuTime();
                double write = timeWrite(file, options);
                double writeCpu = (THREADS.getCurrentThreadCpuTime() - writeCpuStarted) / 1e9;
                long readCpuStarted = THREADS.getCurrentThreadCpuTime();
                long started = System.nanoTime();
                List<AchProblem> problems;
                try (AchReader reader = AchReader.open(file, ReaderOptions.strict())) {
                    problems = reader.validateRest();
                }
                double read = (System.nanoTime() - started) / 1e9;
                double readCpu = (THREADS.getCurrentThreadCpuTime() - readCpuStarted) / 1e9;
                errors = problems.stream().filter(AchProblem::isError).count();
                progress.printf(Locale.ROOT, "%s %d: write %.3f s (cpu %.3f), read+validate %.3f s (cpu %.3f),"
                        + " errors %d%n", warmup ? "warm-up" : "iteration", iteration + 1, write, writeCpu, read,
                        readCpu, errors);
                if (!warmup) {
                    bestWrite = Math.min(bestWrite, write);
                    bestRead = Math.min(bestRead, read);
                    bestWriteCpu = Math.min(bestWriteCpu, writeCpu);
                    bestReadCpu = Math.min(bestReadCpu, readCpu);
                }
            }
            LinkedHashMap<String, String> results = new LinkedHashMap<>();
            results.put("ach_entries", Integer.toString(options.entries()));
            results.put("ach_file_bytes", Long.toString(Files.size(file)));
            results.put("ach_write_seconds", String.format(Locale.ROOT, "%.3f", bestWrite));
            results.put("ach_read_validate_seconds", String.format(Locale.ROOT, "%.3f", bestRead));
            results.put("ach_write_cpu_seconds", String.format(Locale.ROOT, "%.3f", bestWriteCpu));
            results.put("ach_read_validate_cpu_seconds", String.format(Locale.ROOT, "%.3f", bestReadCpu));
            results.put("ach_validation_errors", Long.toString(errors));
            results.put("ach_heap_max_mib", Long.toString(Runtime.getRuntime().maxMemory() / (1024 * 1024)));
            results.put("ach_processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
            return results;
        } catch (IOException | io.payrail.ach.AchFormatException failure) {
            throw new IllegalStateException("ach bench failed: " + failure.getMessage(), failure);
        } finally {
            deleteQuietly(file);
        }
    }

    private static double timeWrite(Path file, Options options) throws IOException {
        long started = System.nanoTime();
        try (OutputStream output = Files.newOutputStream(file);
                AchWriter writer = AchWriter.open(output, header(), WriterOptions.standard())) {
            int written = 0;
            for (int batchNumber = 1; written < options.entries(); batchNumber++) {
                writer.startBatch(new StandardBatchHeader(200, "PAYRAIL BENCH", "", "1234567890", "PPD", "PAYROLL",
                        "", "261123", "", '1', "23138010", batchNumber));
                int inBatch = Math.min(options.batchSize(), options.entries() - written);
                for (int index = 0; index < inBatch; index++) {
                    boolean debit = (written & 1) == 1;
                    writer.entry(new StandardEntry(debit ? 27 : 22, "12104288", '2', "ACCOUNT" + (written % 100_000),
                            1 + written % 99_999, "ID" + written, "RECEIVER NAME", "", '0',
                            writer.nextTraceNumber()), List.of());
                    written++;
                }
                writer.endBatch();
            }
            writer.finish();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static FileHeader header() {
        return new FileHeader("01", " 231380104", " 121042882", "261122", "1200", 'A', "FEDERAL RESERVE BANK",
                "PAYRAIL", "");
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException cannotDelete) {
            throw new UncheckedIOException(cannotDelete);
        }
    }

    /** {@code java -Xmx64m -cp payrail-ach.jar io.payrail.ach.bench.AchBench [entries] [warmups] [iterations]}. */
    public static void main(String[] arguments) {
        Options defaults = Options.defaults();
        Options options = new Options(arguments.length > 0 ? Integer.parseInt(arguments[0]) : defaults.entries(),
                defaults.batchSize(), arguments.length > 1 ? Integer.parseInt(arguments[1]) : defaults.warmups(),
                arguments.length > 2 ? Integer.parseInt(arguments[2]) : defaults.iterations());
        run(options, System.err).forEach((key, value) -> System.out.println(key + "=" + value));
    }
}
