package io.payrail.ach;

import io.payrail.ach.internal.ModelBuilder;
import io.payrail.ach.internal.Normalizations;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Whole-file operations on top of the streaming reader and writer: read into the model, write it, round-trip. */
public final class AchFiles {
    /** The in-memory model is for ordinary files; larger ones are streamed with {@link AchReader}. */
    public static final long ENTRIES_IN_MEMORY_MAX = 100_000;
    /** Round-tripping keeps the original and the written bytes in memory. */
    public static final long ROUNDTRIP_BYTES_MAX = 64L * 1024 * 1024;

    private AchFiles() {
    }

    public static ReadResult read(Path file, ReaderOptions options) {
        try (AchReader reader = AchReader.open(file, options)) {
            return read(reader);
        } catch (AchFormatException unreadable) {
            return new ReadResult(Optional.empty(), unreadable.problems());
        }
    }

    public static ReadResult read(InputStream input, ReaderOptions options) {
        try (AchReader reader = AchReader.open(input, options)) {
            return read(reader);
        }
    }

    private static ReadResult read(AchReader reader) {
        ModelBuilder builder = new ModelBuilder();
        long entries = 0;
        try {
            for (AchRecord record = reader.next(); record != null; record = reader.next()) {
                if (record instanceof EntryDetail && ++entries > ENTRIES_IN_MEMORY_MAX) {
                    List<AchProblem> problems = new ArrayList<>(reader.problems());
                    problems.add(new AchProblem(0, RecordType.ENTRY_DETAIL, "file", ProblemCode.UNSUPPORTED,
                            "more than " + ENTRIES_IN_MEMORY_MAX + " entries: stream the file with AchReader",
                            Severity.ERROR));
                    return new ReadResult(Optional.empty(), problems);
                }
                builder.accept(record);
            }
        } catch (AchFormatException stopped) {
            return new ReadResult(Optional.empty(), stopped.problems());
        }
        List<AchProblem> problems = reader.problems();
        return new ReadResult(reader.hasErrors() ? Optional.empty() : builder.build(), problems);
    }

    /** Writes the model canonically: controls, block count and padding are computed, not copied. */
    public static void write(AchFile file, OutputStream output, WriterOptions options) throws IOException {
        try (AchWriter writer = AchWriter.open(output, file.header(), options)) {
            for (Batch batch : file.batches()) {
                writer.startBatch(batch.header());
                for (Entry entry : batch.entries()) {
                    writer.entry(entry);
                }
                writer.endBatch(batch.control());
            }
            writer.finish();
        }
    }

    public static byte[] toBytes(AchFile file, WriterOptions options) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(file, bytes, options);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /** Reads the file (lenient profile) and writes it back with LF terminators, listing what changed. */
    public static RoundtripResult roundtrip(Path path, ReaderOptions options) {
        byte[] original;
        try {
            long size = Files.size(path);
            if (size > ROUNDTRIP_BYTES_MAX) {
                return failed(ProblemCode.UNSUPPORTED, "the file has " + size + " bytes; round-trip handles at most "
                        + ROUNDTRIP_BYTES_MAX);
            }
            original = Files.readAllBytes(path);
        } catch (IOException unreadable) {
            return failed(ProblemCode.INPUT_OUTPUT, "cannot read the file: " + unreadable.getMessage());
        }
        ReadResult result = read(new ByteArrayInputStream(original), options);
        if (result.file().isEmpty()) {
            return new RoundtripResult(false, List.of(), result.errors());
        }
        byte[] written = toBytes(result.file().get(), WriterOptions.standard());
        List<String> normalizations = Normalizations.between(original, written);
        return new RoundtripResult(java.util.Arrays.equals(original, written), normalizations, List.of());
    }

    private static RoundtripResult failed(ProblemCode code, String reason) {
        return new RoundtripResult(false, List.of(),
                List.of(new AchProblem(0, RecordType.UNKNOWN, "file", code, reason, Severity.ERROR)));
    }
}
