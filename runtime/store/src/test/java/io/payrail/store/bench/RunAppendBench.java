package io.payrail.store.bench;

import io.payrail.platform.Database;
import io.payrail.platform.EmbeddedPostgresServer;
import io.payrail.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the append bench on a fresh embedded PostgreSQL: {@code RunAppendBench <seconds> [writers] [rate] [lanes]}. */
public final class RunAppendBench {
    private RunAppendBench() {}

    public static void main(String[] arguments) throws Exception {
        int seconds = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 10;
        AppendBench.Options defaults = AppendBench.Options.defaults();
        int writers = arguments.length > 1 ? Integer.parseInt(arguments[1]) : defaults.writers();
        int rate = arguments.length > 2 ? Integer.parseInt(arguments[2]) : defaults.ratePerSecond();
        int lanes = arguments.length > 3 ? Integer.parseInt(arguments[3]) : StoreOptions.GROUP_COMMIT_LANES_DEFAULT;
        Path directory = Files.createTempDirectory("payrail-append-bench");
        try {
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0);
                    Database database = Database.onServer(server, "postgres", Database.POOL_SIZE_DEFAULT)) {
                AppendBench.run(database, new AppendBench.Options(writers, defaults.batchSize(), defaults.streams(), seconds, rate),
                        StoreOptions.defaults().withGroupCommitLanes(lanes), System.err,
                        () -> ProcessCpu.serverNanos(server.dataDirectory()));
            }
        } finally {
            deleteRecursively(directory); // a run writes a few GB; /tmp is shared
        }
    }

    private static void deleteRecursively(Path directory) throws java.io.IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
