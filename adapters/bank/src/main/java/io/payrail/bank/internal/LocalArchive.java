package io.payrail.bank.internal;

import io.payrail.platform.Check;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The local copy of every file exchanged with the bank: {@code outbound/<id>_<name>} holds the exact
 * bytes sent (so a retry after a crash sends the same bytes, even when encryption is randomised) and
 * {@code inbound/<id>_<name>} the exact bytes received. Files are written to a temporary name,
 * forced to disk and moved into place, so the archive never holds half a file under a final name.
 */
public final class LocalArchive {
    private final Path root;

    public LocalArchive(Path root) {
        this.root = Check.notNull(root, "root").toAbsolutePath();
        try {
            Files.createDirectories(this.root.resolve("outbound"));
            Files.createDirectories(this.root.resolve("inbound"));
        } catch (IOException failure) {
            throw new UncheckedIOException("could not create the bank archive in " + root + ": " + failure.getMessage(), failure);
        }
    }

    public Path root() {
        return root;
    }

    public Path outboundPath(UUID id, String fileName) {
        return root.resolve("outbound").resolve(id + "_" + fileName);
    }

    public Path inboundPath(UUID id, String fileName) {
        return root.resolve("inbound").resolve(id + "_" + fileName);
    }

    /** Writes {@code content} durably at {@code target}. */
    public void write(Path target, byte[] content) {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                var buffer = java.nio.ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            moveIntoPlace(temporary, target);
        } catch (IOException failure) {
            throw new UncheckedIOException("could not archive " + target + ": " + failure.getMessage(), failure);
        }
    }

    public byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException failure) {
            throw new UncheckedIOException("could not read archived file " + file + ": " + failure.getMessage(), failure);
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        // The move is durable only when the directory entry is on disk too.
        try (FileChannel directory = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException directoryNotSyncable) {
            // Some file systems cannot open directories; the file itself is already forced.
        }
    }
}
