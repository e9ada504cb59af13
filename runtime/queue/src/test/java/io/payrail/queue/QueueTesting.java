package io.payrail.queue;

import io.payrail.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** Shared helpers for the queue tests. */
final class QueueTesting {
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(20);

    private QueueTesting() {}

    static TestDatabase database() {
        return TestDatabase.create("platform", "queue");
    }

    static Queues queues(TestDatabase database) {
        return new Queues(database.dataSource(), new SplittableRandom(42));
    }

    static OutgoingMessage message(String tenant, String body) {
        return new OutgoingMessage(tenant, body, null, null, Duration.ZERO, MessageTrace.NONE);
    }

    /** Polls {@code attempt} until it returns a non-empty list, failing after {@link #POLL_TIMEOUT}. */
    static <T> List<T> eventually(Supplier<List<T>> attempt) throws InterruptedException {
        long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
        while (true) {
            List<T> result = attempt.get();
            if (!result.isEmpty()) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing arrived within " + POLL_TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    static long count(TestDatabase database, String sql) {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
