package io.payrail.queue;

import static io.payrail.queue.QueueTesting.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Concurrent calls share statements (group commit); each caller still gets exactly its own outcome. */
class GroupCommitTests {
    private static final int CALLERS = 200;
    private static TestDatabase database;
    private static Queues queues;

    @BeforeAll
    static void setUp() {
        database = QueueTesting.database();
        queues = QueueTesting.queues(database);
        QueueAdmin admin = new QueueAdmin(queues);
        admin.define(QueueDefinition.standard("sends"));
        admin.define(QueueDefinition.standard("receives"));
        admin.define(QueueDefinition.standard("deletes"));
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void concurrent_single_sends_each_get_the_id_of_their_own_message() throws Exception {
        Map<Long, String> bodyById = new ConcurrentHashMap<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int index = 0; index < CALLERS; index++) {
                String body = "body " + index;
                callers.execute(() -> bodyById.put(queues.send("sends", message("tenant-" + body.length(), body)).messageId(), body));
            }
        }
        assertThat(bodyById).hasSize(CALLERS);
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT body FROM queue_message WHERE id = ?")) {
            for (var sent : bodyById.entrySet()) {
                statement.setLong(1, sent.getKey());
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).as("message %d is stored", sent.getKey()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo(sent.getValue());
                }
            }
        }
    }

    @Test
    void a_message_the_database_refuses_fails_only_its_own_send() throws Exception {
        List<Future<SendResult>> good = new ArrayList<>();
        Future<SendResult> refused;
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int index = 0; index < 50; index++) {
                String body = "fine " + index;
                good.add(callers.submit(() -> queues.send("sends", message("tenant-x", body))));
            }
            // PostgreSQL text cannot hold a NUL character: the shared insert fails, then each send runs alone.
            refused = callers.submit(() -> queues.send("sends", message("tenant-x", "nul \u0000 inside")));
        }
        for (Future<SendResult> send : good) {
            assertThat(send.get()).isInstanceOf(SendResult.Sent.class);
        }
        assertThat(refused.state()).isEqualTo(Future.State.FAILED);
        assertThat(refused.exceptionNow()).hasMessageContaining("could not run send to sends");
        assertThat(QueueTesting.count(database, "SELECT count(*) FROM queue_message WHERE body LIKE 'nul%'")).isZero();
    }

    @Test
    void concurrent_receives_never_deliver_a_message_to_two_callers() throws Exception {
        int messages = 300;
        for (int first = 0; first < messages; first += 10) {
            List<OutgoingMessage> batch = new ArrayList<>();
            for (int index = first; index < first + 10; index++) {
                batch.add(message("tenant-" + index % 7, "m " + index));
            }
            queues.sendBatch("receives", batch);
        }
        Map<Long, Integer> timesReceived = new ConcurrentHashMap<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int caller = 0; caller < 30; caller++) {
                int asking = 1 + caller % 10;
                callers.execute(() -> {
                    List<ReceivedMessage> received;
                    while (!(received = queues.receive("receives", asking, Duration.ofMinutes(5))).isEmpty()) {
                        assertThat(received).hasSizeLessThanOrEqualTo(asking);
                        received.forEach(message -> timesReceived.merge(message.messageId(), 1, Integer::sum));
                    }
                });
            }
        }
        assertThat(timesReceived).hasSize(messages);
        assertThat(timesReceived.values()).allMatch(times -> times == 1);
    }

    @Test
    void a_stale_handle_deleted_together_with_the_current_one_is_reported_stale() throws InterruptedException {
        queues.send("deletes", message("tenant-d", "twice received"));
        ReceiptHandle stale = queues.receive("deletes", 1, Duration.ZERO).getFirst().receiptHandle();
        ReceiptHandle current = QueueTesting.eventually(() -> queues.receive("deletes", 1)).getFirst().receiptHandle();
        assertThat(current.messageId()).isEqualTo(stale.messageId());
        assertThat(queues.deleteBatch(List.of(stale, current))).containsExactly(DeleteOutcome.STALE_RECEIPT, DeleteOutcome.DELETED);
        assertThat(queues.delete(current)).isEqualTo(DeleteOutcome.STALE_RECEIPT);
    }
}
