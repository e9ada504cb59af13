package io.payrail.app;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code payrail} command. Each subcommand is a small class of its own. */
@Command(
        name = "payrail",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Payrail: payments and business banking on an event-driven spine.",
        subcommands = {
            RunCommand.class,
            io.payrail.app.cli.ApiKeysCommand.class,
            io.payrail.app.cli.EventsCommand.class,
            io.payrail.app.cli.SubscriptionsCommand.class,
            io.payrail.app.cli.ParkedCommand.class,
            io.payrail.app.cli.QueuesCommand.class,
            io.payrail.app.cli.DlqCommand.class,
            CatalogCommand.class,
            io.payrail.app.cli.AuditCommand.class,
            io.payrail.app.cli.AchCommand.class,
            io.payrail.app.cli.BenchCommand.class
        })
public final class Main implements Runnable {

    public static void main(String[] arguments) {
        configureLogging(arguments);
        System.exit(execute(arguments, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI; bad input answers with one line and exit code 1, never a stack trace. */
    public static int execute(String[] arguments, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        // "@file.json" is Payrail's way to name a payload file (events inject --data @file.json), not
        // picocli's argument-file expansion.
        commandLine.setExpandAtFiles(false);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((failure, command, parseResult) -> {
            command.getErr().println("payrail: " + oneLine(failure));
            return 1;
        });
        commandLine.setParameterExceptionHandler((failure, arguments2) -> {
            CommandLine command = failure.getCommandLine();
            command.getErr().println("payrail: " + failure.getMessage());
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
            return 1;
        });
        return commandLine.execute(arguments);
    }

    static String oneLine(Throwable failure) {
        Throwable root = failure;
        while ((root instanceof java.util.concurrent.CompletionException || root instanceof java.lang.reflect.InvocationTargetException)
                && root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replace('\n', ' ');
    }

    /** Servers log JSON to stdout; other commands keep stdout for their output and log warnings to stderr. */
    private static void configureLogging(String[] arguments) {
        boolean serving = arguments.length > 0 && arguments[0].equals("run");
        if (!serving) {
            System.setProperty("payrail.log.target", "System.err");
            System.setProperty("payrail.log.level", System.getProperty("payrail.log.level", "WARN"));
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"payrail " + (version == null ? "0.1.0-SNAPSHOT" : version)};
        }
    }
}
