package io.payrail.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.payrail.platform.Database;
import io.payrail.platform.EmbeddedPostgresServer;
import io.payrail.platform.Json;
import io.payrail.platform.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the PostgreSQL server with SIGKILL while many appends are in flight, restarts it on the same
 * data directory, and checks that every acknowledged append survived and no append is half there.
 */
class DatabaseCrashTests {
    private static final int WRITERS = 8;
    private static final int STREAMS = 20;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 150;
    private static final long RESTART_WAIT_MILLIS_MAX = 60_000;

    @TempDir
    Path directory;

    @Test
    void every_acknowledged_append_survives_a_killed_server_and_none_is_half_written() throws Exception {
        Path dataDirectory = directory.resolve("data");
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, 0);
        try (HikariDataSource pool = Database.pool(server.jdbcUrl("postgres"), 12)) {
            Migrations.apply(pool, List.of("platform", "store"));
            pool.setConnectionTimeout(300);
            try (PostgresEventStore store = new PostgresEventStore(pool, Clock.systemUTC())) {
                appendUntilKilled(store, dataDirectory, acknowledged);
            }
        } finally {
            server.close();
        }
        EmbeddedPostgresServer restarted = restart(dataDirectory);
        try (HikariDataSource pool = Database.pool(restarted.jdbcUrl("postgres"), 4);
                PostgresEventStore store = new PostgresEventStore(pool, Clock.systemUTC())) {
            List<RecordedEvent> log = readWholeLog(store);
            Map<Integer, List<Integer>> partsByAppend = new HashMap<>();
            for (int index = 0; index < log.size(); index++) {
                RecordedEvent event = log.get(index);
                assertThat(event.position()).isEqualTo(index + 1);
                partsByAppend.computeIfAbsent(event.envelope().data().get("append").asInt(), ignored -> new ArrayList<>())
                        .add(event.envelope().data().get("part").asInt());
            }
            assertThat(partsByAppend.keySet()).containsAll(acknowledged);
            partsByAppend.forEach((append, parts) -> assertThat(parts).as("parts of append %d", append).containsExactly(0, 1));
            for (int stream = 0; stream < STREAMS; stream++) {
                List<RecordedEvent> events = store.readStream("crash-" + stream, 0, ReadDirection.FORWARDS, EventStore.READ_LIMIT_MAX);
                for (int revision = 0; revision < events.size(); revision++) {
                    assertThat(events.get(revision).revision()).isEqualTo(revision);
                }
            }
        } finally {
            restarted.close();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
    }

    private static void appendUntilKilled(PostgresEventStore store, Path dataDirectory, Set<Integer> acknowledged) throws Exception {
        AtomicInteger nextAppend = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                futures.add(writers.submit(() -> {
                    while (running.get()) {
                        int append = nextAppend.getAndIncrement();
                        try {
                            AppendResult result = store.append("crash-" + append % STREAMS, ExpectedRevision.any(),
                                    List.of(part(append, 0), part(append, 1)));
                            assertThat(result).isInstanceOf(AppendResult.Appended.class);
                            acknowledged.add(append);
                        } catch (io.payrail.platform.DatabaseException expectedAfterKill) {
                            return null;
                        }
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + RESTART_WAIT_MILLIS_MAX * 1_000_000;
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < deadline
                    && futures.stream().anyMatch(future -> !future.isDone())) {
                Thread.sleep(10);
            }
            killServer(dataDirectory);
            Thread.sleep(500);
            running.set(false);
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    private static void killServer(Path dataDirectory) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        postmaster.onExit().get();
    }

    private static EmbeddedPostgresServer restart(Path dataDirectory) throws InterruptedException {
        long deadline = System.nanoTime() + RESTART_WAIT_MILLIS_MAX * 1_000_000;
        while (true) {
            try {
                return EmbeddedPostgresServer.start(dataDirectory, 0);
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(500);
            }
        }
    }

    private static EventEnvelope part(int append, int part) {
        ObjectNode data = Json.mapper().createObjectNode().put("append", append).put("part", part);
        return TestEvents.event("test.crash", data);
    }

    private static List<RecordedEvent> readWholeLog(EventStore store) {
        List<RecordedEvent> all = new ArrayList<>();
        long after = 0;
        for (int page = 0; page < 1_000; page++) {
            List<RecordedEvent> events = store.readLog(after, EventStore.READ_LIMIT_MAX);
            if (events.isEmpty()) {
                return all;
            }
            all.addAll(events);
            after = events.getLast().position();
        }
        throw new AssertionError("the log is longer than the test ever writes");
    }
}
