package io.payrail.queue;

import static io.payrail.queue.QueueTesting.eventually;
import static io.payrail.queue.QueueTesting.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deletes that ride on the next receive: one statement and one commit, the same outcomes as a delete of their own. */
class DeleteAndReceiveTests {
    private static TestDatabase database;
    private static Queues queues;

    @BeforeAll
    static void setUp() {
        database = QueueTesting.database();
        queues = QueueTesting.queues(database);
        QueueAdmin admin = new QueueAdmin(queues);
        for (String name : List.of("cycle", "stale", "expired", "empty", "limits", "fifo-cycle.fifo", "concurrent")) {
            admin.define(name.endsWith(".fifo") ? QueueDefinition.fifo(name) : QueueDefinition.standard(name));
        }
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void a_receive_deletes_the_previous_batch_and_brings_the_next() {
        List<Long> sent = queues.sendBatch("cycle", List.of(message("tenant-a", "1"), message("tenant-a", "2"),
                message("tenant-a", "3"))).stream().map(SendResult::messageId).toList();
        List<ReceivedMessage> first = queues.receive("cycle", 2);
        assertThat(first).extracting(ReceivedMessage::messageId).containsExactly(sent.get(0), sent.get(1));

        ReceiveResult next = queues.deleteAndReceive("cycle", handles(first), 10, null);
        assertThat(next.deleteOutcomes()).containsExactly(DeleteOutcome.DELETED, DeleteOutcome.DELETED);
        assertThat(next.messages()).extracting(ReceivedMessage::messageId).containsExactly(sent.get(2));
        assertThat(queues.delete(first.getFirst().receiptHandle())).as("already deleted").isEqualTo(DeleteOutcome.STALE_RECEIPT);
        assertThat(QueueTesting.count(database, "SELECT count(*) FROM queue_message WHERE id IN (%d, %d)"
                .formatted(sent.get(0), sent.get(1)))).isZero();
    }

    @Test
    void a_stale_handle_riding_on_a_receive_does_not_delete_the_redelivery() throws InterruptedException {
        queues.send("stale", message("tenant-a", "x"));
        ReceivedMessage first = queues.receive("stale", 1, Duration.ofMillis(100)).getFirst();
        ReceivedMessage redelivery = eventually(() -> queues.receive("stale", 1, Duration.ofSeconds(30))).getFirst();

        ReceiveResult result = queues.deleteAndReceive("stale", List.of(first.receiptHandle()), 10, null);
        assertThat(result.deleteOutcomes()).containsExactly(DeleteOutcome.STALE_RECEIPT);
        assertThat(result.messages()).as("the redelivery is in flight, not received again").isEmpty();
        assertThat(QueueTesting.count(database, "SELECT count(*) FROM queue_message WHERE id = " + redelivery.messageId()))
                .isEqualTo(1);
        assertThat(queues.deleteAndReceive("stale", List.of(redelivery.receiptHandle()), 1, null).deleteOutcomes())
                .containsExactly(DeleteOutcome.DELETED);
    }

    @Test
    void a_current_handle_of_an_expired_message_deletes_it_and_the_same_receive_does_not_deliver_it()
            throws InterruptedException {
        long id = queues.send("expired", message("tenant-a", "late")).messageId();
        ReceivedMessage received = queues.receive("expired", 1, Duration.ofMillis(50)).getFirst();
        Thread.sleep(100);

        ReceiveResult result = queues.deleteAndReceive("expired", List.of(received.receiptHandle()), 10, null);
        assertThat(result.deleteOutcomes()).containsExactly(DeleteOutcome.DELETED);
        assertThat(result.messages()).as("deleted, so not delivered by the statement that deleted it").isEmpty();
        assertThat(QueueTesting.count(database, "SELECT count(*) FROM queue_message WHERE id = " + id)).isZero();
    }

    @Test
    void deletes_commit_even_when_there_is_nothing_to_receive() {
        queues.send("empty", message("tenant-a", "only"));
        ReceivedMessage received = queues.receive("empty", 1).getFirst();

        ReceiveResult result = queues.deleteAndReceive("empty", List.of(received.receiptHandle()), 10, null);
        assertThat(result.messages()).isEmpty();
        assertThat(result.deleteOutcomes()).containsExactly(DeleteOutcome.DELETED);
        assertThat(QueueTesting.count(database, "SELECT count(*) FROM queue_message WHERE id = " + received.messageId())).isZero();
    }

    @Test
    void a_fifo_receive_deletes_the_group_head_and_the_next_receive_brings_the_next_message_of_the_group() {
        List<Long> sent = queues.sendBatch("fifo-cycle.fifo", List.of(
                message("tenant-a", "1").inGroup("g"), message("tenant-a", "2").inGroup("g")))
                .stream().map(SendResult::messageId).toList();
        ReceivedMessage head = queues.receive("fifo-cycle.fifo", 10).getFirst();
        assertThat(head.messageId()).isEqualTo(sent.get(0));

        ReceiveResult result = queues.deleteAndReceive("fifo-cycle.fifo", List.of(head.receiptHandle()), 10, null);
        assertThat(result.deleteOutcomes()).containsExactly(DeleteOutcome.DELETED);
        // The statement still sees the deleted head, so the group's next message waits for the next receive.
        List<ReceivedMessage> next = result.messages().isEmpty() ? queues.receive("fifo-cycle.fifo", 10) : result.messages();
        assertThat(next).extracting(ReceivedMessage::messageId).containsExactly(sent.get(1));
    }

    @Test
    void concurrent_receives_each_learn_the_outcome_of_exactly_their_own_handles() throws Exception {
        int callers = 50;
        List<OutgoingMessage> batch = new ArrayList<>();
        for (int index = 0; index < 10; index++) {
            batch.add(message("tenant-" + index % 3, "m" + index));
        }
        for (int round = 0; round < callers * 2 / 10; round++) {
            queues.sendBatch("concurrent", batch);
        }
        List<ReceivedMessage> held = new ArrayList<>();
        for (int caller = 0; caller < callers; caller++) {
            held.add(queues.receive("concurrent", 1).getFirst());
        }
        Map<Long, List<DeleteOutcome>> outcomes = new ConcurrentHashMap<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ReceivedMessage message : held) {
                // Every other caller also sends a stale twin of its handle: only the current one deletes.
                ReceiptHandle current = message.receiptHandle();
                ReceiptHandle stale = new ReceiptHandle(current.messageId(), current.receiveCount(), current.token() + 1);
                List<ReceiptHandle> handles = message.messageId() % 2 == 0 ? List.of(stale, current) : List.of(current);
                executor.execute(() -> outcomes.put(message.messageId(),
                        queues.deleteAndReceive("concurrent", handles, 1, null).deleteOutcomes()));
            }
        }
        for (ReceivedMessage message : held) {
            List<DeleteOutcome> expected = message.messageId() % 2 == 0
                    ? List.of(DeleteOutcome.STALE_RECEIPT, DeleteOutcome.DELETED) : List.of(DeleteOutcome.DELETED);
            assertThat(outcomes.get(message.messageId())).as("outcomes of message %d", message.messageId()).isEqualTo(expected);
        }
        String ids = String.join(",", held.stream().map(message -> Long.toString(message.messageId())).toList());
        assertThat(QueueTesting.count(database, "SELECT count(*) FROM queue_message WHERE id IN (" + ids + ")")).isZero();
    }

    @Test
    void too_many_handles_are_refused_before_anything_is_deleted_or_received() {
        queues.send("limits", message("tenant-a", "kept"));
        ReceivedMessage received = queues.receive("limits", 1).getFirst();
        List<ReceiptHandle> tooMany = new ArrayList<>();
        for (int index = 0; index <= QueueLimits.DELETE_BATCH_MAX; index++) {
            tooMany.add(received.receiptHandle());
        }
        assertThatThrownBy(() -> queues.deleteAndReceive("limits", tooMany, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1000 handles, got 1001");
        assertThatThrownBy(() -> queues.deleteAndReceive("limits", List.of(received.receiptHandle()), 11, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 10 messages, got 11");
        assertThatThrownBy(() -> queues.deleteAndReceive("no-such-queue", List.of(received.receiptHandle()), 1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(QueueTesting.count(database, "SELECT count(*) FROM queue_message WHERE id = " + received.messageId()))
                .as("nothing deleted").isEqualTo(1);
    }

    private static List<ReceiptHandle> handles(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::receiptHandle).toList();
    }
}
