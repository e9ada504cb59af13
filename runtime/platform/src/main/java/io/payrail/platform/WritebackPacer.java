package io.payrail.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the kernel from holding hundreds of megabytes of the embedded server's table and index
 * writes, so that no WAL flush waits behind a burst of them.
 *
 * <p>Why it exists: an INSERT makes PostgreSQL extend a table or index one zero-filled 8 KiB page at
 * a time, and those writes are not among the ones PostgreSQL asks the kernel to write back early
 * ({@code checkpoint_flush_after} and {@code bgwriter_flush_after} cover its buffer writes only).
 * Linux keeps them dirty until they are 30 s old ({@code vm.dirty_expire_centisecs}) or a checkpoint
 * fsyncs the file, then writes them all at once: 150 MB at 5,000 events/s, 2 GB after a minute of
 * batch appends. Every commit's WAL flush queued behind that burst waited 0.2 to 2 s. Every
 * {@link #PASS_INTERVAL} this pacer asks the kernel to start writing back each data file of at least
 * {@link #FILE_BYTES_MIN} ({@link FileWriteback}), so what is waiting is what one interval dirtied.
 * It never waits for a write and makes nothing durable; durability stays with PostgreSQL's WAL.
 *
 * <p>An external PostgreSQL is its operator's: there the usual kernel setting does the same
 * ({@code vm.dirty_background_bytes}, see docs/architecture.md).
 */
final class WritebackPacer implements AutoCloseable {
    static final Duration PASS_INTERVAL = Duration.ofMillis(200);
    /** The file list is refreshed every this many passes (PostgreSQL adds a file per 1 GB segment, table or index). */
    static final int PASSES_PER_LISTING = 10;
    /** Smaller files dirty too little to matter, and there are many of them. */
    static final long FILE_BYTES_MIN = 1L << 20;
    static final int FILES_MAX = 4_096;

    private static final Logger LOG = LoggerFactory.getLogger(WritebackPacer.class);

    private final Path tablesDirectory;
    private final Thread thread;
    private final AtomicLong writebacksStarted = new AtomicLong();
    private volatile boolean stopped;

    private WritebackPacer(Path dataDirectory) {
        this.tablesDirectory = dataDirectory.resolve("base");
        this.thread = Thread.ofPlatform().daemon().name("payrail-writeback-pacer").unstarted(this::run);
    }

    /**
     * Starts pacing the server whose data lives in {@code dataDirectory}. The native call is looked up
     * on the pacer's own thread, so a node's start does not wait for it; where the system has no such
     * call the thread says so and ends.
     */
    static WritebackPacer start(Path dataDirectory) {
        WritebackPacer pacer = new WritebackPacer(dataDirectory);
        pacer.thread.start();
        return pacer;
    }

    /** Write-backs asked for so far (files times passes), for tests and diagnostics. */
    long writebacksStarted() {
        return writebacksStarted.get();
    }

    private void run() {
        try {
            Optional<FileWriteback> available = FileWriteback.onThisSystem();
            if (available.isEmpty()) {
                LOG.info("write-back pacing is off: this system has no sync_file_range");
                return;
            }
            pace(available.get());
        } catch (InterruptedException interrupted) {
            // Closed.
        } catch (RuntimeException failure) {
            // Pacing is an optimisation (native access refused, a file system error): a failure costs
            // latency, never data. Say it once and stop.
            LOG.warn("write-back pacing stopped: {}", failure.toString());
        }
    }

    private void pace(FileWriteback writeback) throws InterruptedException {
        List<Path> files = List.of();
        for (long pass = 0; !stopped; pass++) {
            if (pass % PASSES_PER_LISTING == 0) {
                files = largeFiles();
            }
            for (Path file : files) {
                if (writeback.startWriteback(file)) {
                    writebacksStarted.incrementAndGet();
                }
            }
            Thread.sleep(PASS_INTERVAL);
        }
    }

    /** The data files of at least {@link #FILE_BYTES_MIN}, at most {@link #FILES_MAX} of them. */
    List<Path> largeFiles() {
        if (!Files.isDirectory(tablesDirectory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.find(tablesDirectory, 2,
                (path, attributes) -> attributes.isRegularFile() && attributes.size() >= FILE_BYTES_MIN)) {
            return paths.limit(FILES_MAX).toList();
        } catch (IOException | UncheckedIOException vanished) {
            // PostgreSQL removed a file or a database while it was listed; the next listing sees the rest.
            return List.of();
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
