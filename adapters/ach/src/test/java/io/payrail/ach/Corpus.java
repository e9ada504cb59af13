package io.payrail.ach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the shared test data (moov-io/ach files and the FedACH directory): walking up from the working directory,
 * the first ancestor with {@code shared/data/ach} or {@code ../shared/data/ach} beside it, unless
 * {@code PAYRAIL_SHARED_DATA} names the folder. CI clones the repository with {@code shared/} next to the clone.
 */
final class Corpus {
    private static final int ANCESTORS_SEARCHED_MAX = 12;
    /** Names the data folder outright (set by .ci/run for a clone made away from its origin). */
    static final String DATA_VARIABLE = "PAYRAIL_SHARED_DATA";

    private Corpus() {
    }

    static Path dataFolder() {
        String named = System.getenv(DATA_VARIABLE);
        if (named != null && Files.isDirectory(Path.of(named, "ach"))) {
            return Path.of(named).toAbsolutePath().normalize();
        }
        Path current = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int depth = 0; depth < ANCESTORS_SEARCHED_MAX && current != null; depth++) {
            for (Path candidate : List.of(current.resolve("shared/data"), current.resolve("../shared/data"))) {
                if (Files.isDirectory(candidate.resolve("ach"))) {
                    return candidate.normalize();
                }
            }
            current = current.getParent();
        }
        throw new IllegalStateException("shared/data/ach not found above " + System.getProperty("user.dir")
                + " (set " + DATA_VARIABLE + " to the shared/data folder)");
    }

    static Path achFolder() {
        return dataFolder().resolve("ach");
    }

    static Path file(String relativeName) {
        return achFolder().resolve(relativeName);
    }

    /** Every .ach file of the corpus, crashers included, as names relative to the ach folder. */
    static List<String> allFileNames() {
        Path folder = achFolder();
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(path -> path.toString().endsWith(".ach"))
                    .map(path -> folder.relativize(path).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
