package io.payrail.queue.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by a PostgreSQL server (its postmaster and every child
 * process), read from /proc: on a shared machine CPU per message is distorted less than wall time.
 * Children that already exited are not counted (the pool's connections live for the whole run).
 */
record ProcessCpu(long jvmMillis, long postgresMillis) {
    private static final long TICKS_PER_SECOND = 100;

    static ProcessCpu sample(Path dataDirectory) throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().trim());
        long postgresTicks = ticks(postmaster);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(path -> path.getFileName().toString().matches("\\d+")).toList()) {
                String[] fields = stat(process);
                if (fields != null && Long.parseLong(fields[1]) == postmaster) {
                    postgresTicks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        }
        return new ProcessCpu(ticks(ProcessHandle.current().pid()) * 1000 / TICKS_PER_SECOND,
                postgresTicks * 1000 / TICKS_PER_SECOND);
    }

    ProcessCpu minus(ProcessCpu earlier) {
        return new ProcessCpu(jvmMillis - earlier.jvmMillis, postgresMillis - earlier.postgresMillis);
    }

    private static long ticks(long pid) {
        String[] fields = stat(Path.of("/proc", Long.toString(pid)));
        return fields == null ? 0 : Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The fields after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime. */
    private static String[] stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
