package io.payrail.http.bench;

import io.payrail.platform.Database;
import java.nio.file.Path;

/**
 * Runs {@link GatewayBench} on embedded PostgreSQL by hand (not a test):
 * {@code java -cp ... io.payrail.http.bench.GatewayBenchLauncher <dataDirectory> <rate> <seconds> <poolSize>}.
 */
public final class GatewayBenchLauncher {
    private GatewayBenchLauncher() {}

    public static void main(String[] arguments) {
        try (Database database = Database.open(null, Path.of(arguments[0]), Integer.parseInt(arguments[3]))) {
            GatewayBench.run(database, new GatewayBench.Options(Integer.parseInt(arguments[1]),
                    Integer.parseInt(arguments[2]), 2), System.err);
        }
    }
}
