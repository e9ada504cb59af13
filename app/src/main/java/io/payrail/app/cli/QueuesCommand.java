package io.payrail.app.cli;

import io.payrail.app.LocalDatabase;
import io.payrail.app.Platform;
import io.payrail.platform.Database;
import io.payrail.queue.QueueAdmin;
import io.payrail.queue.Queues;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code payrail queues list}: depth, oldest message age, in flight and DLQ depth of every queue. */
@Command(name = "queues", mixinStandardHelpOptions = true, description = "Look at the queues.",
        subcommands = {QueuesCommand.ListQueues.class})
public final class QueuesCommand {

    static QueueAdmin admin(Database database) {
        return new QueueAdmin(new Queues(database.dataSource(), Platform.random()));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every queue with its depth, oldest age, in flight and DLQ depth.")
    static final class ListQueues implements Callable<Integer> {
        @Override
        public Integer call() {
            try (Database database = LocalDatabase.openForCommand(2)) {
                System.out.print(QueueAdmin.format(admin(database).listQueues()));
                return 0;
            }
        }
    }
}
