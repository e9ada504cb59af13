package io.payrail.app.cli;

import io.payrail.app.LocalDatabase;
import io.payrail.platform.Database;
import io.payrail.queue.QueueAdmin;
import io.payrail.queue.QueueLimits;
import io.payrail.queue.RedriveRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code payrail dlq list|redrive QUEUE}: dead letters, and sending them back. */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Look at a dead-letter queue or redrive it.",
        subcommands = {DlqCommand.ListDeadLetters.class, DlqCommand.Redrive.class})
public final class DlqCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "A page of dead letters with their failure reasons.")
    static final class ListDeadLetters implements Callable<Integer> {
        @Parameters(paramLabel = "QUEUE", description = "The dead-letter queue.")
        String queue;

        @Option(names = "--cursor", description = "Continue after this cursor (printed at the end of a page).")
        String cursor;

        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Override
        public Integer call() {
            try (Database database = LocalDatabase.openForCommand(2)) {
                System.out.print(QueueAdmin.format(QueuesCommand.admin(database).deadLetters(queue, cursor, limit)));
                return 0;
            }
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = "Move dead letters back to their source queue (or --to QUEUE) at a rate cap.")
    static final class Redrive implements Callable<Integer> {
        @Parameters(paramLabel = "QUEUE", description = "The dead-letter queue.")
        String queue;

        @Option(names = "--to", description = "Send them to this queue instead of where each came from.")
        String to;

        @Option(names = "--rate", description = "At most this many messages per second.")
        Integer rate;

        @Override
        public Integer call() {
            try (Database database = LocalDatabase.openForCommand(2)) {
                RedriveRequest request = new RedriveRequest(queue, to, rate == null ? QueueLimits.REDRIVE_RATE_DEFAULT : rate);
                System.out.println(QueueAdmin.format(QueuesCommand.admin(database).redrive(request, System.out)));
                return 0;
            }
        }
    }
}
