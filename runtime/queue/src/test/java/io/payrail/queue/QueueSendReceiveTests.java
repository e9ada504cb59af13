package io.payrail.queue;

import static io.payrail.queue.QueueTesting.eventually;
import static io.payrail.queue.QueueTesting.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueueSendReceiveTests {
    private static TestDatabase database;
    private static Queues queues;

    @BeforeAll
    static void setUp() {
        database = QueueTesting.database();
        queues = QueueTesting.queues(database);
        QueueAdmin admin = new QueueAdmin(queues);
        for (String name : List.of("basic", "visibility", "stale", "dedup", "delay", "trace", "unit", "batch", "extend")) {
            admin.define(QueueDefinition.standard(name));
        }
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void a_sent_message_is_received_once_and_deleted_with_its_handle() {
        SendResult sent = queues.send("basic", message("tenant-a", "{\"n\":1}"));
        List<ReceivedMessage> received = queues.receive("basic", 10);
        assertThat(received).singleElement().satisfies(message -> {
            assertThat(message.messageId()).isEqualTo(sent.messageId());
            assertThat(message.body()).isEqualTo("{\"n\":1}");
            assertThat(message.receiveCount()).isEqualTo(1);
        });
        assertThat(queues.receive("basic", 10)).as("in flight, invisible").isEmpty();
        assertThat(queues.delete(received.getFirst().receiptHandle())).isEqualTo(DeleteOutcome.DELETED);
        assertThat(queues.delete(received.getFirst().receiptHandle())).isEqualTo(DeleteOutcome.STALE_RECEIPT);
    }

    @Test
    void an_expired_visibility_timeout_redelivers_the_message() throws InterruptedException {
        queues.send("visibility", message("tenant-a", "again"));
        ReceivedMessage first = queues.receive("visibility", 1, Duration.ofMillis(200)).getFirst();
        ReceivedMessage second = eventually(() -> queues.receive("visibility", 1, Duration.ofSeconds(30))).getFirst();
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(second.receiveCount()).isEqualTo(2);
    }

    @Test
    void a_stale_receipt_handle_does_not_delete_a_redelivery() throws InterruptedException {
        queues.send("stale", message("tenant-a", "x"));
        ReceivedMessage first = queues.receive("stale", 1, Duration.ofMillis(100)).getFirst();
        ReceivedMessage redelivery = eventually(() -> queues.receive("stale", 1, Duration.ofSeconds(30))).getFirst();
        assertThat(queues.delete(first.receiptHandle())).isEqualTo(DeleteOutcome.STALE_RECEIPT);
        assertThat(queues.changeVisibility(first.receiptHandle(), Duration.ZERO)).isEqualTo(VisibilityOutcome.STALE_RECEIPT);
        assertThat(queues.fail(first.receiptHandle(), "late")).isEqualTo(FailOutcome.STALE_RECEIPT);
        assertThat(queues.receive("stale", 1)).as("the redelivery is still in flight").isEmpty();
        assertThat(queues.delete(redelivery.receiptHandle())).isEqualTo(DeleteOutcome.DELETED);
    }

    @Test
    void a_deduplication_id_sends_once_within_the_window() {
        OutgoingMessage message = message("tenant-a", "pay invoice 7").withDeduplicationId("invoice-7");
        SendResult first = queues.send("dedup", message);
        SendResult second = queues.send("dedup", message);
        assertThat(first).isInstanceOf(SendResult.Sent.class);
        assertThat(second).isEqualTo(new SendResult.Duplicate(first.messageId()));
        assertThat(queues.receive("dedup", 10)).hasSize(1);
        assertThat(queues.send("dedup", message.withDeduplicationId("invoice-8"))).isInstanceOf(SendResult.Sent.class);
    }

    @Test
    void a_deduplication_id_is_accepted_again_after_its_window() throws Exception {
        QueueAdmin admin = new QueueAdmin(queues);
        admin.define(QueueDefinition.standard("dedup-short").withDeduplicationWindow(Duration.ofMillis(200)));
        OutgoingMessage message = message("tenant-a", "x").withDeduplicationId("once");
        SendResult first = queues.send("dedup-short", message);
        List<SendResult> later = eventually(() -> {
            SendResult again = queues.send("dedup-short", message);
            return again instanceof SendResult.Sent ? List.of(again) : List.of();
        });
        assertThat(later.getFirst().messageId()).isNotEqualTo(first.messageId());
    }

    @Test
    void a_delayed_message_is_not_received_before_its_delay() throws InterruptedException {
        SendResult sent = queues.send("delay", message("tenant-a", "later").withDelay(Duration.ofMillis(300)));
        assertThat(queues.receive("delay", 10)).isEmpty();
        ReceivedMessage received = eventually(() -> queues.receive("delay", 10)).getFirst();
        assertThat(received.messageId()).isEqualTo(sent.messageId());
    }

    @Test
    void trace_context_and_tenant_travel_with_the_message() {
        MessageTrace trace = new MessageTrace("trace-1", "correlation-1", "event-9");
        queues.send("trace", message("tenant-t", "x").withTrace(trace));
        ReceivedMessage received = queues.receive("trace", 1).getFirst();
        assertThat(received.trace()).isEqualTo(trace);
        assertThat(received.tenantId()).isEqualTo("tenant-t");
    }

    @Test
    void messages_sent_in_a_rolled_back_transaction_are_never_delivered() throws Exception {
        try (Connection transaction = database.dataSource().getConnection()) {
            transaction.setAutoCommit(false);
            try (Statement statement = transaction.createStatement()) {
                statement.execute("CREATE TEMP TABLE command_effect (id int)");
            }
            queues.send(transaction, "unit", message("tenant-a", "with the command"));
            transaction.rollback();
        }
        assertThat(queues.receive("unit", 10)).isEmpty();
        database.transactions().inTransaction(transaction -> queues.send(transaction, "unit", message("tenant-a", "committed")));
        assertThat(queues.receive("unit", 10)).extracting(ReceivedMessage::body).containsExactly("committed");
    }

    @Test
    void a_batch_is_limited_to_ten_and_a_receive_returns_at_most_ten() {
        List<OutgoingMessage> ten = IntStream.range(0, 10).mapToObj(i -> message("tenant-a", "m" + i)).toList();
        assertThat(queues.sendBatch("batch", ten)).hasSize(10).allMatch(result -> result instanceof SendResult.Sent);
        List<OutgoingMessage> eleven = IntStream.range(0, 11).mapToObj(i -> message("tenant-a", "m" + i)).toList();
        assertThatThrownBy(() -> queues.sendBatch("batch", eleven)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a batch holds 1 to 10 messages, got 11");
        assertThatThrownBy(() -> queues.receive("batch", 11)).hasMessage("a receive takes 1 to 10 messages, got 11");
        List<ReceivedMessage> received = queues.receive("batch", 10);
        assertThat(received).extracting(ReceivedMessage::body).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6",
                "m7", "m8", "m9");
        assertThat(queues.deleteBatch(received.stream().map(ReceivedMessage::receiptHandle).toList()))
                .containsOnly(DeleteOutcome.DELETED);
    }

    @Test
    void a_visibility_change_extends_or_ends_the_invisibility() throws InterruptedException {
        queues.send("extend", message("tenant-a", "x"));
        ReceivedMessage received = queues.receive("extend", 1, Duration.ofSeconds(30)).getFirst();
        assertThat(queues.changeVisibility(received.receiptHandle(), Duration.ZERO)).isEqualTo(VisibilityOutcome.CHANGED);
        ReceivedMessage again = eventually(() -> queues.receive("extend", 1)).getFirst();
        assertThat(again.receiveCount()).isEqualTo(2);
    }

    @Test
    void bad_input_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> queues.send("missing", message("tenant-a", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("queue 'missing' does not exist");
        assertThatThrownBy(() -> message("tenant-a", "x".repeat(QueueLimits.PAYLOAD_BYTES_MAX + 1)))
                .hasMessage("message body is 262145 bytes, more than the limit of 262144 bytes");
        assertThatThrownBy(() -> message("tenant a", "x")).hasMessageContaining("tenantId must be 1 to 128 printable ASCII");
        assertThatThrownBy(() -> queues.send("basic", message("tenant-a", "x").inGroup("g")))
                .hasMessage("standard queue 'basic' takes no message group");
        assertThatThrownBy(() -> message("tenant-a", "x").withDelay(Duration.ofMinutes(16)))
                .hasMessage("delay must be between 0 and PT15M, got PT16M");
        assertThatThrownBy(() -> ReceiptHandle.parse("12-x")).hasMessage("receipt handle must look like id.count.token, got '12-x'");
    }

    @Test
    void messages_past_their_retention_are_removed_by_the_sweep() {
        QueueAdmin admin = new QueueAdmin(queues);
        admin.define(QueueDefinition.standard("retained").withRetention(Duration.ofMinutes(10)));
        SendResult old = queues.send("retained", message("tenant-a", "old"));
        SendResult fresh = queues.send("retained", message("tenant-a", "fresh"));
        database.transactions().inTransaction(connection -> connection.createStatement().executeUpdate(
                "UPDATE queue_message SET sent_at = now() - interval '11 minutes' WHERE id = " + old.messageId()));
        assertThat(admin.removeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(queues.receive("retained", 10)).extracting(ReceivedMessage::messageId).containsExactly(fresh.messageId());
    }

    @Test
    void a_payload_of_exactly_the_limit_is_accepted() {
        String body = "é".repeat(QueueLimits.PAYLOAD_BYTES_MAX / 2);
        queues.send("basic", message("tenant-big", body));
        List<ReceivedMessage> received = queues.receive("basic", 10);
        assertThat(received).extracting(ReceivedMessage::body).contains(body);
        queues.deleteBatch(received.stream().map(ReceivedMessage::receiptHandle).toList());
    }
}
