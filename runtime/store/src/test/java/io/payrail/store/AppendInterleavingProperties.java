package io.payrail.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Arbitrary interleavings of appends (several at once, so they share group commits) and reads keep
 * every stream's revisions contiguous from 0, and the log holds exactly the acknowledged events.
 */
class AppendInterleavingProperties {
    private static final int STREAMS = 3;

    private static TestDatabase database;
    private static PostgresEventStore store;

    /** One append: a stream, an expectation kind (0 any, 1 no stream, 2 exact current, 3 exact stale), a size. */
    record AppendAction(int stream, int expectation, int size) {}

    /** Appends sent at the same time, then a read of the log or of one stream. */
    record Step(List<AppendAction> appends, boolean readLog, int streamToRead) {}

    @BeforeContainer
    static void start() {
        database = StoreDatabases.empty();
        store = new PostgresEventStore(database.dataSource(), Clock.systemUTC());
    }

    @AfterContainer
    static void stop() {
        store.close();
    }

    @Property(tries = 25)
    void every_stream_stays_contiguous_whatever_the_interleaving(@ForAll("steps") List<Step> steps) throws Exception {
        String prefix = UUID.randomUUID() + "-";
        Map<Integer, Long> acknowledgedEvents = new HashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Step step : steps) {
                List<Future<AppendResult>> results = new ArrayList<>();
                for (AppendAction action : step.appends()) {
                    ExpectedRevision expected = expectation(action, prefix);
                    results.add(threads.submit(() -> store.append(prefix + action.stream(), expected,
                            TestEvents.numbered(0, action.size()))));
                }
                for (int index = 0; index < results.size(); index++) {
                    if (results.get(index).get() instanceof AppendResult.Appended) {
                        acknowledgedEvents.merge(step.appends().get(index).stream(), (long) step.appends().get(index).size(), Long::sum);
                    }
                }
                if (step.readLog()) {
                    assertLogIsOrdered();
                } else {
                    assertContiguous(prefix + step.streamToRead());
                }
            }
        }
        for (int stream = 0; stream < STREAMS; stream++) {
            List<RecordedEvent> events = assertContiguous(prefix + stream);
            assertThat((long) events.size()).isEqualTo(acknowledgedEvents.getOrDefault(stream, 0L));
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<AppendAction> append = Combinators.combine(
                Arbitraries.integers().between(0, STREAMS - 1),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(1, 3)).as(AppendAction::new);
        Arbitrary<Step> step = Combinators.combine(append.list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, STREAMS - 1)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(8);
    }

    private static ExpectedRevision expectation(AppendAction action, String prefix) {
        List<RecordedEvent> last = store.readStream(prefix + action.stream(), Long.MAX_VALUE, ReadDirection.BACKWARDS, 1);
        long current = last.isEmpty() ? -1 : last.getFirst().revision();
        return switch (action.expectation()) {
            case 0 -> ExpectedRevision.any();
            case 1 -> ExpectedRevision.noStream();
            case 2 -> current < 0 ? ExpectedRevision.noStream() : ExpectedRevision.exactly(current);
            default -> ExpectedRevision.exactly(current + 5);
        };
    }

    private static List<RecordedEvent> assertContiguous(String stream) {
        List<RecordedEvent> events = store.readStream(stream, 0, ReadDirection.FORWARDS, EventStore.READ_LIMIT_MAX);
        for (int index = 0; index < events.size(); index++) {
            assertThat(events.get(index).revision()).as("revision at index %d of %s", index, stream).isEqualTo(index);
        }
        return events;
    }

    private static void assertLogIsOrdered() {
        long head = store.headPosition();
        long after = Math.max(0, head - 50);
        List<RecordedEvent> tail = store.readLog(after, 100);
        for (int index = 0; index < tail.size(); index++) {
            assertThat(tail.get(index).position()).isEqualTo(after + 1 + index);
        }
    }
}
