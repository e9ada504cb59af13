package io.payrail.ach;

import io.payrail.ach.internal.FileValidator;
import io.payrail.ach.internal.LineSource;
import io.payrail.ach.internal.Problems;
import io.payrail.ach.internal.RawLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Streams the records of a NACHA file and validates them as they go by: memory stays bounded whatever the size
 * of the file (one line, the current batch's totals and the set of trace numbers).
 *
 * <pre>{@code
 * try (AchReader reader = AchReader.open(path, ReaderOptions.strict())) {
 *     for (AchRecord record = reader.next(); record != null; record = reader.next()) { ... }
 *     List<AchProblem> problems = reader.problems();
 * }
 * }</pre>
 *
 * In {@link FailureMode#STOP_AT_FIRST} mode, {@link #next()} throws {@link AchFormatException} at the first
 * error; in {@link FailureMode#COLLECT_ALL} mode it throws only when {@link ReaderOptions#PROBLEMS_MAX} is
 * reached or the input cannot be read, and the problems are collected.
 */
public final class AchReader implements AutoCloseable {
    private final InputStream input;
    private final ReaderOptions options;
    private final LineSource lines;
    private final Problems problems = new Problems();
    private final FileValidator validator;
    private boolean finished;

    private AchReader(InputStream input, ReaderOptions options) {
        this.input = Objects.requireNonNull(input, "input");
        this.options = Objects.requireNonNull(options, "options");
        this.lines = new LineSource(input);
        this.validator = new FileValidator(options, problems);
    }

    /** The reader closes the stream when it is closed. */
    public static AchReader open(InputStream input, ReaderOptions options) {
        return new AchReader(input, options);
    }

    public static AchReader open(Path file, ReaderOptions options) throws AchFormatException {
        try {
            return new AchReader(Files.newInputStream(file), options);
        } catch (IOException cannotOpen) {
            throw ioProblem(cannotOpen);
        }
    }

    /** The next typed record, or null at the end of the file (padding is not returned). */
    public AchRecord next() throws AchFormatException {
        while (!finished) {
            RawLine raw = readLine();
            if (raw == null) {
                finished = true;
                validator.finish();
                stopIfNeeded();
                return null;
            }
            AchRecord record = validator.accept(raw);
            stopIfNeeded();
            if (record != null) {
                return record;
            }
        }
        return null;
    }

    private RawLine readLine() throws AchFormatException {
        try {
            return lines.next();
        } catch (IOException unreadable) {
            finished = true;
            throw ioProblem(unreadable);
        }
    }

    private void stopIfNeeded() throws AchFormatException {
        if (problems.full()) {
            finished = true;
            throw new AchFormatException(problems.list());
        }
        if (options.mode() == FailureMode.STOP_AT_FIRST && problems.errorCount() > 0) {
            finished = true;
            throw new AchFormatException(problems.firstError());
        }
    }

    /** Reads to the end, returning every problem (with stop-at-first: just the first error). */
    public List<AchProblem> validateRest() {
        try {
            while (next() != null) {
                // Records are dropped: only the validation matters here.
            }
            return problems.list();
        } catch (AchFormatException stopped) {
            return stopped.problems();
        }
    }

    /** The problems found so far, warnings included. */
    public List<AchProblem> problems() {
        return problems.list();
    }

    public boolean hasErrors() {
        return problems.errorCount() > 0;
    }

    private static AchFormatException ioProblem(IOException cause) {
        return new AchFormatException(List.of(new AchProblem(0, RecordType.UNKNOWN, "file", ProblemCode.INPUT_OUTPUT,
                "cannot read the file: " + cause.getMessage(), Severity.ERROR)), cause);
    }

    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException ignored) {
            // Closing a stream that was only read cannot lose data.
        }
    }
}
