package io.payrail.ach.cli;

import io.payrail.ach.AchFiles;
import io.payrail.ach.AchProblem;
import io.payrail.ach.AchReader;
import io.payrail.ach.FailureMode;
import io.payrail.ach.Profile;
import io.payrail.ach.ReadResult;
import io.payrail.ach.ReaderOptions;
import io.payrail.ach.RoundtripResult;
import io.payrail.ach.RoutingDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The operations behind {@code payrail ach validate FILE... [--profile STRICT|LENIENT] [--stop-at-first]
 * [--directory FEDACHDIR]}, {@code payrail ach print FILE [--unmask] [--directory FEDACHDIR]} and
 * {@code payrail ach roundtrip FILE}. Each returns an exit code and a text; none throws on bad input.
 */
public final class AchCommands {
    private AchCommands() {
    }

    /** Options of {@code validate}; {@code directory} enables warnings for routing numbers it does not list. */
    public record ValidateOptions(Profile profile, FailureMode mode, Optional<Path> directory) {
        public static ValidateOptions defaults() {
            return new ValidateOptions(Profile.STRICT, FailureMode.COLLECT_ALL, Optional.empty());
        }
    }

    /** Exit 0 when every file is valid (warnings allowed), 1 otherwise, listing each problem. */
    public static CommandResult validate(List<Path> files, ValidateOptions options) {
        if (files.isEmpty()) {
            return new CommandResult(CommandResult.INVALID, "validate: no file given");
        }
        ReaderOptions readerOptions = new ReaderOptions(options.profile(), options.mode(), Optional.empty());
        if (options.directory().isPresent()) {
            Optional<RoutingDirectory> directory = loadDirectory(options.directory().get());
            if (directory.isEmpty()) {
                return new CommandResult(CommandResult.INVALID, "cannot load the FedACH directory "
                        + options.directory().get());
            }
            readerOptions = readerOptions.withDirectory(directory.get());
        }
        StringBuilder text = new StringBuilder();
        boolean allValid = true;
        for (Path file : files) {
            List<AchProblem> problems = validateOne(file, readerOptions);
            long errors = problems.stream().filter(AchProblem::isError).count();
            allValid &= errors == 0;
            text.append(file).append(": ").append(errors == 0 ? "valid" : "INVALID (" + errors + " error(s))")
                    .append(" [").append(options.profile().name().toLowerCase(java.util.Locale.ROOT)).append("]\n");
            for (AchProblem problem : problems) {
                text.append("  ").append(problem.describe()).append('\n');
            }
        }
        return new CommandResult(allValid ? CommandResult.OK : CommandResult.INVALID, text.toString());
    }

    private static List<AchProblem> validateOne(Path file, ReaderOptions options) {
        if (!Files.isRegularFile(file)) {
            return List.of(new AchProblem(0, io.payrail.ach.RecordType.UNKNOWN, "file",
                    io.payrail.ach.ProblemCode.INPUT_OUTPUT, "no such file", io.payrail.ach.Severity.ERROR));
        }
        try (AchReader reader = AchReader.open(file, options)) {
            return reader.validateRest();
        } catch (io.payrail.ach.AchFormatException unreadable) {
            return unreadable.problems();
        }
    }

    private static Optional<RoutingDirectory> loadDirectory(Path file) {
        try {
            return Optional.of(RoutingDirectory.load(file));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** A readable listing with totals; account numbers and names masked unless {@code unmask}. */
    public static CommandResult print(Path file, boolean unmask, Optional<Path> directoryFile) {
        Optional<RoutingDirectory> directory = directoryFile.flatMap(AchCommands::loadDirectory);
        if (directoryFile.isPresent() && directory.isEmpty()) {
            return new CommandResult(CommandResult.INVALID, "cannot load the FedACH directory " + directoryFile.get());
        }
        if (!Files.isRegularFile(file)) {
            return new CommandResult(CommandResult.INVALID, file + ": no such file");
        }
        ReadResult result = AchFiles.read(file, ReaderOptions.lenient());
        if (result.file().isEmpty()) {
            return new CommandResult(CommandResult.INVALID, file + ": cannot print an invalid file\n"
                    + describe(result.errors()));
        }
        return new CommandResult(CommandResult.OK, FilePrinter.print(result.file().get(), unmask, directory));
    }

    /** Exit 0 only when writing the parsed file back gives the same bytes; lists every normalization. */
    public static CommandResult roundtrip(Path file) {
        if (!Files.isRegularFile(file)) {
            return new CommandResult(CommandResult.INVALID, file + ": no such file");
        }
        RoundtripResult result = AchFiles.roundtrip(file, ReaderOptions.lenient());
        if (!result.problems().isEmpty()) {
            return new CommandResult(CommandResult.INVALID, file + ": cannot be read\n" + describe(result.problems()));
        }
        StringBuilder text = new StringBuilder(file + (result.identical() ? ": byte-identical" : ": differs") + "\n");
        for (String normalization : result.normalizations()) {
            text.append("  normalized: ").append(normalization).append('\n');
        }
        return new CommandResult(result.identical() ? CommandResult.OK : CommandResult.INVALID, text.toString());
    }

    private static String describe(List<AchProblem> problems) {
        StringBuilder text = new StringBuilder();
        problems.forEach(problem -> text.append("  ").append(problem.describe()).append('\n'));
        return text.toString();
    }
}
