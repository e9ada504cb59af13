package io.payrail.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrentAppendTests {
    private static final int WRITERS = 16;

    private TestDatabase database;
    private PostgresEventStore store;

    @BeforeEach
    void start() {
        database = StoreDatabases.empty();
        store = new PostgresEventStore(database.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void many_writers_on_one_stream_exactly_one_wins_each_revision() throws Exception {
        int rounds = 30;
        Map<Long, List<Integer>> winnersByRevision = new ConcurrentHashMap<>();
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < rounds; round++) {
                long expected = round - 1;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<AppendResult>> results = new ArrayList<>();
                for (int writer = 0; writer < WRITERS; writer++) {
                    int number = round * 100 + writer;
                    results.add(writers.submit(() -> {
                        go.await();
                        ExpectedRevision expectation = expected < 0 ? ExpectedRevision.noStream() : ExpectedRevision.exactly(expected);
                        return store.append("hot", expectation, List.of(TestEvents.numbered(number)));
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<AppendResult> result : results) {
                    switch (result.get()) {
                        case AppendResult.Appended appended -> {
                            winners++;
                            winnersByRevision.computeIfAbsent(appended.nextRevision(), ignored -> new ArrayList<>()).add(1);
                        }
                        case AppendResult.Conflict conflict -> assertThat(conflict.currentRevision()).isEqualTo(round);
                        case AppendResult.Rejected rejected -> throw new AssertionError(rejected.reason());
                    }
                }
                assertThat(winners).as("winners of round %d", round).isEqualTo(1);
            }
        }
        List<RecordedEvent> stream = store.readStream("hot", 0, ReadDirection.FORWARDS, 1000);
        assertThat(stream).extracting(RecordedEvent::revision).containsExactlyElementsOf(revisions(rounds));
        assertThat(winnersByRevision).hasSize(rounds);
    }

    @Test
    void readers_following_the_log_never_go_backwards_and_miss_nothing_while_many_writers_append() throws Exception {
        writeWhileReadersFollow(store);
    }

    @Test
    void with_two_group_commit_lanes_readers_still_never_go_backwards_and_miss_nothing() throws Exception {
        try (PostgresEventStore twoLanes = new PostgresEventStore(database.dataSource(), Clock.systemUTC(),
                StoreOptions.defaults().withGroupCommitLanes(2), SchemaRegistry.lenient(), Upcasters.none())) {
            writeWhileReadersFollow(twoLanes);
        }
    }

    private void writeWhileReadersFollow(PostgresEventStore store) throws Exception {
        int streams = 50;
        int appendsPerWriter = 60;
        AtomicBoolean writing = new AtomicBoolean(true);
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Long>>> readers = new ArrayList<>();
            for (int reader = 0; reader < 3; reader++) {
                readers.add(threads.submit(() -> follow(store, writing)));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int id = writer;
                writers.add(threads.submit(() -> {
                    for (int append = 0; append < appendsPerWriter; append++) {
                        String stream = "stream-" + ((id * 7 + append) % streams);
                        int size = 1 + append % 3;
                        AppendResult result = store.append(stream, ExpectedRevision.any(), TestEvents.numbered(append, size));
                        AppendResult.Appended appended = (AppendResult.Appended) result;
                        for (long position = appended.firstPosition(); position <= appended.lastPosition(); position++) {
                            acknowledged.add(position);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            long head = store.headPosition();
            assertThat(acknowledged).hasSize((int) head);
            for (Future<List<Long>> reader : readers) {
                List<Long> seen = reader.get();
                assertThat(seen).as("positions one reader met, in order").isSorted().doesNotHaveDuplicates();
                assertThat(seen).containsExactlyInAnyOrderElementsOf(acknowledged);
            }
        }
    }

    @Test
    void concurrent_appends_share_commits_and_a_conflict_fails_only_its_own_append() throws Exception {
        store.append("taken", ExpectedRevision.noStream(), TestEvents.numbered(0, 1));
        GroupCommitStats before = store.groupCommitStats();
        int appends = 400;
        List<Future<AppendResult>> results = new ArrayList<>();
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int append = 0; append < appends; append++) {
                int number = append;
                results.add(writers.submit(() -> number % 10 == 0
                        ? store.append("taken", ExpectedRevision.noStream(), TestEvents.numbered(number, 1))
                        : store.append("free-" + number, ExpectedRevision.noStream(), TestEvents.numbered(number, 1))));
            }
        }
        int appended = 0;
        int conflicts = 0;
        for (Future<AppendResult> result : results) {
            switch (result.get()) {
                case AppendResult.Appended ignored -> appended++;
                case AppendResult.Conflict conflict -> {
                    assertThat(conflict.stream()).isEqualTo("taken");
                    conflicts++;
                }
                case AppendResult.Rejected rejected -> throw new AssertionError(rejected.reason());
            }
        }
        GroupCommitStats batching = store.groupCommitStats().minus(before);
        assertThat(appended).isEqualTo(appends - appends / 10);
        assertThat(conflicts).isEqualTo(appends / 10);
        assertThat(batching.appends()).isEqualTo(appends);
        assertThat(batching.commits()).as("commits for %d concurrent appends", appends).isLessThan(appends);
        assertThat(store.headPosition()).isEqualTo(1 + appended);
    }

    /** Reads the log in small pages until writing stopped and the head is reached. */
    private static List<Long> follow(EventStore store, AtomicBoolean writing) {
        List<Long> seen = new ArrayList<>();
        long after = 0;
        while (true) {
            boolean lastRound = !writing.get();
            List<RecordedEvent> page = store.readLog(after, 7);
            for (RecordedEvent event : page) {
                assertThat(event.position()).as("a reader met a position below one it saw").isGreaterThan(after);
                seen.add(event.position());
                after = event.position();
            }
            if (lastRound && page.isEmpty()) {
                return seen;
            }
        }
    }

    private static List<Long> revisions(int count) {
        List<Long> revisions = new ArrayList<>();
        for (long revision = 0; revision < count; revision++) {
            revisions.add(revision);
        }
        return revisions;
    }
}
