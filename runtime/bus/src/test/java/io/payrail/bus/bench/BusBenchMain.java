package io.payrail.bus.bench;

import io.payrail.platform.testing.TestDatabase;

/**
 * Runs {@link BusBench} on a fresh test database, for measuring without the CLI:
 * {@code java -cp <test class path> io.payrail.bus.bench.BusBenchMain LAG_SECONDS RATE REPLAY_EVENTS}.
 */
public final class BusBenchMain {
    private BusBenchMain() {}

    public static void main(String[] arguments) throws InterruptedException {
        BusBench.Options defaults = BusBench.Options.defaults();
        BusBench.Options options = new BusBench.Options(
                arguments.length > 0 ? Integer.parseInt(arguments[0]) : defaults.lagSeconds(),
                arguments.length > 1 ? Integer.parseInt(arguments[1]) : defaults.ratePerSecond(),
                arguments.length > 2 ? Integer.parseInt(arguments[2]) : defaults.replayEvents(),
                defaults.replaySecondsMax());
        try (TestDatabase database = TestDatabase.create("platform", "store", "bus")) {
            BusBench.run(database.database(), options, System.err);
        }
        System.exit(0);
    }
}
