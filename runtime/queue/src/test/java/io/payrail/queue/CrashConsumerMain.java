package io.payrail.queue;

import com.zaxxer.hikari.HikariDataSource;
import io.payrail.platform.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The child JVM of {@link CrashTests}: consumes queue {@code args[1]} and records each processed
 * message id in table {@code processed} in the transaction that deletes the message (with a fourth
 * argument {@code plain}: in its own commit, by a plain handler). Runs until killed.
 */
public final class CrashConsumerMain {
    private CrashConsumerMain() {}

    public static void main(String[] args) throws Exception {
        HikariDataSource dataSource = Database.pool(args[0], 8);
        Queues queues = new Queues(dataSource, new SplittableRandom(Long.parseLong(args[2])));
        ConsumerOptions options = ConsumerOptions.of(args[1], 4).withFallbackPoll(Duration.ofMillis(200));
        if (args.length > 3 && args[3].equals("plain")) {
            // A plain handler: its delete waits for the consumer's next receive, so a kill loses it.
            QueueConsumer.start(queues, options, message -> {
                try (Connection connection = dataSource.getConnection();
                        PreparedStatement insert = connection.prepareStatement("INSERT INTO processed VALUES (?)")) {
                    insert.setLong(1, message.messageId());
                    insert.executeUpdate();
                }
                Thread.sleep(2);
            });
        } else {
            QueueConsumer.startTransactional(queues, options, (transaction, message) -> {
                try (PreparedStatement insert = transaction.prepareStatement("INSERT INTO processed VALUES (?)")) {
                    insert.setLong(1, message.messageId());
                    insert.executeUpdate();
                }
                Thread.sleep(2);
            });
        }
        System.out.println("consuming " + args[1]);
        Thread.sleep(Long.MAX_VALUE);
    }
}
