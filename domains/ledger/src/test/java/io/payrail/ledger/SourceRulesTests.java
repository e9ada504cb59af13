package io.payrail.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rules of the module checked on its sources: injected time, and the api/internal/bench boundary. */
class SourceRulesTests {
    private static final Path MAIN = Path.of("src/main/java/io/payrail/ledger");

    @Test
    void main_code_never_reads_the_wall_clock_itself() throws IOException {
        assertThat(filesContaining(MAIN, "Instant.now(")).isEmpty();
        assertThat(filesContaining(MAIN, "System.currentTimeMillis")).isEmpty();
    }

    @Test
    void the_ledger_itself_never_depends_on_the_bench() throws IOException {
        assertThat(filesContaining(MAIN.resolve("api"), "io.payrail.ledger.bench")).isEmpty();
        assertThat(filesContaining(MAIN.resolve("internal"), "io.payrail.ledger.bench")).isEmpty();
    }

    @Test
    void the_bench_uses_only_the_published_api() throws IOException {
        assertThat(filesContaining(MAIN.resolve("bench"), "io.payrail.ledger.internal")).isEmpty();
    }

    @Test
    void source_files_stay_under_four_hundred_lines() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> tooLong = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> lines(file) >= 400).toList();
            assertThat(tooLong).isEmpty();
        }
    }

    private static List<Path> filesContaining(Path directory, String text) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> read(file).contains(text)).toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }

    private static long lines(Path file) {
        return read(file).lines().count();
    }
}
