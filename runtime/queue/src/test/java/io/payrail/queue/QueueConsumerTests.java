package io.payrail.queue;

import static io.payrail.queue.QueueTesting.eventually;
import static io.payrail.queue.QueueTesting.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueueConsumerTests {
    private static TestDatabase database;
    private static Queues queues;
    private static QueueAdmin admin;

    @BeforeAll
    static void setUp() {
        database = QueueTesting.database();
        queues = QueueTesting.queues(database);
        admin = new QueueAdmin(queues);
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void consumer_concurrency_never_exceeds_its_maximum() throws Exception {
        admin.define(QueueDefinition.standard("bounded"));
        int count = 120;
        for (int index = 0; index < count; index += 10) {
            List<OutgoingMessage> batch = new ArrayList<>();
            for (int offset = 0; offset < 10; offset++) {
                batch.add(message("tenant-" + offset % 3, "m" + (index + offset)));
            }
            queues.sendBatch("bounded", batch);
        }
        AtomicInteger running = new AtomicInteger();
        AtomicInteger runningMax = new AtomicInteger();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (QueueConsumer consumer = QueueConsumer.start(queues, ConsumerOptions.of("bounded", 4), message -> {
            runningMax.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(5);
            handled.add(message.body());
            running.decrementAndGet();
        })) {
            eventually(() -> handled.size() == count ? List.of(true) : List.of());
            assertThat(consumer.inFlightMax()).isLessThanOrEqualTo(4);
        }
        assertThat(runningMax.get()).isBetween(1, 4);
        assertThat(queues.receive("bounded", 10)).isEmpty();
    }

    @Test
    void an_idle_consumer_does_not_poll_until_the_fallback_interval() throws Exception {
        admin.define(QueueDefinition.standard("idle"));
        try (QueueConsumer consumer = QueueConsumer.start(queues, ConsumerOptions.of("idle", 4)
                .withFallbackPoll(Duration.ofHours(1)), message -> {})) {
            // The listener rings once when it starts; the consumer lingers briefly after it, then sleeps.
            Thread.sleep(QueueLimits.CONSUMER_LINGER.toMillis() * 2);
            long afterLinger = consumer.receiveCalls();
            Thread.sleep(1_000);
            assertThat(consumer.receiveCalls() - afterLinger).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void a_send_wakes_an_idle_consumer_through_its_notification() throws Exception {
        admin.define(QueueDefinition.standard("woken"));
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (QueueConsumer consumer = QueueConsumer.start(queues, ConsumerOptions.of("woken", 2)
                .withFallbackPoll(Duration.ofHours(1)), message -> handled.add(message.body()))) {
            eventually(() -> consumer.receiveCalls() >= 2 ? List.of(true) : List.of());
            queues.send("woken", message("tenant-a", "wake up"));
            eventually(() -> List.copyOf(handled));
            assertThat(handled).containsExactly("wake up");
        }
    }

    @Test
    void a_failing_handler_is_retried_and_then_dead_lettered() throws Exception {
        admin.define(QueueDefinition.standard("flaky-dlq"));
        admin.define(QueueDefinition.standard("flaky").withDeadLetterQueue("flaky-dlq", 3)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)));
        queues.send("flaky", message("tenant-a", "recovers"));
        queues.send("flaky", message("tenant-a", "poison"));
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (QueueConsumer consumer = QueueConsumer.start(queues, ConsumerOptions.of("flaky", 2)
                .withFallbackPoll(Duration.ofMillis(50)), message -> {
            if (message.body().equals("poison") || message.receiveCount() < 3) {
                throw new IllegalStateException("cannot handle " + message.body() + " yet");
            }
            handled.add(message.body());
        })) {
            List<DeadLetter> letters = eventually(() -> admin.deadLetters("flaky-dlq", null, 10).letters());
            eventually(() -> List.copyOf(handled));
            assertThat(handled).containsExactly("recovers");
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.failureReason()).isEqualTo("IllegalStateException: cannot handle poison yet");
                assertThat(letter.attempts()).hasSize(3);
            });
            assertThat(consumer.failed()).isEqualTo(5);
        }
    }

    @Test
    void a_transactional_handler_commits_its_writes_with_the_delete() throws Exception {
        admin.define(QueueDefinition.standard("ledger-entries"));
        database.transactions().inTransaction(connection -> connection.createStatement()
                .execute("CREATE TABLE effect (message_id bigint, body text)"));
        queues.send("ledger-entries", message("tenant-a", "post"));
        queues.send("ledger-entries", message("tenant-a", "reject"));
        AtomicInteger attempts = new AtomicInteger();
        try (QueueConsumer consumer = QueueConsumer.startTransactional(queues, ConsumerOptions.of("ledger-entries", 2)
                .withFallbackPoll(Duration.ofMillis(50)), (transaction, message) -> {
            try (PreparedStatement insert = transaction.prepareStatement("INSERT INTO effect VALUES (?, ?)")) {
                insert.setLong(1, message.messageId());
                insert.setString(2, message.body());
                insert.executeUpdate();
            }
            if (message.body().equals("reject")) {
                attempts.incrementAndGet();
                throw new IllegalArgumentException("rejected");
            }
        })) {
            eventually(() -> consumer.succeeded() == 1 && attempts.get() >= 1 ? List.of(true) : List.of());
        }
        assertThat(QueueTesting.count(database, "SELECT count(*) FROM effect WHERE body = 'post'")).isEqualTo(1);
        assertThat(QueueTesting.count(database, "SELECT count(*) FROM effect WHERE body = 'reject'")).isZero();
    }
}
