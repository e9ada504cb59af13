package io.payrail.queue;

import static io.payrail.queue.QueueTesting.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FairnessTests {
    private static final int BACKLOG = 100_000;
    private static TestDatabase database;
    private static Queues queues;

    @BeforeAll
    static void setUp() {
        database = QueueTesting.database();
        queues = QueueTesting.queues(database);
        new QueueAdmin(queues).define(QueueDefinition.standard("shared"));
        database.transactions().inTransaction(connection -> connection.createStatement().executeUpdate("""
                INSERT INTO queue_message (queue_id, tenant_id, visible_at, sent_at, body)
                SELECT q.id, 'tenant-heavy', now() - interval '1 minute', now() - interval '1 minute', 'backlog ' || n
                FROM queue_definition q, generate_series(1, %d) AS n WHERE q.name = 'shared'
                """.formatted(BACKLOG)));
        database.transactions().inTransaction(connection -> connection.createStatement().execute("ANALYZE queue_message"));
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void another_tenants_message_is_received_by_the_next_receive_despite_a_deep_backlog() {
        List<Integer> heavyPerReceive = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            SendResult light = queues.send("shared", message("tenant-light", "light " + round));
            List<ReceivedMessage> received = queues.receive("shared", 10);
            assertThat(received).as("round %d", round).extracting(ReceivedMessage::messageId).contains(light.messageId());
            heavyPerReceive.add((int) received.stream().filter(message -> message.tenantId().equals("tenant-heavy")).count());
            queues.deleteBatch(received.stream().map(ReceivedMessage::receiptHandle).toList());
        }
        assertThat(heavyPerReceive).as("the heavy tenant keeps its share").allMatch(count -> count == 5);
        List<ReceivedMessage> alone = queues.receive("shared", 10);
        assertThat(alone).as("alone, the heavy tenant gets whole batches").hasSize(10)
                .allMatch(message -> message.tenantId().equals("tenant-heavy"));
    }

    @Test
    void many_tenants_each_get_a_turn_within_a_few_receives() {
        List<String> tenants = new ArrayList<>();
        for (int index = 0; index < 25; index++) {
            String tenant = "tenant-many-" + (char) ('a' + index);
            tenants.add(tenant);
            queues.send("shared", message(tenant, "one"));
        }
        List<String> served = new ArrayList<>();
        // 25 tenants plus the heavy one, at most 10 tenants a receive: three receives visit them all.
        for (int receive = 0; receive < 3; receive++) {
            for (ReceivedMessage message : queues.receive("shared", 10)) {
                served.add(message.tenantId());
                queues.delete(message.receiptHandle());
            }
        }
        assertThat(served).containsAll(tenants);
    }
}
