package io.payrail.ledger.bench;

import io.payrail.platform.Database;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the bench on a fresh embedded PostgreSQL: {@code accounts workers duration clearing batch [baseline]}. */
public final class LedgerBenchMain {
    private LedgerBenchMain() {}

    public static void main(String[] arguments) throws Exception {
        Path directory = Files.createTempDirectory("payrail-ledger-bench");
        LedgerBench.Options options = new LedgerBench.Options(Integer.parseInt(arguments[0]),
                Integer.parseInt(arguments[1]), Integer.parseInt(arguments[2]), Boolean.parseBoolean(arguments[3]),
                Integer.parseInt(arguments[4]));
        try (Database database = Database.open(System.getenv(Database.URL_VARIABLE), directory, 32)) {
            var results = arguments.length > 5 && arguments[5].equals("baseline")
                    ? PlainLedgerBaseline.run(database, options, System.err) : LedgerBench.run(database, options, System.err);
            results.forEach((key, value) -> System.out.println(key + "=" + value));
        }
    }
}
