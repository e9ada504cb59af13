package io.payrail.queue;

import static io.payrail.queue.QueueTesting.eventually;
import static io.payrail.queue.QueueTesting.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeadLetterTests {
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

    private static void defineWithDeadLetters(String name, int maxReceiveCount) {
        admin.define(QueueDefinition.standard(name + "-dlq"));
        admin.define(QueueDefinition.standard(name).withDeadLetterQueue(name + "-dlq", maxReceiveCount)
                .withBackoff(Duration.ZERO, Duration.ZERO));
    }

    @Test
    void the_dead_letter_queue_receives_a_message_after_max_receives_with_its_reason_and_attempt_history() throws Exception {
        defineWithDeadLetters("payments", 3);
        SendResult sent = queues.send("payments", message("tenant-a", "pay"));
        List<FailOutcome> outcomes = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            ReceivedMessage received = eventually(() -> queues.receive("payments", 1)).getFirst();
            assertThat(received.receiveCount()).isEqualTo(attempt);
            outcomes.add(queues.fail(received.receiptHandle(), "bank timeout " + attempt));
        }
        assertThat(outcomes).containsExactly(FailOutcome.RETRY_SCHEDULED, FailOutcome.RETRY_SCHEDULED, FailOutcome.DEAD_LETTERED);
        assertThat(queues.receive("payments", 10)).isEmpty();

        DeadLetterPage page = admin.deadLetters("payments-dlq", null, 10);
        assertThat(page.letters()).singleElement().satisfies(letter -> {
            assertThat(letter.messageId()).isEqualTo(sent.messageId());
            assertThat(letter.sourceQueue()).isEqualTo("payments");
            assertThat(letter.failureReason()).isEqualTo("bank timeout 3");
            assertThat(letter.attempts()).extracting(AttemptRecord::attempt).containsExactly(1, 2, 3);
            assertThat(letter.attempts()).extracting(AttemptRecord::error)
                    .containsExactly("bank timeout 1", "bank timeout 2", "bank timeout 3");
            assertThat(letter.attempts()).allSatisfy(attempt -> assertThat(attempt.at()).isAfterOrEqualTo(letter.sentAt()));
        });
        assertThat(queues.receive("payments-dlq", 10)).extracting(ReceivedMessage::body).containsExactly("pay");
    }

    @Test
    void a_message_whose_visibility_keeps_expiring_is_dead_lettered_on_the_receive_after_the_last() throws Exception {
        defineWithDeadLetters("expiring", 2);
        queues.send("expiring", message("tenant-a", "slow"));
        queues.receive("expiring", 1, Duration.ofMillis(50));
        eventually(() -> queues.receive("expiring", 1, Duration.ofMillis(50)));
        List<DeadLetter> letters = eventually(() -> {
            queues.receive("expiring", 1, Duration.ofMillis(50));
            return admin.deadLetters("expiring-dlq", null, 10).letters();
        });
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.failureReason()).isEqualTo("received 2 times (maxReceiveCount 2), last visibility timeout expired");
            assertThat(letter.attempts()).extracting(AttemptRecord::error)
                    .containsExactly("visibility timeout expired", "visibility timeout expired");
        });
    }

    @Test
    void a_failure_before_the_last_receive_waits_out_the_backoff() {
        admin.define(QueueDefinition.standard("backoff").withBackoff(Duration.ofHours(1), Duration.ofHours(1)));
        queues.send("backoff", message("tenant-a", "x"));
        ReceivedMessage received = queues.receive("backoff", 1).getFirst();
        assertThat(queues.fail(received.receiptHandle(), "boom")).isEqualTo(FailOutcome.RETRY_SCHEDULED);
        long waitSeconds = QueueTesting.count(database, "SELECT extract(epoch FROM visible_at - now())::bigint FROM queue_message"
                + " WHERE id = " + received.messageId());
        assertThat(waitSeconds).isBetween(0L, 3600L);
        assertThat(queues.receive("backoff", 1)).isEmpty();
    }

    @Test
    void a_redrive_returns_each_message_exactly_once_while_consumers_run() throws Exception {
        defineWithDeadLetters("redrive", 1);
        int count = 60;
        Set<Long> sent = new HashSet<>();
        for (int index = 0; index < count; index++) {
            sent.add(queues.send("redrive", message("tenant-" + index % 3, "m" + index)).messageId());
        }
        deadLetterEverything("redrive", count);
        admin.define(QueueDefinition.standard("redrive").withDeadLetterQueue("redrive-dlq", 5));

        Set<Long> received = ConcurrentHashMap.newKeySet();
        List<Long> duplicates = new ArrayList<>();
        AtomicReference<RedriveResult> result = new AtomicReference<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> redrive = executor.submit(() -> result.set(admin.redrive(new RedriveRequest("redrive-dlq", null, 1000),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))));
            List<Future<?>> consumers = IntStream.range(0, 3).<Future<?>>mapToObj(consumer -> executor.submit(() -> {
                long deadline = System.nanoTime() + QueueTesting.POLL_TIMEOUT.toNanos();
                while (received.size() < count && System.nanoTime() < deadline) {
                    for (ReceivedMessage message : queues.receive("redrive", 10)) {
                        if (!received.add(message.messageId())) {
                            synchronized (duplicates) {
                                duplicates.add(message.messageId());
                            }
                        }
                        queues.delete(message.receiptHandle());
                    }
                }
            })).toList();
            redrive.get();
            for (Future<?> consumer : consumers) {
                consumer.get();
            }
        }
        assertThat(result.get().moved()).isEqualTo(count);
        assertThat(received).isEqualTo(sent);
        assertThat(duplicates).isEmpty();
        assertThat(admin.deadLetters("redrive-dlq", null, 10).letters()).isEmpty();
    }

    @Test
    void a_redrive_keeps_to_its_rate_and_can_target_another_queue() {
        defineWithDeadLetters("paced", 1);
        admin.define(QueueDefinition.standard("paced-elsewhere"));
        for (int index = 0; index < 25; index++) {
            queues.send("paced", message("tenant-a", "m" + index));
        }
        deadLetterEverything("paced", 25);
        MutableClock clock = new MutableClock();
        List<Duration> pauses = new ArrayList<>();
        QueueAdmin paced = new QueueAdmin(queues, clock, duration -> {
            pauses.add(duration);
            clock.advance(duration);
        });
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        RedriveResult result = paced.redrive(new RedriveRequest("paced-dlq", "paced-elsewhere", 10),
                new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertThat(result).isEqualTo(new RedriveResult(25, 0, 3));
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("redriven 10/25", "redriven 20/25", "redriven 25/25");
        assertThat(queues.receive("paced-elsewhere", 10)).hasSize(10);
        assertThat(queues.receive("paced", 10)).isEmpty();
    }

    @Test
    void dead_letters_are_listed_in_pages_and_purged() {
        defineWithDeadLetters("paged", 1);
        for (int index = 0; index < 7; index++) {
            queues.send("paged", message("tenant-" + index % 2, "m" + index));
        }
        deadLetterEverything("paged", 7);
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            DeadLetterPage page = admin.deadLetters("paged-dlq", cursor, 3);
            page.letters().forEach(letter -> seen.add(letter.messageId()));
            String text = QueueAdmin.format(page);
            assertThat(text).contains("paged").doesNotContain("m0");
            // The hint names the CLI's own option: `payrail dlq list QUEUE --cursor C`.
            assertThat(text).contains(page.nextCursor() == null ? "(last page)" : "next page: --cursor " + page.nextCursor());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
        assertThat(admin.purge("paged-dlq")).isEqualTo(7);
        assertThat(admin.deadLetters("paged-dlq", null, 3).letters()).isEmpty();
        assertThatThrownBy(() -> admin.deadLetters("paged-dlq", "oops", 3))
                .hasMessage("page cursor must be the one the previous page printed, got 'oops'");
        assertThatThrownBy(() -> admin.deadLetters("paged-dlq", null, 101)).hasMessage("page size must be 1 to 100, got 101");
    }

    @Test
    void queue_definitions_refuse_inconsistent_dead_letter_queues() {
        admin.define(QueueDefinition.fifo("ordered-dlq"));
        assertThatThrownBy(() -> admin.define(QueueDefinition.standard("mixed").withDeadLetterQueue("ordered-dlq", 3)))
                .hasMessage("dead-letter queue 'ordered-dlq' is FIFO but queue 'mixed' is STANDARD; they must be of the same type");
        assertThatThrownBy(() -> admin.define(QueueDefinition.standard("orphan").withDeadLetterQueue("nowhere", 3)))
                .hasMessage("dead-letter queue 'nowhere' of queue 'orphan' does not exist; define it first");
        assertThatThrownBy(() -> admin.define(QueueDefinition.standard("ordered-dlq")))
                .hasMessage("queue 'ordered-dlq' is FIFO and cannot become STANDARD");
        assertThatThrownBy(() -> QueueDefinition.standard("Bad Name"))
                .hasMessageStartingWith("queue name must be 1 to 80 lowercase letters");
    }

    @Test
    void the_queue_listing_shows_depth_in_flight_and_dead_letter_depth() {
        defineWithDeadLetters("listed", 1);
        queues.send("listed", message("tenant-a", "a"));
        queues.send("listed", message("tenant-a", "b"));
        queues.send("listed", message("tenant-a", "c").withDelay(Duration.ofMinutes(5)));
        ReceivedMessage first = queues.receive("listed", 1).getFirst();
        queues.fail(first.receiptHandle(), "no");
        queues.receive("listed", 1);
        QueueSummary summary = admin.listQueues().stream().filter(queue -> queue.name().equals("listed")).findFirst().orElseThrow();
        assertThat(summary).extracting(QueueSummary::ready, QueueSummary::inFlight, QueueSummary::delayed,
                QueueSummary::deadLetterDepth).containsExactly(0L, 1L, 1L, 1L);
        assertThat(QueueAdmin.format(admin.listQueues())).contains("listed", "listed-dlq", "IN_FLIGHT");
    }

    /** Receives and fails every message of a queue whose maxReceiveCount is 1, so all go to its DLQ. */
    private static void deadLetterEverything(String queue, int count) {
        int deadLettered = 0;
        while (deadLettered < count) {
            for (ReceivedMessage message : queues.receive(queue, 10)) {
                assertThat(queues.fail(message.receiptHandle(), "poison")).isEqualTo(FailOutcome.DEAD_LETTERED);
                deadLettered++;
            }
        }
    }

    /** A clock that moves only when told. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
