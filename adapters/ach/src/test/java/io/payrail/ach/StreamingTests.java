package io.payrail.ach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing and validating a file far larger than the heap proves both streams keep memory bounded: a child JVM
 * with a 24 MiB heap writes and then validates 300,000 entries (about 28 MB of records; the in-memory model of
 * such a file would need several times the heap).
 */
class StreamingTests {
    private static final int ENTRIES = 300_000;
    private static final long CHILD_TIMEOUT_SECONDS = 120;

    @TempDir
    Path folder;

    @Test
    void a_file_much_larger_than_the_heap_is_written_and_validated_in_a_24_mib_heap() throws Exception {
        Path file = folder.resolve("large.ach");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-Xmx24m", "-cp", System.getProperty("java.class.path"),
                StreamingTests.class.getName(), file.toString(), Integer.toString(ENTRIES))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("records=" + (ENTRIES + 2 * (ENTRIES / 10_000) + 2)).contains("errors=0");
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(Files.size(file)).isGreaterThan(24L * 1024 * 1024);
    }

    /** The child: writes the file with the streaming writer, then counts records and errors with the reader. */
    public static void main(String[] arguments) throws IOException, AchFormatException {
        Path file = Path.of(arguments[0]);
        int entries = Integer.parseInt(arguments[1]);
        try (OutputStream output = Files.newOutputStream(file);
                AchWriter writer = AchWriter.open(output, Samples.fileHeader(), WriterOptions.standard())) {
            for (int written = 0, batchNumber = 1; written < entries; batchNumber++) {
                writer.startBatch(Samples.batchHeader(220, "PPD", batchNumber));
                for (int index = 0; index < 10_000 && written < entries; index++, written++) {
                    writer.entry(Samples.entry(22, 1 + written, writer.nextTraceNumber(), '0'), List.of());
                }
                writer.endBatch();
            }
            writer.finish();
        }
        long records = 0;
        try (AchReader reader = AchReader.open(file, ReaderOptions.strict())) {
            while (reader.next() != null) {
                records++;
            }
            System.out.println("records=" + records + " errors=" + reader.problems().stream()
                    .filter(AchProblem::isError).count());
        }
    }
}
