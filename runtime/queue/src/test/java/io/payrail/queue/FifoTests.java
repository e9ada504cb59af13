package io.payrail.queue;

import static io.payrail.queue.QueueTesting.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FifoTests {
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
    void order_holds_per_group_under_concurrent_consumers_and_failures() throws Exception {
        admin.define(QueueDefinition.fifo("orders-dlq"));
        admin.define(QueueDefinition.fifo("orders").withDeadLetterQueue("orders-dlq", 3).withBackoff(Duration.ZERO, Duration.ZERO));
        int groups = 5;
        int perGroup = 20;
        for (int sequence = 0; sequence < perGroup; sequence++) {
            List<OutgoingMessage> batch = new ArrayList<>();
            for (int group = 0; group < groups; group++) {
                batch.add(message("tenant-" + group, Integer.toString(sequence)).inGroup("group-" + group));
            }
            queues.sendBatch("orders", batch);
        }
        // Sequence 5 of every group is poison (always fails); every multiple of 4 fails on its first receive.
        Map<String, List<Integer>> processed = new ConcurrentHashMap<>();
        Set<String> groupsInFlight = ConcurrentHashMap.newKeySet();
        AtomicInteger violations = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        int expected = groups * (perGroup - 1);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> consumers = new ArrayList<>();
            for (int consumer = 0; consumer < 4; consumer++) {
                consumers.add(executor.submit(() -> consume(processed, groupsInFlight, violations, finished, expected)));
            }
            for (Future<?> consumer : consumers) {
                consumer.get();
            }
        }
        assertThat(violations).as("two messages of one group in flight at once").hasValue(0);
        List<Integer> expectedOrder = new ArrayList<>();
        for (int sequence = 0; sequence < perGroup; sequence++) {
            if (sequence != 5) {
                expectedOrder.add(sequence);
            }
        }
        for (int group = 0; group < groups; group++) {
            assertThat(processed.get("group-" + group)).as("group-" + group).isEqualTo(expectedOrder);
        }
        assertThat(admin.deadLetters("orders-dlq", null, 10).letters()).hasSize(groups)
                .allSatisfy(letter -> assertThat(letter.attempts()).hasSize(3));
    }

    private static void consume(Map<String, List<Integer>> processed, Set<String> groupsInFlight, AtomicInteger violations,
            AtomicInteger finished, int expected) {
        long deadline = System.nanoTime() + QueueTesting.POLL_TIMEOUT.toNanos();
        while (finished.get() < expected && System.nanoTime() < deadline) {
            for (ReceivedMessage message : queues.receive("orders", 10)) {
                if (!groupsInFlight.add(message.messageGroup())) {
                    violations.incrementAndGet();
                }
                int sequence = Integer.parseInt(message.body());
                boolean fails = sequence == 5 || (sequence % 4 == 0 && message.receiveCount() == 1);
                if (!fails) {
                    processed.computeIfAbsent(message.messageGroup(), group -> new ArrayList<>()).add(sequence);
                    finished.incrementAndGet();
                }
                groupsInFlight.remove(message.messageGroup());
                if (fails) {
                    queues.fail(message.receiptHandle(), "sequence " + sequence + " failed");
                } else {
                    assertThat(queues.delete(message.receiptHandle())).isEqualTo(DeleteOutcome.DELETED);
                }
            }
        }
    }

    @Test
    void a_failing_message_blocks_only_its_own_group() {
        admin.define(QueueDefinition.fifo("blocking").withBackoff(Duration.ofHours(1), Duration.ofHours(1)));
        queues.sendBatch("blocking", List.of(message("t", "a1").inGroup("a"), message("t", "a2").inGroup("a"),
                message("t", "b1").inGroup("b"), message("t", "b2").inGroup("b")));
        List<ReceivedMessage> first = queues.receive("blocking", 10);
        assertThat(first).extracting(ReceivedMessage::body).containsExactly("a1", "b1");
        queues.fail(first.get(0).receiptHandle(), "a1 failed");
        queues.delete(first.get(1).receiptHandle());
        assertThat(queues.receive("blocking", 10)).extracting(ReceivedMessage::body).containsExactly("b2");
    }

    @Test
    void fifo_messages_need_a_group() {
        admin.define(QueueDefinition.fifo("grouped"));
        assertThatThrownBy(() -> queues.send("grouped", message("t", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FIFO queue 'grouped' needs a message group on every message");
    }
}
