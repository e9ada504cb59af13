package io.payrail.bus.bench;

import io.payrail.platform.Database;
import io.payrail.platform.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Runs {@link BusBench} on a fresh embedded PostgreSQL (durable settings, pool of
 * {@link Database#POOL_SIZE_DEFAULT}) in a temporary directory that is deleted afterwards (a run
 * writes close to 1 GB and /tmp is shared):
 * {@code java -cp <test class path> io.payrail.bus.bench.BusBenchMain LAG_SECONDS RATE REPLAY_EVENTS};
 * with {@code PAYRAIL_DATABASE_URL} set, on that database instead (to try server settings).
 */
public final class BusBenchMain {
    private BusBenchMain() {}

    public static void main(String[] arguments) throws Exception {
        BusBench.Options defaults = BusBench.Options.defaults();
        BusBench.Options options = new BusBench.Options(
                arguments.length > 0 ? Integer.parseInt(arguments[0]) : defaults.lagSeconds(),
                arguments.length > 1 ? Integer.parseInt(arguments[1]) : defaults.ratePerSecond(),
                arguments.length > 2 ? Integer.parseInt(arguments[2]) : defaults.replayEvents(),
                defaults.replaySecondsMax());
        String url = System.getenv(Database.URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            try (Database database = Database.open(url, null, Database.POOL_SIZE_DEFAULT)) {
                BusBench.run(database, options, System.err);
            }
            System.exit(0);
        }
        Path directory = Files.createTempDirectory("payrail-bus-bench");
        try {
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0);
                    Database database = Database.onServer(server, "postgres", Database.POOL_SIZE_DEFAULT)) {
                BusBench.run(database, options, System.err);
            }
        } finally {
            deleteRecursively(directory);
        }
        System.exit(0);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
