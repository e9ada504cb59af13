package io.payrail.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritebackPacerTests {
    @Test
    void large_data_files_are_paced_and_small_ones_are_left_to_the_kernel(@TempDir Path dataDirectory) throws Exception {
        Path large = dataDirectory.resolve("base/5/16384");
        Path small = dataDirectory.resolve("base/5/16385");
        Files.createDirectories(large.getParent());
        Files.write(large, new byte[(int) WritebackPacer.FILE_BYTES_MIN]);
        Files.write(small, new byte[8192]);
        Files.write(dataDirectory.resolve("postgresql.conf"), new byte[(int) WritebackPacer.FILE_BYTES_MIN]);

        try (WritebackPacer pacer = WritebackPacer.start(dataDirectory)) {
            assertThat(pacer.largeFiles()).containsExactly(large);
        }
    }

    @Test
    void the_kernel_is_asked_to_write_a_large_file_back_on_every_pass_until_the_pacer_stops(@TempDir Path dataDirectory)
            throws Exception {
        Path large = dataDirectory.resolve("base/5/16384");
        Files.createDirectories(large.getParent());
        Files.write(large, new byte[(int) WritebackPacer.FILE_BYTES_MIN * 2]);

        WritebackPacer pacer = WritebackPacer.start(dataDirectory);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (pacer.writebacksStarted() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        pacer.close();
        long afterClose = pacer.writebacksStarted();
        Thread.sleep(WritebackPacer.PASS_INTERVAL.multipliedBy(3));

        assertThat(afterClose).isGreaterThanOrEqualTo(3);
        assertThat(pacer.writebacksStarted()).isEqualTo(afterClose);
    }

    @Test
    void a_file_that_went_away_is_reported_and_an_existing_one_is_written_back(@TempDir Path directory) throws Exception {
        FileWriteback writeback = FileWriteback.onThisSystem().orElseThrow();
        Path file = directory.resolve("dirty");
        Files.write(file, new byte[1 << 16]);

        assertThat(writeback.startWriteback(file)).isTrue();
        assertThat(writeback.startWriteback(directory.resolve("dropped"))).isFalse();
    }

    @Test
    void a_missing_tables_directory_lists_no_files_instead_of_failing(@TempDir Path dataDirectory) {
        try (WritebackPacer pacer = WritebackPacer.start(dataDirectory.resolve("not-yet-initialised"))) {
            assertThat(pacer.largeFiles()).isEmpty();
        }
    }

    @Test
    void an_embedded_server_paces_its_writes_unless_pacing_is_turned_off(@TempDir Path directory) {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory.resolve("paced"), 0)) {
            assertThat(server.pacesWriteback()).isTrue();
        }
        System.setProperty(EmbeddedPostgresServer.WRITEBACK_PACING_PROPERTY, "off");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory.resolve("unpaced"), 0)) {
            assertThat(server.pacesWriteback()).isFalse();
        } finally {
            System.clearProperty(EmbeddedPostgresServer.WRITEBACK_PACING_PROPERTY);
        }
    }
}
