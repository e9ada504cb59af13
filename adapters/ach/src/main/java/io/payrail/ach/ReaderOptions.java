package io.payrail.ach;

import java.util.Objects;
import java.util.Optional;

/**
 * How to read a file.
 *
 * @param directory when present, routing numbers missing from it are reported as warnings
 */
public record ReaderOptions(Profile profile, FailureMode mode, Optional<RoutingDirectory> directory) {
    /** Collecting stops after this many problems: a garbage file must not produce an unbounded list. */
    public static final int PROBLEMS_MAX = 1_000;
    /** Longest line kept in memory; longer lines are reported with their length and cut. */
    public static final int LINE_LENGTH_MAX = 4_096;

    public ReaderOptions {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(directory, "directory");
    }

    public static ReaderOptions strict() {
        return new ReaderOptions(Profile.STRICT, FailureMode.COLLECT_ALL, Optional.empty());
    }

    public static ReaderOptions lenient() {
        return new ReaderOptions(Profile.LENIENT, FailureMode.COLLECT_ALL, Optional.empty());
    }

    public ReaderOptions withMode(FailureMode newMode) {
        return new ReaderOptions(profile, newMode, directory);
    }

    public ReaderOptions withDirectory(RoutingDirectory newDirectory) {
        return new ReaderOptions(profile, mode, Optional.of(newDirectory));
    }
}
