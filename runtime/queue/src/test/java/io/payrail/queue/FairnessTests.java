package io.payrail.queue;

import static io.payrail.queue.QueueTesting.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
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
        new QueueAdmin(queues).define(QueueDefinition.standard("cached"));
        new QueueAdmin(queues).define(QueueDefinition.standard("rediscover"));
        insertBacklog("shared", BACKLOG);
        insertBacklog("cached", 1_000);
        database.transactions().inTransaction(connection -> connection.createStatement().execute("ANALYZE queue_message"));
    }

    private static void insertBacklog(String queue, int messages) {
        database.transactions().inTransaction(connection -> connection.createStatement().executeUpdate("""
                INSERT INTO queue_message (queue_id, tenant_id, visible_at, sent_at, body)
                SELECT q.id, 'tenant-heavy', now() - interval '1 minute', now() - interval '1 minute', 'backlog ' || n
                FROM queue_definition q, generate_series(1, %d) AS n WHERE q.name = '%s'
                """.formatted(messages, queue)));
    }

    /** A Queues whose ready-tenant list lasts {@code refresh} of the time {@code ticker} tells. */
    private static Queues queuesWithTenantRefresh(Duration refresh, AtomicLong ticker) {
        return new Queues(database.dataSource(), new SplittableRandom(3), refresh, ticker::get);
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void looking_up_tenants_on_every_receive_another_tenants_message_is_received_by_the_next_receive_despite_a_deep_backlog() {
        Queues queues = queuesWithTenantRefresh(Duration.ZERO, new AtomicLong());
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
    void with_the_cached_tenant_list_a_new_tenant_is_served_by_the_first_receive_after_the_refresh_interval() {
        AtomicLong ticker = new AtomicLong();
        Duration refresh = QueueLimits.TENANT_REFRESH_INTERVAL;
        Queues queues = queuesWithTenantRefresh(refresh, ticker);
        List<ReceivedMessage> first = queues.receive("cached", 10);
        assertThat(first).hasSize(10).allMatch(message -> message.tenantId().equals("tenant-heavy"));
        SendResult light = queues.send("cached", message("tenant-light", "light"));

        List<ReceivedMessage> beforeRefresh = queues.receive("cached", 10);
        assertThat(beforeRefresh).as("the list found before the light tenant sent is still in use")
                .hasSize(10).allMatch(message -> message.tenantId().equals("tenant-heavy"));

        ticker.addAndGet(refresh.toNanos());
        List<ReceivedMessage> afterRefresh = queues.receive("cached", 10);
        assertThat(afterRefresh).extracting(ReceivedMessage::messageId).contains(light.messageId());
        assertThat(afterRefresh).filteredOn(message -> message.tenantId().equals("tenant-heavy")).hasSize(5);
    }

    @Test
    void a_receive_that_finds_nothing_among_the_cached_tenants_looks_again_at_once() {
        Queues queues = queuesWithTenantRefresh(Duration.ofDays(1), new AtomicLong());
        for (int index = 0; index < 10; index++) {
            queues.send("rediscover", message("tenant-a", "a " + index));
        }
        assertThat(queues.receive("rediscover", 10)).hasSize(10).allMatch(message -> message.tenantId().equals("tenant-a"));
        SendResult late = queues.send("rediscover", message("tenant-b", "b"));
        // The cached list holds only tenant-a, which has nothing left: the receive looks again at once
        // instead of coming back empty until the (here day-long) refresh interval has passed.
        assertThat(queues.receive("rediscover", 10)).extracting(ReceivedMessage::messageId).containsExactly(late.messageId());
        assertThat(queues.receive("rediscover", 10)).isEmpty();
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
