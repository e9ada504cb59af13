package io.payrail.ach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.payrail.ach.cli.AchCommands;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated real files (byte flips, truncations, inserted, duplicated and deleted lines) must never crash the reader:
 * only problems or its one checked exception come out, within a bounded amount of work.
 */
class ReaderFuzzProperties {
    /** Generous bound for a file of a few kilobytes: only a hang or a runaway loop can exceed it. */
    private static final Duration WORK_BOUND = Duration.ofSeconds(10);
    private static final List<byte[]> CORPUS = Corpus.allFileNames().stream().map(ReaderFuzzProperties::bytes)
            .toList();

    private sealed interface Mutation permits Flip, Truncate, InsertLine, DeleteLine {
        byte[] apply(byte[] input);
    }

    private record Flip(int position, byte value) implements Mutation {
        public byte[] apply(byte[] input) {
            if (input.length == 0) {
                return input;
            }
            byte[] copy = input.clone();
            copy[position % input.length] = value;
            return copy;
        }
    }

    private record Truncate(int length) implements Mutation {
        public byte[] apply(byte[] input) {
            return Arrays.copyOf(input, Math.min(input.length, length % (input.length + 1)));
        }
    }

    /** Inserts a copy of one line of the file (or raw bytes) at another line boundary. */
    private record InsertLine(int from, int at, byte[] raw) implements Mutation {
        public byte[] apply(byte[] input) {
            List<String> lines = lines(input);
            String inserted = raw.length > 0 ? new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1)
                    : lines.get(from % lines.size());
            lines.add(at % (lines.size() + 1), inserted);
            return String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private record DeleteLine(int at) implements Mutation {
        public byte[] apply(byte[] input) {
            List<String> lines = lines(input);
            lines.remove(at % lines.size());
            return String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedFiles() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Mutation> mutation = Arbitraries.oneOf(
                Combinators.combine(index, Arbitraries.bytes()).as(Flip::new),
                index.map(Truncate::new),
                Combinators.combine(index, index, Arbitraries.bytes().array(byte[].class).ofMaxSize(120))
                        .as(InsertLine::new),
                index.map(DeleteLine::new));
        return Combinators.combine(Arbitraries.of(CORPUS), mutation.list().ofMinSize(1).ofMaxSize(8))
                .as((file, mutations) -> {
                    byte[] result = file;
                    for (Mutation each : mutations) {
                        result = each.apply(result);
                    }
                    return result;
                });
    }

    @Property(tries = 400)
    void no_mutated_file_crashes_or_hangs_the_reader(@ForAll("mutatedFiles") byte[] input) {
        for (Profile profile : Profile.values()) {
            for (FailureMode mode : FailureMode.values()) {
                ReaderOptions options = new ReaderOptions(profile, mode, java.util.Optional.empty());
                List<AchProblem> problems = assertTimeoutPreemptively(WORK_BOUND, () -> readAll(input, options));
                assertThat(problems.size()).isLessThanOrEqualTo(ReaderOptions.PROBLEMS_MAX);
            }
        }
    }

    @Property(tries = 150)
    void every_mutated_file_the_reader_accepts_can_be_written_printed_and_round_tripped(
            @ForAll("mutatedFiles") byte[] input) throws IOException {
        ReadResult result = AchFiles.read(new ByteArrayInputStream(input), ReaderOptions.lenient());
        assertThat(result.file().isPresent()).isEqualTo(result.valid());
        Path file = Files.createTempFile("fuzz", ".ach");
        try {
            Files.write(file, input);
            assertThat(AchCommands.roundtrip(file).exitCode()).isBetween(0, 1);
            assertThat(AchCommands.print(file, false, java.util.Optional.empty()).exitCode()).isBetween(0, 1);
            if (result.file().isPresent()) {
                // Writing keeps what was read (a count the lenient profile only warns about is written back
                // as it was, so a round trip reproduces the file), so the written file is exactly as valid
                // as its input: strictly valid when the input was, else valid for the lenient profile.
                boolean strictlyValid = AchFiles.read(new ByteArrayInputStream(input), ReaderOptions.strict()).errors().isEmpty();
                byte[] written = AchFiles.toBytes(result.file().get(), WriterOptions.standard());
                ReaderOptions sameLevel = strictlyValid ? ReaderOptions.strict() : ReaderOptions.lenient();
                assertThat(AchFiles.read(new ByteArrayInputStream(written), sameLevel).errors()).isEmpty();
            }
        } finally {
            Files.delete(file);
        }
    }

    private static List<AchProblem> readAll(byte[] input, ReaderOptions options) {
        try (AchReader reader = AchReader.open(new ByteArrayInputStream(input), options)) {
            while (reader.next() != null) {
                // Every record is parsed and checked; only the outcome matters.
            }
            return reader.problems();
        } catch (AchFormatException stopped) {
            assertThat(stopped.problems()).isNotEmpty();
            return stopped.problems();
        }
    }

    private static List<String> lines(byte[] input) {
        return new java.util.ArrayList<>(List.of(new String(input, java.nio.charset.StandardCharsets.ISO_8859_1)
                .split("\n", -1)));
    }

    private static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(Corpus.file(name));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
