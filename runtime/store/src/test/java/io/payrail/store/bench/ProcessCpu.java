package io.payrail.store.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time used so far by a PostgreSQL server (the postmaster, its live children and
 * the children it has reaped), read from /proc. Linux only; clock ticks of 10 ms.
 */
final class ProcessCpu {
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {}

    static long serverNanos(Path dataDirectory) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().strip());
            long ticks = 0;
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path process : processes) {
                    List<String> fields = stat(process);
                    if (fields == null) {
                        continue;
                    }
                    long pid = Long.parseLong(process.getFileName().toString());
                    // Fields after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
                    if (pid == postmaster) {
                        ticks += Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12))
                                + Long.parseLong(fields.get(13)) + Long.parseLong(fields.get(14));
                    } else if (Long.parseLong(fields.get(1)) == postmaster) {
                        ticks += Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
                    }
                }
            }
            return ticks * NANOS_PER_TICK;
        } catch (IOException failure) {
            throw new IllegalStateException("cannot read the server's CPU time: " + failure.getMessage(), failure);
        }
    }

    private static List<String> stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            return List.of(line.substring(line.lastIndexOf(')') + 2).split(" "));
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
