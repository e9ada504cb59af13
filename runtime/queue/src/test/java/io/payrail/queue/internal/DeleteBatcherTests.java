package io.payrail.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import io.payrail.queue.OutgoingMessage;
import io.payrail.queue.QueueAdmin;
import io.payrail.queue.QueueDefinition;
import io.payrail.queue.Queues;
import io.payrail.queue.ReceiptHandle;
import io.payrail.queue.ReceivedMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A consumer's deletes: they ride on its next receive, and go on their own only when no receive takes them. */
class DeleteBatcherTests {
    private static final Duration LONG_RIDE = Duration.ofMinutes(5);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(20);
    private static TestDatabase database;
    private static Queues queues;

    @BeforeAll
    static void setUp() {
        database = TestDatabase.create("platform", "queue");
        queues = new Queues(database.dataSource(), new SplittableRandom(3));
        new QueueAdmin(queues).define(QueueDefinition.standard("batcher"));
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void a_finished_message_waits_for_the_next_receive_to_carry_its_delete() throws Exception {
        ReceivedMessage message = sendAndReceive();
        try (DeleteBatcher batcher = new DeleteBatcher(queues, "ride", LONG_RIDE, System::nanoTime)) {
            batcher.add(message.receiptHandle());
            assertThat(batcher.takeForReceive()).containsExactly(message.receiptHandle());
            assertThat(batcher.takeForReceive()).as("taken once").isEmpty();
            assertThat(exists(message.messageId())).as("left to the receive that took it").isTrue();
        }
        assertThat(exists(message.messageId())).as("closing had nothing left to delete").isTrue();
        queues.delete(message.receiptHandle());
    }

    @Test
    void a_finished_message_that_no_receive_takes_is_deleted_on_its_own_after_the_ride_wait() throws Exception {
        ReceivedMessage message = sendAndReceive();
        try (DeleteBatcher batcher = new DeleteBatcher(queues, "alone", Duration.ZERO, System::nanoTime)) {
            batcher.add(message.receiptHandle());
            awaitGone(message.messageId());
        }
    }

    @Test
    void deletes_given_back_by_a_failed_receive_are_deleted_by_the_flusher() throws Exception {
        ReceivedMessage message = sendAndReceive();
        try (DeleteBatcher batcher = new DeleteBatcher(queues, "back", Duration.ZERO, System::nanoTime)) {
            batcher.giveBack(List.of(message.receiptHandle()));
            awaitGone(message.messageId());
        }
    }

    @Test
    void closing_deletes_everything_still_pending_at_once() throws Exception {
        ReceivedMessage first = sendAndReceive();
        ReceivedMessage second = sendAndReceive();
        DeleteBatcher batcher = new DeleteBatcher(queues, "close", LONG_RIDE, System::nanoTime);
        batcher.add(first.receiptHandle());
        batcher.add(second.receiptHandle());
        batcher.close();
        assertThat(exists(first.messageId())).isFalse();
        assertThat(exists(second.messageId())).isFalse();
    }

    @Test
    void a_stale_handle_left_to_the_flusher_deletes_nothing() throws Exception {
        ReceivedMessage message = sendAndReceive();
        ReceiptHandle current = message.receiptHandle();
        DeleteBatcher batcher = new DeleteBatcher(queues, "stale", LONG_RIDE, System::nanoTime);
        batcher.add(new ReceiptHandle(current.messageId(), current.receiveCount(), current.token() + 1));
        batcher.close();
        assertThat(exists(message.messageId())).isTrue();
        queues.delete(current);
    }

    private static ReceivedMessage sendAndReceive() {
        queues.send("batcher", OutgoingMessage.of("tenant-a", "body"));
        return queues.receive("batcher", 1).getFirst();
    }

    private static void awaitGone(long id) throws Exception {
        long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
        while (exists(id)) {
            assertThat(System.nanoTime()).as("message %d deleted within %s", id, POLL_TIMEOUT).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static boolean exists(long id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM queue_message WHERE id = " + id)) {
            rows.next();
            return rows.getLong(1) == 1;
        }
    }
}
