package io.payrail.app.cli;

import io.payrail.ach.FailureMode;
import io.payrail.ach.Profile;
import io.payrail.ach.cli.AchCommands;
import io.payrail.ach.cli.CommandResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code payrail ach validate|print|roundtrip}: NACHA files, read and checked by the ach library. */
@Command(name = "ach", mixinStandardHelpOptions = true, description = "Read, validate and round-trip NACHA ACH files.",
        subcommands = {AchCommand.Validate.class, AchCommand.Print.class, AchCommand.Roundtrip.class})
public final class AchCommand {

    static int emit(CommandSpec spec, CommandResult result) {
        if (!result.text().isEmpty()) {
            (result.exitCode() == 0 ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(result.text());
        }
        return result.exitCode();
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Validate files: exit 0 when valid, 1 listing every error with its line, record and field.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Option(names = "--profile", defaultValue = "STRICT", description = "STRICT (NACHA rules) or LENIENT (what banks accept).")
        Profile profile;

        @Option(names = "--stop-at-first", description = "Stop at the first error instead of collecting all.")
        boolean stopAtFirst;

        @Option(names = "--directory", description = "A FedACH directory file: routing numbers it does not list are warnings.")
        Path directory;

        @Override
        public Integer call() {
            AchCommands.ValidateOptions options = new AchCommands.ValidateOptions(profile,
                    stopAtFirst ? FailureMode.STOP_AT_FIRST : FailureMode.COLLECT_ALL, Optional.ofNullable(directory));
            return emit(spec, AchCommands.validate(files, options));
        }
    }

    @Command(name = "print", mixinStandardHelpOptions = true,
            description = "Print a file readably with totals; account numbers are masked unless --unmask.")
    static final class Print implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--unmask", description = "Show account numbers in full.")
        boolean unmask;

        @Option(names = "--directory", description = "A FedACH directory file, to name the institutions.")
        Path directory;

        @Override
        public Integer call() {
            return emit(spec, AchCommands.print(file, unmask, Optional.ofNullable(directory)));
        }
    }

    @Command(name = "roundtrip", mixinStandardHelpOptions = true,
            description = "Write the parsed file back: exit 0 only if byte-identical; lists each normalization.")
    static final class Roundtrip implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            return emit(spec, AchCommands.roundtrip(file));
        }
    }
}
