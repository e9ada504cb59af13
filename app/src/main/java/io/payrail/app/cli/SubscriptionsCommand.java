package io.payrail.app.cli;

import io.payrail.app.LocalDatabase;
import io.payrail.app.Platform;
import io.payrail.bus.ReplayProgress;
import io.payrail.bus.SubscriptionAdmin;
import io.payrail.platform.Database;
import io.payrail.store.PostgresEventStore;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code payrail subscriptions list|replay}: where each subscription is, and moving one back. */
@Command(name = "subscriptions", mixinStandardHelpOptions = true, description = "List subscriptions or replay one.",
        subcommands = {SubscriptionsCommand.ListSubscriptions.class, SubscriptionsCommand.Replay.class})
public final class SubscriptionsCommand {
    /** How long the CLI follows a replay's progress before leaving it to run on. */
    static final Duration REPLAY_FOLLOW_MAX = Duration.ofHours(6);

    static SubscriptionAdmin admin(Database database) {
        return new SubscriptionAdmin(database.dataSource(), new PostgresEventStore(database.dataSource(), Platform.clock()),
                Platform.clock());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Each subscription's cursor, lag, epoch and parked count.")
    static final class ListSubscriptions implements Callable<Integer> {
        @Override
        public Integer call() {
            try (Database database = LocalDatabase.openForCommand(2)) {
                SubscriptionAdmin admin = admin(database);
                System.out.print(SubscriptionAdmin.format(admin.list()));
                return 0;
            }
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Move one subscription's cursor back to a position or a time; no other subscription moves.")
    static final class Replay implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--from", required = true, description = "A log position (a number) or an ISO-8601 time.")
        String from;

        @Option(names = "--rate", description = "At most this many events per second.")
        Integer rate;

        @Option(names = "--no-wait", description = "Start the replay and return without following its progress.")
        boolean noWait;

        @Override
        public Integer call() throws InterruptedException {
            try (Database database = LocalDatabase.openForCommand(2)) {
                SubscriptionAdmin admin = admin(database);
                ReplayProgress progress = admin.replay(name, from, rate);
                System.out.println(progress.line());
                if (!noWait && !progress.done()) {
                    admin.awaitReplay(name, progress.epoch(), REPLAY_FOLLOW_MAX, System.out);
                }
                return 0;
            }
        }
    }
}
