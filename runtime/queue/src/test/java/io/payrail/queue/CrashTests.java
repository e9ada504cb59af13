package io.payrail.queue;

import static io.payrail.queue.QueueTesting.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrashTests {
    @Test
    void a_sigkill_of_the_consumer_jvm_during_processing_loses_nothing() throws Exception {
        try (TestDatabase database = QueueTesting.database()) {
            int count = 200;
            Set<Long> sent = queueForTheChild(database, count);
            Path log = Files.createTempFile("crash-consumer", ".log");
            Process first = startChild(database, log, 1);
            awaitProcessed(database, count / 4, first);
            first.destroyForcibly().waitFor();
            long processedAtKill = QueueTesting.count(database, "SELECT count(*) FROM processed");
            assertThat(processedAtKill).as("killed mid-way").isLessThan(count);

            Process second = startChild(database, log, 2);
            try {
                awaitProcessed(database, count, second);
            } finally {
                second.destroyForcibly().waitFor();
            }
            assertThat(QueueTesting.count(database, "SELECT count(*) FROM processed")).isEqualTo(count);
            assertThat(QueueTesting.count(database, "SELECT count(DISTINCT message_id) FROM processed")).isEqualTo(count);
            assertThat(QueueTesting.count(database, "SELECT count(*) FROM processed WHERE message_id NOT IN ("
                    + String.join(",", sent.stream().map(String::valueOf).toList()) + ")")).isZero();
            assertThat(QueueTesting.count(database, "SELECT count(*) FROM queue_message")).isZero();
        }
    }

    @Test
    void a_sigkill_of_a_plain_consumer_loses_nothing_and_redelivers_what_it_had_not_yet_deleted() throws Exception {
        try (TestDatabase database = QueueTesting.database()) {
            int count = 200;
            Set<Long> sent = queueForTheChild(database, count);
            Path log = Files.createTempFile("crash-plain-consumer", ".log");
            Process first = startChild(database, log, 1, "plain");
            awaitProcessed(database, count / 4, first);
            first.destroyForcibly().waitFor();
            long handledAtKill = QueueTesting.count(database, "SELECT count(DISTINCT message_id) FROM processed");
            long deletedAtKill = count - QueueTesting.count(database, "SELECT count(*) FROM queue_message");
            assertThat(deletedAtKill).as("handled messages whose deletes had not committed are still queued")
                    .isLessThanOrEqualTo(handledAtKill);

            Process second = startChild(database, log, 2, "plain");
            try {
                awaitDistinctProcessed(database, count, second);
                awaitQueueEmpty(database, second);
            } finally {
                second.destroyForcibly().waitFor();
            }
            // At least once: every message handled, none lost; a message handled before the kill whose
            // delete had not yet ridden on a receive was handled again.
            assertThat(QueueTesting.count(database, "SELECT count(DISTINCT message_id) FROM processed")).isEqualTo(count);
            assertThat(QueueTesting.count(database, "SELECT count(*) FROM processed WHERE message_id NOT IN ("
                    + String.join(",", sent.stream().map(String::valueOf).toList()) + ")")).isZero();
        }
    }

    /** Defines the queue "crash", creates the child's table of processed messages and sends {@code count} messages. */
    private static Set<Long> queueForTheChild(TestDatabase database, int count) {
        Queues queues = QueueTesting.queues(database);
        new QueueAdmin(queues).define(QueueDefinition.standard("crash").withVisibilityTimeout(Duration.ofSeconds(1)));
        database.transactions().inTransaction(connection -> connection.createStatement()
                .execute("CREATE TABLE processed (message_id bigint NOT NULL)"));
        Set<Long> sent = new HashSet<>();
        for (int index = 0; index < count; index += 10) {
            List<OutgoingMessage> batch = new ArrayList<>();
            for (int offset = 0; offset < 10; offset++) {
                batch.add(message("tenant-" + offset % 4, "m" + (index + offset)));
            }
            queues.sendBatch("crash", batch).forEach(result -> sent.add(result.messageId()));
        }
        return sent;
    }

    private static void awaitDistinctProcessed(TestDatabase database, long atLeast, Process child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (QueueTesting.count(database, "SELECT count(DISTINCT message_id) FROM processed") < atLeast) {
            assertThat(child.isAlive()).as("child consumer JVM is running").isTrue();
            assertThat(System.nanoTime()).as("processed %d within 60 s", atLeast).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void awaitQueueEmpty(TestDatabase database, Process child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (QueueTesting.count(database, "SELECT count(*) FROM queue_message") > 0) {
            assertThat(child.isAlive()).as("child consumer JVM is running").isTrue();
            assertThat(System.nanoTime()).as("every delete committed within 60 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static Process startChild(TestDatabase database, Path log, int seed) throws Exception {
        return startChild(database, log, seed, "transactional");
    }

    private static Process startChild(TestDatabase database, Path log, int seed, String handler) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashConsumerMain.class.getName(),
                database.jdbcUrl(), "crash", Integer.toString(seed), handler)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString())))
                .start();
    }

    private static void awaitProcessed(TestDatabase database, long atLeast, Process child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (QueueTesting.count(database, "SELECT count(*) FROM processed") < atLeast) {
            assertThat(child.isAlive()).as("child consumer JVM is running").isTrue();
            assertThat(System.nanoTime()).as("processed %d within 60 s", atLeast).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
