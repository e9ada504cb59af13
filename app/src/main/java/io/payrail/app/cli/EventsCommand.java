package io.payrail.app.cli;

import io.payrail.app.LocalDatabase;
import io.payrail.app.Platform;
import io.payrail.bus.EventsAdmin;
import io.payrail.platform.Database;
import io.payrail.store.PostgresEventStore;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code payrail events tail|inject}: look at the log, or put one event on it. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Read the event log or inject an event.",
        subcommands = {EventsCommand.Tail.class, EventsCommand.Inject.class})
public final class EventsCommand {
    /** How long {@code tail --follow} waits between looks at the head of the log. */
    static final long FOLLOW_PAUSE_MILLIS = 500;

    static EventsAdmin admin(Database database) {
        PostgresEventStore store = new PostgresEventStore(database.dataSource(), Platform.clock(),
                io.payrail.store.StoreOptions.defaults(), EventSchemas.registry(), new io.payrail.store.Upcasters());
        return new EventsAdmin(store, EventSchemas.registry(), Platform.clock(), Platform.ids());
    }

    @Command(name = "tail", mixinStandardHelpOptions = true, description = "Print log events, one per line.")
    static final class Tail implements Callable<Integer> {
        @Option(names = "--type", description = "Only events of this type.")
        String type;

        @Option(names = "--from", defaultValue = "0", description = "Start after this log position (default ${DEFAULT-VALUE}).")
        long from;

        @Option(names = "--follow", description = "Keep waiting for new events (stop with Ctrl-C).")
        boolean follow;

        @Override
        public Integer call() throws InterruptedException {
            try (Database database = LocalDatabase.openForCommand(2)) {
                EventsAdmin admin = admin(database);
                PrintStream out = System.out;
                long position = admin.tail(from, type, EventsAdmin.TAIL_PAGES_MAX, out);
                while (follow) {
                    Thread.sleep(FOLLOW_PAUSE_MILLIS);
                    position = admin.tail(position, type, EventsAdmin.TAIL_PAGES_MAX, out);
                }
                return 0;
            }
        }
    }

    @Command(name = "inject", mixinStandardHelpOptions = true,
            description = "Append one event whose data is a JSON file, validated against its type's schema.")
    static final class Inject implements Callable<Integer> {
        @Option(names = "--type", required = true, description = "The event type (must have a schema).")
        String type;

        @Option(names = "--data", required = true, description = "The payload as @file.json.")
        String data;

        @Override
        public Integer call() {
            try (Database database = LocalDatabase.openForCommand(2)) {
                System.out.println(admin(database).inject(type, data).line());
                return 0;
            }
        }
    }
}
