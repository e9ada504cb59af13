package io.payrail.app.cli;

import io.payrail.app.LocalDatabase;
import io.payrail.bus.SubscriptionAdmin;
import io.payrail.platform.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code payrail parked list|redrive}: events a subscription gave up on, and sending them again. */
@Command(name = "parked", mixinStandardHelpOptions = true, description = "List or redrive parked events.",
        subcommands = {ParkedCommand.ListParked.class, ParkedCommand.Redrive.class})
public final class ParkedCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Parked events by subscription and position.")
    static final class ListParked implements Callable<Integer> {
        @Option(names = "--subscription", description = "Only this subscription's.")
        String subscription;

        @Option(names = "--after", defaultValue = "0", description = "Page: positions after this one.")
        long after;

        @Option(names = "--limit", defaultValue = "100", description = "Page size (at most " + SubscriptionAdmin.LIST_ROWS_MAX + ").")
        int limit;

        @Override
        public Integer call() {
            try (Database database = LocalDatabase.openForCommand(2)) {
                System.out.print(SubscriptionAdmin.formatParked(SubscriptionsCommand.admin(database).parked(subscription, after, limit)));
                return 0;
            }
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = "Deliver a subscription's parked events again, in order, and release their keys.")
    static final class Redrive implements Callable<Integer> {
        @Option(names = "--subscription", required = true)
        String subscription;

        @Option(names = "--key", description = "Only the events of this partition key.")
        String key;

        @Override
        public Integer call() {
            try (Database database = LocalDatabase.openForCommand(2)) {
                int requested = SubscriptionsCommand.admin(database).redrive(subscription, key);
                System.out.println("redrive requested for " + requested + " parked event(s) of " + subscription);
                return 0;
            }
        }
    }
}
