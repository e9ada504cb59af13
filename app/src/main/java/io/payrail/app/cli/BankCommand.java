package io.payrail.app.cli;

import io.payrail.app.LocalDatabase;
import io.payrail.app.Platform;
import io.payrail.bank.BankAdmin;
import io.payrail.platform.Check;
import io.payrail.platform.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code payrail bank files|resolve}: where the files sent to and received from the bank stand, and
 * an operator's decision on an upload whose outcome is unknown (Payrail never sends it again by itself).
 */
@Command(name = "bank", mixinStandardHelpOptions = true,
        description = "Bank files and their states; settle an upload whose outcome is unknown.",
        subcommands = {BankCommand.Files.class, BankCommand.Resolve.class})
public final class BankCommand {

    @Command(name = "files", mixinStandardHelpOptions = true, description = "Bank files of one direction, newest first.")
    static final class Files implements Callable<Integer> {
        @Option(names = "--direction", defaultValue = "outbound", description = "outbound (default) or inbound.")
        String direction;

        @Option(names = "--state", description = "Only files in this state, for example outcome_unknown.")
        String state;

        @Option(names = "--limit", defaultValue = "" + BankAdmin.LIST_LIMIT_DEFAULT,
                description = "At most this many files (default ${DEFAULT-VALUE}, at most " + BankAdmin.LIST_LIMIT_MAX + ").")
        int limit;

        @Override
        public Integer call() {
            // Checked before the database is opened, so a typo answers at once.
            BankAdmin.Filter filter = BankAdmin.Filter.parse(direction, state);
            Check.argument(limit >= 1 && limit <= BankAdmin.LIST_LIMIT_MAX, "--limit must be 1..%d, got %d", BankAdmin.LIST_LIMIT_MAX, limit);
            try (Database database = LocalDatabase.openForCommand(2)) {
                System.out.print(BankAdmin.format(new BankAdmin(database.transactions(), Platform.clock()).listFiles(filter, limit)));
                return 0;
            }
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "After checking with the bank: record that an upload whose outcome is unknown arrived (--sent) "
                    + "or did not (--not-sent; the next upload under its name sends it again).")
    static final class Resolve implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The outbound file's name.")
        String fileName;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Decision decision;

        @Option(names = "--note", required = true, description = "How the outcome was established (kept with the file).")
        String note;

        static final class Decision {
            @Option(names = "--sent", required = true, description = "The bank has the file.")
            boolean sent;

            @Option(names = "--not-sent", required = true, description = "The bank does not have the file.")
            boolean notSent;
        }

        @Override
        public Integer call() {
            BankAdmin.Decision chosen = decision.sent ? BankAdmin.Decision.SENT : BankAdmin.Decision.NOT_SENT;
            BankAdmin.checkNote(note);
            try (Database database = LocalDatabase.openForCommand(2)) {
                System.out.print(BankAdmin.format(new BankAdmin(database.transactions(), Platform.clock()).resolve(fileName, chosen, note)));
                return 0;
            }
        }
    }
}
