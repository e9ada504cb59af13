package io.payrail.app;

import io.payrail.platform.Check;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code payrail} command. Each subcommand is a small class of its own. */
@Command(
        name = "payrail",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Payrail: payments and business banking on an event-driven spine.")
public final class Main implements Runnable {
    /**
     * Every subcommand, by name, in the order help lists them. They are registered here instead of in
     * the annotation so that a command builds only its own picocli model: building all of them costs
     * about a quarter of a second of reflection, which {@code payrail run} cannot afford before /ready.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
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
            io.payrail.app.cli.BankCommand.class,
            io.payrail.app.cli.BenchCommand.class);

    public static void main(String[] arguments) {
        configureLogging(arguments);
        System.exit(execute(arguments, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI; bad input answers with one line and exit code 1, never a stack trace. */
    public static int execute(String[] arguments, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = commandLine(arguments);
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

    /** The whole command tree, or only the subcommand named first (its own help stays complete). */
    static CommandLine commandLine(String[] arguments) {
        CommandLine commandLine = new CommandLine(new Main());
        Class<?> named = arguments.length == 0 ? null : SUBCOMMANDS.get(arguments[0]);
        if (named != null) {
            commandLine.addSubcommand(arguments[0], named);
        } else {
            SUBCOMMANDS.forEach(commandLine::addSubcommand);
        }
        return commandLine;
    }

    private static Map<String, Class<?>> subcommands(Class<?>... classes) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> command : classes) {
            String name = command.getAnnotation(Command.class).name();
            Check.that(byName.put(name, command) == null, "two subcommands are named %s", name);
        }
        return Collections.unmodifiableMap(byName);
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
            System.setProperty(LoggingConfigurator.TARGET_PROPERTY, "System.err");
            System.setProperty(LoggingConfigurator.LEVEL_PROPERTY, System.getProperty(LoggingConfigurator.LEVEL_PROPERTY, "WARN"));
        }
    }

    @Override
    public void run() {
        commandLine(new String[0]).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"payrail " + (version == null ? "0.1.0-SNAPSHOT" : version)};
        }
    }
}
