package io.payrail.platform;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Linux's {@code sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE)} on a file by path, through the
 * foreign function API: it asks the kernel to start writing the file's dirty pages back and returns
 * without waiting. It is the call PostgreSQL itself makes for its {@code *_flush_after} settings. It
 * makes nothing durable (no device cache flush, no metadata); durability stays with PostgreSQL.
 */
final class FileWriteback {
    private static final int OPEN_READ_ONLY = 0;
    /** {@code O_CLOEXEC}, the same value on x86-64 and arm64 Linux. */
    private static final int OPEN_CLOSE_ON_EXEC = 0x80000;
    private static final int SYNC_FILE_RANGE_WRITE = 2;

    private final MethodHandle open;
    private final MethodHandle syncFileRange;
    private final MethodHandle close;

    private FileWriteback(MethodHandle open, MethodHandle syncFileRange, MethodHandle close) {
        this.open = open;
        this.syncFileRange = syncFileRange;
        this.close = close;
    }

    /** The call on Linux; empty elsewhere (macOS has no {@code sync_file_range}), where nothing is paced. */
    // Restricted: a wrong descriptor could corrupt memory. These three are libc's documented signatures,
    // and the JVM runs with --enable-native-access=ALL-UNNAMED (the payrail script, surefire).
    @SuppressWarnings("restricted")
    static Optional<FileWriteback> onThisSystem() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        Optional<MemorySegment> syncFileRange = libc.find("sync_file_range");
        Optional<MemorySegment> open = libc.find("open");
        Optional<MemorySegment> close = libc.find("close");
        if (syncFileRange.isEmpty() || open.isEmpty() || close.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FileWriteback(
                // open(const char *path, int flags, ...) is variadic; no mode is passed.
                linker.downcallHandle(open.get(), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
                        Linker.Option.firstVariadicArg(2)),
                linker.downcallHandle(syncFileRange.get(),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT)),
                linker.downcallHandle(close.get(), FunctionDescriptor.of(JAVA_INT, JAVA_INT))));
    }

    /**
     * Starts the write-back of {@code file}'s dirty pages. False when the file could not be opened
     * (PostgreSQL dropped or truncated it away since it was listed) or the kernel refused the call.
     */
    boolean startWriteback(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            int descriptor = (int) open.invokeExact(arena.allocateFrom(file.toString()), OPEN_READ_ONLY | OPEN_CLOSE_ON_EXEC);
            if (descriptor < 0) {
                return false;
            }
            try {
                return (int) syncFileRange.invokeExact(descriptor, 0L, 0L, SYNC_FILE_RANGE_WRITE) == 0;
            } finally {
                int ignored = (int) close.invokeExact(descriptor);
            }
        } catch (Throwable failure) {
            throw new IllegalStateException("sync_file_range of " + file + " failed: " + failure, failure);
        }
    }
}
